import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const cli = fileURLToPath(new URL('./ingest-cli.ts', import.meta.url));
const tsx = fileURLToPath(new URL('../../../../node_modules/.bin/tsx', import.meta.url));

let workDir: string;
beforeAll(async () => {
  workDir = await mkdtemp(path.join(os.tmpdir(), 'lac-ingest-cli-'));
  await writeFile(path.join(workDir, 'bon.md'), '---\ntitle: Bon\nagent_owner: carole\n---\nUn Reel par semaine.');
  await writeFile(path.join(workDir, 'mauvais.md'), '---\nagent_owner: personne\n---\nTexte.');
});
afterAll(async () => {
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

const environment = () => ({
  ...process.env,
  DATA_DIR: path.join(workDir, 'data'),
  // Nothing listens there: the CLI starts its own embedded database under DATA_DIR.
  EMBEDDED_DB_PORT: '1',
  DATABASE_URL: '',
  OPENAI_API_KEY: '',
  INIT_CWD: workDir,
  LOG_LEVEL: 'silent',
});

describe('ingest CLI', () => {
  it('ingests what it can, names the failing file, exits 1, then reports unchanged files', async () => {
    const first = await run(tsx, [cli, '.'], { cwd: workDir, env: environment() }).then(
      () => ({ code: 0, stdout: '' }),
      (error: { code: number; stdout: string }) => error,
    );
    expect(first.code).toBe(1);
    expect(first.stdout).toContain('created   bon.md (1 extraits)');
    expect(first.stdout).toMatch(/failed +mauvais\.md: .*agent_owner/);

    const second = await run(tsx, [cli, 'bon.md'], { cwd: workDir, env: environment() });
    expect(second.stdout).toContain('unchanged bon.md');
  }, 90_000); // two embedded-database starts in child processes: ~10 s alone, slower on a busy 2-core machine

  it('prints its usage and exits 2 without paths', async () => {
    const outcome = await run(tsx, [cli], { cwd: workDir, env: environment() }).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => error,
    );
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toContain('Usage : pnpm ingest');
  });
});
