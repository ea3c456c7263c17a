import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * Imports between the folders of packages/core/src flow one way, in the order of the layers table of
 * docs/architecture.md ("Where things live"): a folder imports only from its own row or rows above.
 */

const sourceRoot = path.dirname(fileURLToPath(import.meta.url));
const architectureDoc = path.join(sourceRoot, '..', '..', '..', 'docs', 'architecture.md');

function sourceFiles(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const full = path.join(directory, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [full] : [];
  });
}

/** Folder → folders it imports (relative imports of its non-test files), with one file naming each edge. */
function folderImports(root: string): Map<string, Map<string, string>> {
  const edges = new Map<string, Map<string, string>>();
  for (const file of sourceFiles(root)) {
    const [folder, ...rest] = path.relative(root, file).split(path.sep);
    if (rest.length === 0) continue; // the public entry files at the root import everything
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)['"](\.{1,2}\/[^'"]+)['"]/g)) {
      const [target] = path.relative(root, path.resolve(path.dirname(file), match[1]!)).split(path.sep);
      if (target === undefined || target === '..' || target === folder || !statSync(path.join(root, target), { throwIfNoEntry: false })?.isDirectory()) continue;
      const targets = edges.get(folder!) ?? new Map<string, string>();
      if (!targets.has(target)) targets.set(target, path.relative(root, file));
      edges.set(folder!, targets);
    }
  }
  return edges;
}

/** The rows of the layers table, top (lowest layer) first: each row lists its folders in backticks. */
function documentedLayers(): string[][] {
  const text = readFileSync(architectureDoc, 'utf8');
  const table = text.slice(text.indexOf('| folder | role |'));
  const rows = table.slice(0, table.indexOf('\n\n')).split('\n').slice(2);
  return rows.map((row) => [...(row.split('|')[1] ?? '').matchAll(/`([^`]+)`/g)].map((match) => match[1]!));
}

/** A cycle among the folders as a path (first folder repeated at the end), or null. */
function findCycle(edges: Map<string, Map<string, string>>): string[] | null {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (folder: string): string[] | null => {
    state.set(folder, 'open');
    stack.push(folder);
    for (const target of edges.get(folder)?.keys() ?? []) {
      if (state.get(target) === 'open') return [...stack.slice(stack.indexOf(target)), target];
      if (state.get(target) === undefined) {
        const cycle = visit(target);
        if (cycle) return cycle;
      }
    }
    stack.pop();
    state.set(folder, 'done');
    return null;
  };
  for (const folder of edges.keys()) {
    if (state.get(folder) !== undefined) continue;
    const cycle = visit(folder);
    if (cycle) return cycle;
  }
  return null;
}

describe('packages/core/src folder layers', () => {
  const edges = folderImports(sourceRoot);

  it('has no import cycle between folders', () => {
    expect(findCycle(edges)).toBeNull();
  });

  it('imports only from the same or a lower layer of docs/architecture.md, which lists every folder', () => {
    const layers = documentedLayers();
    const layerOf = new Map(layers.flatMap((folders, index) => folders.map((folder) => [folder, index] as const)));
    const folders = readdirSync(sourceRoot).filter((name) => statSync(path.join(sourceRoot, name)).isDirectory());
    expect(folders.filter((folder) => !layerOf.has(folder))).toEqual([]);
    const upward: string[] = [];
    for (const [folder, targets] of edges) {
      for (const [target, file] of targets) {
        if ((layerOf.get(target) ?? -1) > (layerOf.get(folder) ?? -1)) upward.push(`${folder} → ${target} (${file})`);
      }
    }
    expect(upward).toEqual([]);
  });

  it('finds a cycle when there is one (the checker itself)', () => {
    const cyclic = new Map([
      ['store', new Map([['retrieval', 'store/x.ts']])],
      ['retrieval', new Map([['store', 'retrieval/y.ts']])],
    ]);
    expect(findCycle(cyclic)).toEqual(['store', 'retrieval', 'store']);
  });
});
