import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// The modules the test uses, not the '@lac/core' barrel (about 2 s of import per test file).
import { startTemporaryDatabase, type TemporaryDatabase } from '../../../../packages/core/src/database/temporary-database.ts';
import { HashingEmbedder } from '../../../../packages/core/src/local/hashing-embedder.ts';
import { createIngestQueue, startIngestWorker, PgIngestStore } from '@lac/core/knowledge';
import { createRedisTestContext, type RedisTestContext, buildMinimalPdf } from '@lac/core/testing';
import { parseIngestArguments } from './ingest-cli-arguments.ts';

const runFile = promisify(execFile);
const cli = fileURLToPath(new URL('./ingest-cli.ts', import.meta.url));
const tsx = fileURLToPath(new URL('../../../../node_modules/.bin/tsx', import.meta.url));

let redis: RedisTestContext;
let database: TemporaryDatabase;
let workDir: string;

beforeAll(async () => {
  redis = createRedisTestContext('ingest-cli');
  database = await startTemporaryDatabase();
  workDir = await mkdtemp(path.join(os.tmpdir(), 'lac-ingest-cli-'));
  await mkdir(path.join(workDir, 'kb'));
  await writeFile(path.join(workDir, 'kb', 'bon.md'), '---\ntitle: Bon\nagent_owner: carole\n---\nUn Reel par semaine.');
  await writeFile(path.join(workDir, 'kb', 'plaquette.pdf'), buildMinimalPdf({ title: 'Plaquette', pages: [['Nos tunnels de vente et automatisations Zapier.']] }));
  await writeFile(path.join(workDir, 'kb', 'mauvais.md'), '---\nagent_owner: personne\n---\nTexte.');
});
afterAll(async () => {
  await database?.stop();
  await redis?.cleanup();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

const environment = (overrides: Record<string, string> = {}) => ({
  ...process.env,
  DATABASE_URL: database.connectionString,
  REDIS_URL: redis.redisUrl,
  QUEUE_PREFIX: redis.prefix,
  OPENAI_API_KEY: '',
  INIT_CWD: workDir,
  LOG_LEVEL: 'silent',
  ...overrides,
});

async function ingest(args: string[], overrides: Record<string, string> = {}) {
  // stderr is a pipe here, not a terminal: the progress comes as plain lines.
  return runFile(tsx, [cli, ...args], { cwd: workDir, env: environment(overrides) }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );
}

describe('pnpm ingest', () => {
  it('enqueues one job per file, runs them in its own worker, prints progress lines and the summary, exits 1 on a failed file', async () => {
    const run = await ingest(['kb']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`file « ingest » (préfixe ${redis.prefix})`);
    expect(run.stdout).toContain('créé       kb/bon.md (1 extrait)');
    expect(run.stdout).toContain('créé       kb/plaquette.pdf (1 extrait)');
    expect(run.stdout).toMatch(/échec +kb\/mauvais\.md: front matter invalide : agent_owner/);
    expect(run.stdout).toContain('3 fichier(s) : 2 créé(s), 0 mis à jour, 0 inchangé(s), 1 en échec.');
    const progressLines = run.stderr.split('\n').filter((line) => /^\[\d\/3\] /.test(line));
    expect(progressLines.map((line) => line.slice(0, 6)).sort()).toEqual(['[1/3] ', '[2/3] ', '[3/3] ']);

    const queue = createIngestQueue({ connection: redis.redis, config: redis.config() });
    try {
      expect(await queue.getJobCounts('completed', 'failed', 'waiting', 'active')).toEqual({ completed: 2, failed: 1, waiting: 0, active: 0 });
    } finally {
      await queue.close();
    }
    const documents = await database.pool.query<{ source_key: string; file_type: string }>('SELECT source_key, file_type FROM documents ORDER BY source_key');
    expect(documents.rows).toEqual([
      { source_key: 'kb/bon.md', file_type: 'markdown' },
      { source_key: 'kb/plaquette.pdf', file_type: 'pdf' },
    ]);
  });

  it('--direct needs no Redis; --enqueue-only leaves the jobs to other workers and waits for them', async () => {
    const direct = await ingest(['--direct', 'kb/bon.md'], { REDIS_URL: 'redis://127.0.0.1:1' });
    expect(direct).toMatchObject({ code: 0 });
    expect(direct.stdout).toContain('inchangé   kb/bon.md');

    const worker = startIngestWorker({ config: redis.config(), logger: redis.logger, store: new PgIngestStore(database.pool), embedder: new HashingEmbedder() });
    try {
      await writeFile(path.join(workDir, 'kb', 'bon.md'), '---\ntitle: Bon v2\nagent_owner: carole\n---\nDeux Reels par semaine.');
      const queued = await ingest(['--enqueue-only', 'kb/bon.md', 'kb/absent.md']);
      expect(queued.code).toBe(1);
      expect(queued.stdout).toContain('mis à jour kb/bon.md (1 extrait)');
      expect(queued.stdout).toContain('échec      kb/absent.md: fichier ou dossier introuvable');
    } finally {
      await worker.close();
    }
    const title = await database.pool.query(`SELECT title FROM documents WHERE source_key = 'kb/bon.md'`);
    expect(title.rows).toEqual([{ title: 'Bon v2' }]);
  });

  it('says how to do without Redis when it is unreachable, and prints its usage on bad arguments', async () => {
    const unreachable = await ingest(['kb/bon.md'], { REDIS_URL: 'redis://127.0.0.1:1' });
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr).toContain('Redis is not reachable');
    expect(unreachable.stderr).toContain('pnpm ingest --direct');
    const usage = await ingest([]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('Usage : pnpm ingest');
  });

  it('on a database that was never migrated, says to run pnpm db:migrate instead of failing every file', async () => {
    const fresh = await startTemporaryDatabase({ migrate: false });
    try {
      const run = await ingest(['--direct', 'kb/bon.md'], { DATABASE_URL: fresh.connectionString });
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('pnpm db:migrate');
      expect(run.stdout).not.toMatch(/^échec /m);
    } finally {
      await fresh.stop();
    }
  }, 60_000);
});

describe('pnpm ingest --prune', () => {
  it('removes the documents of the folder whose file is gone (deleted, renamed), never another folder’s nor a failed file’s', async () => {
    await mkdir(path.join(workDir, 'pruned'));
    await mkdir(path.join(workDir, 'pruned-not'));
    await writeFile(path.join(workDir, 'pruned', 'garde.md'), '---\ntitle: Garde\n---\nLes horaires du studio.');
    await writeFile(path.join(workDir, 'pruned', 'ancien.md'), '---\ntitle: Ancien\n---\nUn code secret QUOKKA42.');
    await writeFile(path.join(workDir, 'pruned-not', 'voisin.md'), '---\ntitle: Voisin\n---\nUn dossier à côté.');
    await writeFile(path.join(workDir, 'pruned-not', 'notes.docx'), 'PK not really a Word file');
    const first = await ingest(['--direct', 'pruned', 'pruned-not']);
    expect(first.code).toBe(0);
    // A file of a type no reader takes is named, not skipped silently.
    expect(first.stdout).toContain('ignoré     pruned-not/notes.docx (format non pris en charge');

    await rm(path.join(workDir, 'pruned', 'ancien.md'));
    await writeFile(path.join(workDir, 'pruned', 'casse.md'), '---\nagent_owner: personne\n---\nTexte.');
    const run = await ingest(['--direct', '--prune', 'pruned']);
    expect(run.code).toBe(1); // casse.md failed, and is not pruned for it
    expect(run.stdout).toContain('retiré     pruned/ancien.md');
    expect(run.stdout).toContain('1 document(s) retiré(s)');
    const keys = await database.pool.query<{ source_key: string }>("SELECT source_key FROM documents WHERE source_key LIKE 'pruned%' ORDER BY source_key");
    expect(keys.rows.map((row) => row.source_key)).toEqual(['pruned-not/voisin.md', 'pruned/garde.md']);
    const chunks = await database.pool.query("SELECT 1 FROM document_chunks WHERE content LIKE '%QUOKKA42%'");
    expect(chunks.rowCount).toBe(0);
  });
});

describe('pnpm ingest --prune, the folder emptied', () => {
  it('removes the documents of a folder whose last file was deleted, instead of stopping at "Aucun fichier"', async () => {
    await mkdir(path.join(workDir, 'emptied'));
    await writeFile(path.join(workDir, 'emptied', 'dernier.md'), '---\ntitle: Dernier\n---\nUn code secret WOMBAT17.');
    expect(await ingest(['--direct', 'emptied'])).toMatchObject({ code: 0 });
    await rm(path.join(workDir, 'emptied', 'dernier.md'));

    const run = await ingest(['--prune', 'emptied']);
    expect(run.stdout).toContain('retiré     emptied/dernier.md');
    expect(run.code).toBe(0);
    const chunks = await database.pool.query("SELECT 1 FROM document_chunks WHERE content LIKE '%WOMBAT17%'");
    expect(chunks.rowCount).toBe(0);
    // Without --prune an empty folder is still a mistake worth saying.
    expect(await ingest(['--direct', 'emptied'])).toMatchObject({ code: 1, stderr: expect.stringContaining('Aucun fichier pris en charge') });
  });
});

describe('parseIngestArguments', () => {
  it('reads modes, --force and --concurrency, and rejects contradictions', () => {
    expect(parseIngestArguments(['a.md', 'kb'])).toEqual({ paths: ['a.md', 'kb'], force: false, prune: false, mode: 'queue', concurrency: 2 });
    expect(parseIngestArguments(['--direct', '--prune', 'kb'])).toMatchObject({ prune: true, mode: 'direct' });
    expect(parseIngestArguments(['--enqueue-only', '--prune', 'kb'])).toMatchObject({ error: expect.stringContaining('--prune') });
    expect(parseIngestArguments(['--direct', '--force', 'a.md'])).toMatchObject({ mode: 'direct', force: true });
    expect(parseIngestArguments(['--enqueue-only', '--concurrency', '4', 'a.md'])).toMatchObject({ mode: 'enqueue-only', concurrency: 4 });
    expect(parseIngestArguments(['--concurrency=0', 'a.md'])).toEqual({ error: '--concurrency attend un entier de 1 à 64' });
    expect(parseIngestArguments(['--direct', '--enqueue-only', 'a.md'])).toEqual({ error: "--direct et --enqueue-only s'excluent" });
    expect(parseIngestArguments(['--bogus', 'a.md'])).toEqual({ error: 'option inconnue : --bogus' });
    expect(parseIngestArguments(['-h'])).toEqual({ help: true });
    // An unset shell variable must not ingest the current folder (the whole repository).
    expect(parseIngestArguments(['--direct', ''])).toMatchObject({ error: expect.stringContaining('chemin vide') });
    expect(parseIngestArguments(['kb', '  '])).toMatchObject({ error: expect.stringContaining('chemin vide') });
  });
});
