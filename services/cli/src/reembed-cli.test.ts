import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// The modules the test uses, not the '@lac/core' barrel (about 2 s of import per test file).
import { startTemporaryDatabase, type TemporaryDatabase } from '../../../packages/core/src/database/temporary-database.ts';
import { toVectorLiteral } from '../../../packages/core/src/database/vector-literal.ts';
import { HashingEmbedder } from '../../../packages/core/src/local/hashing-embedder.ts';

/** `pnpm reembed` = `tsx services/cli/src/reembed-cli.ts`, against a temporary database given as DATABASE_URL. */
const runFile = promisify(execFile);
const script = fileURLToPath(new URL('./reembed-cli.ts', import.meta.url));
const tsx = fileURLToPath(new URL('../../../node_modules/.bin/tsx', import.meta.url));

let database: TemporaryDatabase;

beforeAll(async () => {
  database = await startTemporaryDatabase();
  const vector = toVectorLiteral((await new HashingEmbedder().embed(['Zapier'])).vectors[0]!);
  for (const name of ['guide-zapier.pdf', 'guide-reels.pdf']) {
    const document = await database.pool.query<{ id: string }>(`INSERT INTO documents (filename, file_type) VALUES ($1, 'pdf') RETURNING id`, [name]);
    for (let index = 0; index < 3; index += 1) {
      await database.pool.query(
        `INSERT INTO document_chunks (document_id, content, embedding, chunk_index, embedding_model) VALUES ($1, $2, $3::vector, $4, 'text-embedding-3-small')`,
        [document.rows[0]!.id, `Extrait ${index} de ${name}.`, vector, index],
      );
    }
  }
});
afterAll(async () => {
  await database?.stop();
});

async function reembed(args: string[]) {
  const env = { ...process.env, DATABASE_URL: database.connectionString, OPENAI_API_KEY: '', LOG_LEVEL: 'silent' };
  return runFile(tsx, [script, ...args], { env }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );
}

describe('pnpm reembed', () => {
  it('counts with --dry-run, re-embeds with progress lines, then has nothing left to do', async () => {
    const dryRun = await reembed(['--dry-run']);
    expect(dryRun).toMatchObject({ code: 0 });
    expect(dryRun.stdout).toContain('modèle actuel : local-hashing-v4 — à ré-calculer : 6 extrait(s) dans 2 document(s)');
    expect((await database.pool.query(`SELECT count(*)::int AS count FROM document_chunks WHERE embedding_model = 'local-hashing-v4'`)).rows).toEqual([{ count: 0 }]);

    const run = await reembed(['--batch-size', '2']);
    expect(run).toMatchObject({ code: 0 });
    expect(run.stderr).toContain('[1/2] guide-reels.pdf (3/6 extraits)');
    expect(run.stderr).toContain('[2/2] guide-zapier.pdf (6/6 extraits)');
    expect(run.stdout).toContain('6 extrait(s) de 2 document(s) ré-calculé(s) avec local-hashing-v4.');
    const models = await database.pool.query('SELECT embedding_model, count(*)::int AS count FROM document_chunks GROUP BY embedding_model');
    expect(models.rows).toEqual([{ embedding_model: 'local-hashing-v4', count: 6 }]);

    const again = await reembed([]);
    expect(again).toMatchObject({ code: 0 });
    expect(again.stdout).toContain('à ré-calculer : 0 extrait(s) dans 0 document(s)');
    expect((await reembed(['--batch-size', 'x'])).code).toBe(2);
  });
});
