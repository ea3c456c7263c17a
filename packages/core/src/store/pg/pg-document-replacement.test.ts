import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import type { DocumentInput } from '../../capabilities/capabilities.ts';
import { createPgPool } from '../../database/pg-pool.ts';
import { createLogger } from '../../logging/logger.ts';
import { describeOnEachDatabaseEngine } from '../../testing/database-engines.ts';
import { databaseOnEngineAroundTests } from '../../testing/resources-around-tests.ts';
import { HybridRetriever } from '../../retrieval/hybrid-retriever.ts';
import { searchChunksFullText } from './pg-full-text-search.ts';
import { MAX_STAGED_INSERT_CHUNKS, nextStagedBatchSize, replaceDocumentInBatches, STAGED_INSERT_TARGET_MS } from './pg-document-replacement.ts';
import { PgKnowledgeStore, STORED_EMBEDDING_DIMENSIONS } from './pg-knowledge-store.ts';

/** A deterministic unit vector per seed (distinct chunks land in distinct places of the HNSW graph). */
function vector(seed: number): number[] {
  const values = Array.from({ length: STORED_EMBEDDING_DIMENSIONS }, (_, index) => Math.sin((index + 1) * 0.37 * seed + seed * 1.7));
  const norm = Math.hypot(...values);
  return values.map((value) => value / norm);
}

function documentVersion(sourceKey: string, version: string, chunkCount: number, seedOffset: number, topic = 'guide'): DocumentInput {
  return {
    sourceKey,
    title: `Guide ${version}`,
    fileType: 'markdown',
    agentOwner: 'shared',
    tags: [],
    category: null,
    priority: 1,
    contentHash: `hash-${version}`,
    embeddingModel: 'local-hash-v1',
    chunks: Array.from({ length: chunkCount }, (_, index) => ({
      index,
      section: null,
      content: `Tarif ${version} de la partie ${index} : ${topic}.`,
      embedding: vector(seedOffset + index + 1),
    })),
  };
}

describe('nextStagedBatchSize', () => {
  it('aims at the target duration per statement, grows at most twofold, and stays within 1 and the maximum', () => {
    expect(nextStagedBatchSize(10, STAGED_INSERT_TARGET_MS * 2)).toBe(5);
    expect(nextStagedBatchSize(4, STAGED_INSERT_TARGET_MS / 10)).toBe(8);
    expect(nextStagedBatchSize(1, STAGED_INSERT_TARGET_MS * 30)).toBe(1);
    expect(nextStagedBatchSize(MAX_STAGED_INSERT_CHUNKS, 0)).toBe(MAX_STAGED_INSERT_CHUNKS);
  });
});

