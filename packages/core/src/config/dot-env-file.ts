import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * Today's deployments keep their settings in a `.env` file (docs/deployment.md). Every process
 * entry point (`pnpm start`, the API, the worker, the CLIs) reads it when present, before loading
 * its configuration; a variable already in the environment wins. The file is looked for in the
 * working directory, then in each parent up to the workspace root (the folder holding
 * `pnpm-workspace.yaml`), so `pnpm --filter @lac/api start` (run in services/api) finds the root's.
 * Returns the file read, if any.
 */
export function loadDotEnvFileIfPresent(startDirectory: string = process.cwd()): string | undefined {
  let directory = path.resolve(startDirectory);
  for (;;) {
    const file = path.join(directory, '.env');
    if (existsSync(file)) {
      process.loadEnvFile(file);
      return file;
    }
    const parent = path.dirname(directory);
    if (existsSync(path.join(directory, 'pnpm-workspace.yaml')) || parent === directory) return undefined;
    directory = parent;
  }
}
