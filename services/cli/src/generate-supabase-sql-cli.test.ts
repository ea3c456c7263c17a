import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// Only the two modules the test reads: the '@lac/core' barrel costs about 2.5 s of import per test file.
import { readMigrationFiles } from '../../../packages/core/src/database/migration-files.ts';
import { renderSupabaseSql } from '../../../packages/core/src/database/supabase-sql.ts';

/** `pnpm db:generate` = `tsx services/cli/src/generate-supabase-sql-cli.ts`, writing into a temporary folder. */
const runFile = promisify(execFile);
const script = fileURLToPath(new URL('./generate-supabase-sql-cli.ts', import.meta.url));
const tsx = fileURLToPath(new URL('../../../node_modules/.bin/tsx', import.meta.url));

let outputDirectory: string;
beforeAll(async () => {
  outputDirectory = await mkdtemp(path.join(tmpdir(), 'lac-db-generate-'));
});
afterAll(async () => rm(outputDirectory, { recursive: true, force: true }));

/** Runs a CLI script with tsx in the temporary folder: its exit code and output, whatever the code. */
async function runCli(cliScript: string, args: string[], env: NodeJS.ProcessEnv = process.env) {
  return runFile(tsx, [cliScript, ...args], { cwd: outputDirectory, env }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );
}

const generate = (args: string[]) => runCli(script, args);

describe('pnpm db:generate', () => {
  it('writes the Supabase SQL of the migrations to the file named, relative to the working folder', async () => {
    const migrations = await readMigrationFiles();
    const result = await generate(['out/supabase.sql']);
    const outputPath = path.join(outputDirectory, 'out', 'supabase.sql');
    expect(result).toMatchObject({ code: 0, stdout: `wrote ${outputPath} (${migrations.length} migrations)\n` });
    expect(await readFile(outputPath, 'utf8')).toBe(renderSupabaseSql(migrations));
  });

  it('refuses an unknown option with the usage and exit code 2', async () => {
    const result = await generate(['--out']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('unknown option: --out');
    expect(result.stderr).toContain('Usage: pnpm db:generate [output.sql]');
  });

  it('names the path in one line when it is a folder, and refuses an empty path', async () => {
    const folder = await generate([outputDirectory]);
    expect(folder).toMatchObject({ code: 1, stderr: `db:generate: cannot write ${outputDirectory}: is a folder, give a file name\n` });
    const empty = await generate(['']);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('empty output path');
  });
});

describe('pnpm db:migrate', () => {
  const migrateScript = fileURLToPath(new URL('./migrate-cli.ts', import.meta.url));
  it('prints its usage for --help and refuses any argument without touching a database', async () => {
    // DATABASE_URL points nowhere: were the migrations started, the command would fail with exit code 1.
    const env = { ...process.env, DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' };
    const run = (args: string[]) => runCli(migrateScript, args, env);
    const help = await run(['--help']);
    expect(help).toMatchObject({ code: 0 });
    expect(help.stdout).toContain('Usage: pnpm db:migrate');
    const bogus = await run(['--bogus']);
    expect(bogus.code).toBe(2);
    expect(bogus.stderr).toContain('unexpected argument: --bogus');
  });
});