await describeOnEachDatabaseEngine('replaceDocumentInBatches', (engine) => {
  const database = databaseOnEngineAroundTests(engine);
  let writer: PgKnowledgeStore;
  /** The visitors' side: another pool, as the API is another process than the ingestion. */
  let readerPool: pg.Pool;
  let reader: PgKnowledgeStore;
  beforeAll(() => {
    writer = new PgKnowledgeStore(database().pool);
    readerPool = createPgPool(database().connectionString, { max: 2, logger: createLogger({ level: 'silent' }) });
    reader = new PgKnowledgeStore(readerPool);
  });
  afterAll(async () => {
    await readerPool?.end();
  });

  it("answers /health's and the chat's queries while a large document is written, within a small part of the write's length", async () => {
    const chunkCount = 300;
    const probeLatencies: number[] = [];
    let writing = true;
    const probes = (async () => {
      while (writing) {
        const startedAt = performance.now();
        // What GET /health asks of the database, then what a visitor's first message leads to (a search).
        await readerPool.query('SELECT 1');
        await reader.search({ agent: 'audrey', text: '', embedding: vector(7), embeddingModel: 'local-hash-v1', limit: 5, minSimilarity: 0 });
        probeLatencies.push(performance.now() - startedAt);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    })();
    const startedAt = performance.now();
    const written = await writer.upsertDocument(documentVersion('shared/large-guide.md', 'v1', chunkCount, 0));
    const writeMs = performance.now() - startedAt;
    writing = false;
    await probes;

    expect(written.status).toBe('created');
    // The probe under way when the write ended counts too (awaited above): without batches it is the only one, as long as the write.
    expect(probeLatencies.length).toBeGreaterThan(0);
    // One transaction for the whole write held PGlite's only session: a probe waited nearly all of it.
    expect(Math.max(...probeLatencies)).toBeLessThan(writeMs / 4);
  }, 120_000);

  describe('a reader during a replacement', () => {
    it('sees the old chunks or the new ones, never a mix and never none', async () => {
      const chunkCount = 45;
      const sourceKey = 'shared/tarifs.md';
      await writer.upsertDocument(documentVersion(sourceKey, 'v1', chunkCount, 1000, 'inscription'));
      const hybridRetriever = new HybridRetriever(readerPool, { minCandidatesPerSide: 200, maxCandidatesPerSide: 200 });
      const seen: string[] = [];
      let replacing = true;
      const readings = (async () => {
        while (replacing) {
          const found = await searchChunksFullText(readerPool, { agent: 'audrey', text: 'inscription', limit: 1000 });
          const versions = new Set(found.map((chunk) => chunk.content.split(' ')[1]));
          seen.push(`${found.length} chunks of ${[...versions].sort().join('+') || 'none'}`);
          // The vector search: whatever it returns of this document is of one version.
          const nearest = await reader.search({ agent: 'audrey', text: '', embedding: vector(2001), embeddingModel: 'local-hash-v1', limit: 20, minSimilarity: -1 });
          const nearestVersions = new Set(nearest.filter((chunk) => chunk.content.endsWith('inscription.')).map((chunk) => chunk.content.split(' ')[1]));
          if (nearestVersions.size > 1) seen.push(`vector search: ${[...nearestVersions].sort().join('+')}`);
          // The chat's retrieval (hybrid_search_chunks' statement): every chunk it returns of this document, of one version.
          const hybrid = await hybridRetriever.search({ agent: 'audrey', text: 'inscription', embedding: vector(2001), embeddingModel: 'local-hash-v1', limit: 200, minSimilarity: -1 });
          const hybridVersions = hybrid.filter((chunk) => chunk.content.endsWith('inscription.')).map((chunk) => chunk.content.split(' ')[1]);
          seen.push(`hybrid search: ${hybridVersions.length} chunks of ${[...new Set(hybridVersions)].sort().join('+') || 'none'}`);
          const state = await readerPool.query<{ content_hash: string; chunks: number }>(
            `SELECT document.content_hash,
                    (SELECT count(*)::int FROM document_chunks chunk WHERE chunk.document_id = document.id AND chunk.generation = document.chunk_generation) AS chunks
             FROM documents document WHERE document.source_key = $1`,
            [sourceKey],
          );
          seen.push(`${state.rows[0]?.chunks} chunks of ${state.rows[0]?.content_hash}`);
        }
      })();
      const replaced = await writer.upsertDocument(documentVersion(sourceKey, 'v2', chunkCount, 2000, 'inscription'));
      replacing = false;
      await readings;

      expect(replaced.status).toBe('updated');
      const allowed = new Set([`${chunkCount} chunks of v1`, `${chunkCount} chunks of v2`, `${chunkCount} chunks of hash-v1`, `${chunkCount} chunks of hash-v2`,
        `hybrid search: ${chunkCount} chunks of v1`, `hybrid search: ${chunkCount} chunks of v2`]);
      expect(seen.filter((reading) => !allowed.has(reading))).toEqual([]);
      const after = await database().pool.query('SELECT count(*)::int AS count FROM document_chunks chunk JOIN documents document ON document.id = chunk.document_id WHERE document.source_key = $1', [sourceKey]);
      expect(after.rows[0].count).toBe(chunkCount);
    }, 60_000);

    it("Supabase's replace_document_chunks after a store write: the RPC's chunks are the current ones; match_documents_for_agent reads only those", async () => {
      const sourceKey = 'shared/rpc-after-store.md';
      await writer.upsertDocument(documentVersion(sourceKey, 'v1', 4, 5000));
      const version = documentVersion(sourceKey, 'v2', 3, 6000);
      const pool = database().pool;
      await pool.query('SELECT * FROM replace_document_chunks($1::jsonb)', [
        JSON.stringify({
          source_key: sourceKey, title: version.title, file_type: version.fileType, agent_owner: version.agentOwner, tags: [], priority: 1, content_hash: version.contentHash,
          chunks: version.chunks.map((chunk) => ({ chunk_index: chunk.index, section: null, content: chunk.content, embedding: `[${chunk.embedding.join(',')}]`, embedding_model: version.embeddingModel })),
        }),
      ]);
      const visible = await pool.query<{ content: string }>(
        `SELECT chunk.content FROM document_chunks chunk JOIN documents document ON document.id = chunk.document_id
         WHERE document.source_key = $1 AND chunk.generation = document.chunk_generation`,
        [sourceKey],
      );
      expect(visible.rows.map((row) => row.content.split(' ')[1])).toEqual(['v2', 'v2', 'v2']);

      // A chunk of another generation (as staged by a replacement under way) is not matched.
      await pool.query(
        `INSERT INTO document_chunks (document_id, chunk_index, section, content, embedding, embedding_model, agent_owner, generation)
         SELECT id, 0, null, 'Tarif staged', $2::vector, 'local-hash-v1', 'shared', chunk_generation + 1 FROM documents WHERE source_key = $1`,
        [sourceKey, `[${vector(6001).join(',')}]`],
      );
      const matched = await pool.query<{ content: string }>('SELECT content FROM match_documents_for_agent($1::vector, -1, 1000, $2)', [`[${vector(6001).join(',')}]`, 'audrey']);
      expect(matched.rows.map((row) => row.content)).toContain(version.chunks[0]!.content);
      expect(matched.rows.map((row) => row.content)).not.toContain('Tarif staged');
    }, 60_000);

    it('stops writing when interrupted between two batches: the stored version stays, nothing of the new one is left', async () => {
      const sourceKey = 'shared/interrompu.md';
      const chunkCount = 60;
      await writer.upsertDocument(documentVersion(sourceKey, 'v1', chunkCount, 5000));
      // Ctrl-C while the new version's chunks are written: the signal is aborted right after its first batch.
      const interruption = new AbortController();
      const pool = database().pool;
      const interruptedAfterFirstBatch = new Proxy(pool, {
        get(target, property) {
          if (property === 'query') {
            return async (...args: Parameters<pg.Pool['query']>) => {
              const result = await (target.query as (...queryArgs: unknown[]) => Promise<unknown>)(...args);
              if (String(args[0]).includes('INSERT INTO document_chunks')) interruption.abort(new Error('interrompu'));
              return result;
            };
          }
          const value = Reflect.get(target, property) as unknown;
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
      await expect(replaceDocumentInBatches(interruptedAfterFirstBatch, documentVersion(sourceKey, 'v2', chunkCount, 6000), interruption.signal)).rejects.toThrow(
        'interrompu',
      );
      await expectStillVersionOne(pool, sourceKey, chunkCount);
    }, 60_000);

    it('leaves the document as it was, with no chunk of the failed version behind, when the write fails half-way', async () => {
      const sourceKey = 'shared/horaires.md';
      const chunkCount = 30;
      await writer.upsertDocument(documentVersion(sourceKey, 'v1', chunkCount, 3000));
      const broken = documentVersion(sourceKey, 'v2', chunkCount, 4000);
      // The last batch fails: the first ones were already written (as staged chunks).
      broken.chunks[chunkCount - 1]!.content = null as unknown as string;
      await expect(writer.upsertDocument(broken)).rejects.toThrow(/null value/);
      await expectStillVersionOne(database().pool, sourceKey, chunkCount);
    }, 60_000);
  });
});

/** The document is stored once, as its first version ('hash-v1', `chunkCount` chunks of 'Tarif v1'), nothing of a later one. */
async function expectStillVersionOne(pool: Pick<pg.Pool, 'query'>, sourceKey: string, chunkCount: number): Promise<void> {
  const stored = await pool.query<{ content_hash: string; contents: string[] }>(
    `SELECT document.content_hash, array_agg(chunk.content) AS contents
     FROM documents document JOIN document_chunks chunk ON chunk.document_id = document.id
     WHERE document.source_key = $1 GROUP BY document.id`,
    [sourceKey],
  );
  expect(stored.rows).toHaveLength(1);
  expect(stored.rows[0]!.content_hash).toBe('hash-v1');
  expect(stored.rows[0]!.contents).toHaveLength(chunkCount);
  expect(stored.rows[0]!.contents.every((content) => content.startsWith('Tarif v1 '))).toBe(true);
}
