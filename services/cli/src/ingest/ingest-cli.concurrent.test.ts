import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
// The modules the test uses, not the '@lac/core' barrel (about 2 s of import per test file).
import { postgresEngine } from '../../../../packages/core/src/database/temporary-database-engines.ts';
import { HashingEmbedder } from '../../../../packages/core/src/local/hashing-embedder.ts';
import { describeSkippedRealPostgres, probeTestPostgres } from '../../../../packages/core/src/testing/database-engines.ts';
import { lockDocumentRow } from '../../../../packages/core/src/testing/document-row-lock.ts';
import { databaseOnEngineAroundTests, temporaryFolderAroundTests } from '../../../../packages/core/src/testing/resources-around-tests.ts';
import { ingestFile, PgIngestStore } from '@lac/core/knowledge';

const runFile = promisify(execFile);
const cli = fileURLToPath(new URL('./ingest-cli.ts', import.meta.url));
const tsx = fileURLToPath(new URL('../../../../node_modules/.bin/tsx', import.meta.url));

/** `pnpm ingest --direct` while another writer replaces the same document: on a real PostgreSQL only (a write cannot wait on PGlite). */
const postgres = await probeTestPostgres();
if (!postgres.available) await describeSkippedRealPostgres('pnpm ingest with a concurrent writer');
else {
  describe(`pnpm ingest with a concurrent writer on PostgreSQL ${postgres.version}`, () => {
    const database = databaseOnEngineAroundTests(postgresEngine(postgres));
    const workDir = temporaryFolderAroundTests('lac-ingest-cli-concurrent-');

    it('reports the document replaced meanwhile in French, by name, exits 1 and leaves the other version stored', async () => {
      const file = path.join(workDir(), 'kb', 'tarifs.md');
      await mkdir(path.dirname(file));
      await writeFile(file, '# Tarifs\n\nUne séance coûte 90 euros.');
      const store = new PgIngestStore(database().pool);
      const embedder = new HashingEmbedder();
      expect(await ingestFile(file, 'kb/tarifs.md', { store, embedder })).toMatchObject({ status: 'created' });
      await writeFile(file, '# Tarifs\n\nUne séance coûte 95 euros.');

      const lock = await lockDocumentRow(database().connectionString, 'kb/tarifs.md', 'FOR NO KEY UPDATE');
      let run: { code: number; stdout: string };
      try {
        const env = { ...process.env, DATABASE_URL: database().connectionString, OPENAI_API_KEY: '', INIT_CWD: workDir(), LOG_LEVEL: 'silent' };
        const running = runFile(tsx, [cli, '--direct', 'kb/tarifs.md'], { cwd: workDir(), env }).then(
          ({ stdout }) => ({ code: 0, stdout }),
          (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
        );
        await lock.waitForBlockedStatement('SELECT content_hash, chunk_generation FROM documents');
        // The other writer: Supabase's replace_document_chunks, with the version it read.
        const vector = `[${(await embedder.embed(['Une séance coûte 100 euros.'])).vectors[0]!.join(',')}]`;
        await lock.session.query('SELECT * FROM replace_document_chunks($1::jsonb)', [
          JSON.stringify({
            source_key: 'kb/tarifs.md', title: 'Tarifs', file_type: 'markdown', agent_owner: 'shared', tags: [], priority: 1, content_hash: 'autre',
            chunks: [{ chunk_index: 0, section: null, content: 'Une séance coûte 100 euros.', embedding: vector, embedding_model: embedder.model }],
          }),
        ]);
        await lock.commit();
        run = await running;
      } finally {
        await lock.commit();
      }
      expect(run.code).toBe(1);
      const failedLines = run.stdout.split('\n').filter((line) => line.startsWith('échec'));
      expect(failedLines).toEqual([
        "échec      kb/tarifs.md: remplacé par une autre ingestion du même document pendant l'écriture ; la version enregistrée est celle de l'autre ingestion, relance celle de ce fichier pour enregistrer la tienne",
      ]);
      expect(run.stdout).toContain('1 fichier(s) : 0 créé(s), 0 mis à jour, 0 inchangé(s), 1 en échec.');
      const stored = await database().pool.query<{ content: string; content_hash: string }>(
        `SELECT chunk.content, document.content_hash FROM document_chunks chunk JOIN documents document ON document.id = chunk.document_id
         WHERE document.source_key = 'kb/tarifs.md'`,
      );
      expect(stored.rows).toEqual([{ content: 'Une séance coûte 100 euros.', content_hash: 'autre' }]);
    }, 120_000);
  });
}
