import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * For tests of a service's entry (`services/<name>/src/start.ts`): the process is spawned with a
 * module hook that holds the import of `./main.ts` for `holdMs` and says so on stderr, standing for
 * Node loading the product's code on a loaded machine (its main thread waits on the module loader
 * meanwhile, as it does while tsx compiles a large graph). A signal sent once `loadingMain` resolves
 * reaches the process before its composition root has run a line: deterministic, whatever the
 * machine's speed. A process without a handler dies of it at once; one with a handler runs it once
 * the hold ends.
 */
export interface EntryHeldWhileLoading {
  child: ChildProcess;
  /** Resolves when the entry asked for `./main.ts` (held from then on). */
  loadingMain: Promise<void>;
  /** Exit code and signal, once it exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  output(): string;
  /** Resolves once the output holds `text` (a log line of the service). */
  waitForOutput(text: string): Promise<void>;
  cleanup(): void;
}

const MARKER = 'test-hook: holding the import of ./main.ts';

export function spawnEntryHeldWhileLoading(options: { entry: string; cwd: string; env: NodeJS.ProcessEnv; holdMs?: number }): EntryHeldWhileLoading {
  const folder = mkdtempSync(path.join(tmpdir(), 'entry-held-'));
  const hooks = path.join(folder, 'hold-main-hooks.mjs');
  const register = path.join(folder, 'register-hold-main.mjs');
  writeFileSync(
    hooks,
    `import { writeSync } from 'node:fs';
export async function resolve(specifier, context, nextResolve) {
  if (specifier === './main.ts' && (context.parentURL ?? '').endsWith('/src/start.ts')) {
    writeSync(2, ${JSON.stringify(`${MARKER}\n`)});
    await new Promise((resolve) => setTimeout(resolve, ${options.holdMs ?? 3_000}));
  }
  return nextResolve(specifier, context);
}
`,
  );
  writeFileSync(register, `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`);
  // holdMs 0: no hook, the service starts as its start script runs it.
  const hook = options.holdMs === 0 ? [] : ['--import', pathToFileURL(register).href];
  const child = spawn(process.execPath, ['--import', 'tsx', ...hook, options.entry], {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const waiting = new Set<{ text: string; resolve(): void }>();
  const waitForOutput = (text: string) =>
    new Promise<void>((resolve) => {
      if (output.includes(text)) return resolve();
      waiting.add({ text, resolve });
    });
  const read = (chunk: Buffer) => {
    output += chunk.toString('utf8');
    for (const waiter of waiting) {
      if (!output.includes(waiter.text)) continue;
      waiting.delete(waiter);
      waiter.resolve();
    }
  };
  const loadingMain = waitForOutput(MARKER);
  child.stdout!.on('data', read);
  child.stderr!.on('data', read);
  const exited = once(child, 'exit').then(([code, signal]) => ({ code: code as number | null, signal: signal as NodeJS.Signals | null }));
  return {
    child,
    loadingMain,
    exited,
    output: () => output,
    waitForOutput,
    cleanup: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
