import { describe, expect, it } from 'vitest';
import type { DocumentInput } from '../../capabilities/capabilities.ts';
import { postgresEngine } from '../../database/temporary-database-engines.ts';
import { lockDocumentRow } from '../../testing/document-row-lock.ts';
import { describeSkippedRealPostgres, probeTestPostgres } from '../../testing/database-engines.ts';
import { databaseOnEngineAroundTests } from '../../testing/resources-around-tests.ts';
import { ConcurrentDocumentReplacementError } from './pg-document-replacement.ts';
import { PgKnowledgeStore, STORED_EMBEDDING_DIMENSIONS } from './pg-knowledge-store.ts';

/**
 * Two writers of one document at once, interleaved by a row lock: on a real PostgreSQL only
 * (PGlite runs one statement at a time for every connection, so a write cannot wait there).
 */
const unitVector = (seed: number) => {
  const values = Array.from({ length: STORED_EMBEDDING_DIMENSIONS }, (_, index) => Math.sin((index + 1) * 0.37 * seed + seed));
  const norm = Math.hypot(...values);
  return values.map((value) => value / norm);
};
const version = (sourceKey: string, name: string): DocumentInput => ({
  sourceKey, title: 'Tarifs', fileType: 'markdown', agentOwner: 'shared', tags: [], category: null, priority: 1,
  contentHash: `hash-${name}`, embeddingModel: 'local-hash-v1',
  chunks: [0, 1, 2].map((index) => ({ index, section: null, content: `Tarifs ${name} partie ${index}.`, embedding: unitVector(index + 1) })),
});
/** The same version as Supabase's replace_document_chunks writes it (another writer, in the locking transaction). */
const rpcArgument = (document: DocumentInput) =>
  JSON.stringify({
    source_key: document.sourceKey, title: document.title, file_type: document.fileType, agent_owner: document.agentOwner, tags: [], priority: 1,
    content_hash: document.contentHash,
    chunks: document.chunks.map((chunk) => ({ chunk_index: chunk.index, section: null, content: chunk.content, embedding: `[${chunk.embedding.join(',')}]`, embedding_model: document.embeddingModel })),
  });

const postgres = await probeTestPostgres();
if (!postgres.available) await describeSkippedRealPostgres('replaceDocumentInBatches with a concurrent writer');
else {
  describe(`replaceDocumentInBatches with a concurrent writer on PostgreSQL ${postgres.version}`, () => {
    const database = databaseOnEngineAroundTests(postgresEngine(postgres));
    const storedChunks = async (sourceKey: string) =>
      (await database().pool.query<{ content: string }>(
        `SELECT chunk.content FROM document_chunks chunk JOIN documents document ON document.id = chunk.document_id
         WHERE document.source_key = $1 ORDER BY chunk.chunk_index`,
        [sourceKey],
      )).rows.map((row) => row.content);

    it('fails naming the document, in French, when another writer replaced it during the write; the other version stays whole', async () => {
      const store = new PgKnowledgeStore(database().pool);
      await store.upsertDocument(version('tarifs.md', 'v1'));
      const lock = await lockDocumentRow(database().connectionString, 'tarifs.md', 'FOR NO KEY UPDATE');
      try {
        const writing = store.upsertDocument(version('tarifs.md', 'v2')).then(() => null, (error: unknown) => error);
        await lock.waitForBlockedStatement('SELECT content_hash, chunk_generation FROM documents');
        await lock.session.query('SELECT * FROM replace_document_chunks($1::jsonb)', [rpcArgument(version('tarifs.md', 'v3'))]);
        await lock.commit();
        const error = await writing;
        expect(error).toBeInstanceOf(ConcurrentDocumentReplacementError);
        expect((error as Error).message).toMatch(/^tarifs\.md: remplacé par une autre ingestion du même document pendant l'écriture ; la version enregistrée est celle de l'autre ingestion/);
      } finally {
        await lock.commit();
      }
      expect(await storedChunks('tarifs.md')).toEqual(['Tarifs v3 partie 0.', 'Tarifs v3 partie 1.', 'Tarifs v3 partie 2.']);
      expect(await store.findDocumentHash('tarifs.md')).toBe('hash-v3');
    }, 60_000);

    it('fails naming the document, in French, when it was deleted during the write (not a foreign key error in English), and leaves nothing', async () => {
      const store = new PgKnowledgeStore(database().pool);
      await store.upsertDocument(version('retire.md', 'v1'));
      const lock = await lockDocumentRow(database().connectionString, 'retire.md', 'FOR UPDATE');
      try {
        const writing = store.upsertDocument(version('retire.md', 'v2')).then(() => null, (error: unknown) => error);
        await lock.waitForBlockedStatement('INSERT INTO document_chunks');
        await lock.session.query(`DELETE FROM documents WHERE source_key = 'retire.md'`);
        await lock.commit();
        const error = await writing;
        expect(error).toBeInstanceOf(ConcurrentDocumentReplacementError);
        expect((error as Error).message).toMatch(/^retire\.md: document supprimé \(--prune ou une autre ingestion\) pendant l'écriture/);
      } finally {
        await lock.commit();
      }
      expect(await storedChunks('retire.md')).toEqual([]);
      expect(await store.findDocumentHash('retire.md')).toBeNull();
    }, 60_000);
  });
}
