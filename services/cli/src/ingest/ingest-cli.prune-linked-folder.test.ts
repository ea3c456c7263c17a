import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// The modules the test uses, not the '@lac/core' barrel (about 2 s of import per test file).
import { startTemporaryDatabase, type TemporaryDatabase } from '../../../../packages/core/src/database/temporary-database.ts';

/**
 * One folder ingested under two spellings: its own path and a symbolic link to it (a deploy's
 * `current` link, macOS' /tmp and /private/tmp). Each run stores the documents under the path it
 * was given, and `--prune` through one spelling left the documents stored under the other, deleted
 * files included, answering for ever (probe, 2026-12-05).
 */

const runFile = promisify(execFile);
const cli = fileURLToPath(new URL('./ingest-cli.ts', import.meta.url));
const tsx = fileURLToPath(new URL('../../../../node_modules/.bin/tsx', import.meta.url));

let database: TemporaryDatabase;
let workDir: string;

beforeAll(async () => {
  database = await startTemporaryDatabase();
  workDir = await mkdtemp(path.join(os.tmpdir(), 'lac-ingest-prune-link-'));
});
afterAll(async () => {
  await database?.stop();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

const ingest = (args: string[]) =>
  runFile(tsx, [cli, '--direct', ...args], { cwd: workDir, env: { ...process.env, DATABASE_URL: database.connectionString, OPENAI_API_KEY: '', INIT_CWD: workDir, LOG_LEVEL: 'silent' } }).then(
    ({ stdout }) => ({ code: 0, stdout }),
    (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
  );

const storedKeys = async () => (await database.pool.query<{ source_key: string }>('SELECT source_key FROM documents ORDER BY source_key')).rows.map((row) => row.source_key);

describe('pnpm ingest --prune and a folder reached through a link', () => {
  it('removes the documents stored under the other spelling of the folder, the deleted files first', async () => {
    await mkdir(path.join(workDir, 'releases', 'v1'), { recursive: true });
    await symlink(path.join(workDir, 'releases', 'v1'), path.join(workDir, 'current'));
    for (const name of ['asperges', 'poireaux', 'navets']) {
      await writeFile(path.join(workDir, 'releases', 'v1', `${name}.md`), `---\ntitle: ${name}\n---\nLe guide des ${name} du potager.\n`);
    }
    expect(await ingest(['releases/v1'])).toMatchObject({ code: 0 });
    await rm(path.join(workDir, 'releases', 'v1', 'navets.md'));

    const throughTheLink = await ingest(['--prune', 'current']);
    expect(throughTheLink.code).toBe(0);
    expect(throughTheLink.stdout).toContain('retiré     releases/v1/navets.md');
    expect(await storedKeys()).toEqual(['current/asperges.md', 'current/poireaux.md']);

    await rm(path.join(workDir, 'releases', 'v1', 'poireaux.md'));
    const throughTheRealPath = await ingest(['--prune', 'releases/v1']);
    expect(throughTheRealPath.code).toBe(0);
    expect(await storedKeys()).toEqual(['releases/v1/asperges.md']);
  });
});

describe('pnpm ingest --prune and a file that is a link into the pruned folder', () => {
  it('keeps the document of the link, which belongs to the folder the link is in', async () => {
    await mkdir(path.join(workDir, 'partage'), { recursive: true });
    await mkdir(path.join(workDir, 'equipe'), { recursive: true });
    await writeFile(path.join(workDir, 'partage', 'horaires.md'), '---\ntitle: Horaires\n---\nLe studio ouvre à 9 h.\n');
    await symlink(path.join(workDir, 'partage', 'horaires.md'), path.join(workDir, 'equipe', 'horaires.md'));
    expect(await ingest(['equipe'])).toMatchObject({ code: 0 });
    expect(await ingest(['--prune', 'partage'])).toMatchObject({ code: 0 });
    expect((await storedKeys()).filter((key) => key.includes('horaires'))).toEqual(['equipe/horaires.md', 'partage/horaires.md']);
  });
});
