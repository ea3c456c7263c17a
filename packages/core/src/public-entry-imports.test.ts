import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The vendors' SDKs that only some processes use are imported when used (`await import`, or a
 * `require` on first use), never by the public entries' static import graph: `openai` and
 * `cohere-ai` (live mode, providers/live-providers.ts), supabase-js (Supabase mode) and PGlite
 * (the embedded and temporary databases). Together they cost about 1 s of start-up to every
 * process and test file that imports `@lac/core` (the API, the worker, every command line).
 * The small commands' entry, `@lac/core/command-line`, leaves out the queue engine as well.
 */
const sourceRoot = path.dirname(fileURLToPath(import.meta.url));
const loadedWhenUsed = ['openai', 'cohere-ai', '@supabase/supabase-js', '@electric-sql/pglite', '@electric-sql/pglite-pgvector'];

/** Specifiers of a file's static imports and re-exports, `import type` and `export type` left out. */
function staticImports(text: string): string[] {
  const statements = text.matchAll(/^\s*(?:import|export)\s+(type\s+)?(?:[^;'"]*?\sfrom\s*)?['"]([^'"]+)['"]/gm);
  return [...statements].filter((match) => match[1] === undefined).map((match) => match[2]!);
}

/** Every package a module reaches through static imports, with the first file found importing it. */
function packagesReachedFrom(entry: string): Map<string, string> {
  const packages = new Map<string, string>();
  const seen = new Set<string>();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const specifier of staticImports(readFileSync(file, 'utf8'))) {
      if (specifier.startsWith('.')) queue.push(path.resolve(path.dirname(file), specifier));
      else if (!packages.has(specifier)) packages.set(specifier, path.relative(sourceRoot, file));
    }
  }
  return packages;
}

const isLoadedWhenUsed = (specifier: string) => loadedWhenUsed.some((name) => specifier === name || specifier.startsWith(`${name}/`));

describe('vendor SDKs loaded only when used', () => {
  it.each(['index.ts', 'knowledge/index.ts', 'evaluation/index.ts', 'command-line.ts'])('%s does not import them statically', (entry) => {
    const reached = packagesReachedFrom(path.join(sourceRoot, entry));
    expect(reached.size).toBeGreaterThan(3); // the walk follows the graph (zod, bullmq, ioredis, pg...)
    expect([...reached].filter(([specifier]) => isLoadedWhenUsed(specifier)).map(([specifier, file]) => `${specifier} (${file})`)).toEqual([]);
  });

  it('reads the static imports of a file, not its type-only or dynamic ones', () => {
    const text = [
      "import { a, type B } from 'kept-one';",
      "import type { C } from 'left-out-type';",
      'import {\n  d,\n  e,\n} from "kept-two";',
      "export * from './kept-three.ts';",
      "export type { F } from 'left-out-export-type';",
      "import 'kept-four';",
      "const lazy = await import('left-out-dynamic');",
    ].join('\n');
    expect(staticImports(text)).toEqual(['kept-one', 'kept-two', './kept-three.ts', 'kept-four']);
  });
});

describe('@lac/core/command-line', () => {
  it('reaches neither the queue engine nor Redis: db:migrate, db:serve, db:generate and admin:hash-password start without them', () => {
    const reached = [...packagesReachedFrom(path.join(sourceRoot, 'command-line.ts')).keys()];
    expect(reached).toContain('pg');
    expect(reached.filter((specifier) => ['bullmq', 'ioredis'].includes(specifier))).toEqual([]);
  });
});
