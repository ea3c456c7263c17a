import { beforeAll, describe, expect, it } from 'vitest';
import { OTHER_AGENT_DOCUMENT_WEIGHT, type DocumentInput } from '../../capabilities/capabilities.ts';
import { createPgPool } from '../../database/pg-pool.ts';
import { databaseOnEngineAroundTests } from '../../testing/resources-around-tests.ts';
import { toVectorLiteral } from '../../database/vector-literal.ts';
import { ValidationError } from '../../errors/app-error.ts';
import { createLogger } from '../../logging/logger.ts';
import { describeOnEachDatabaseEngine } from '../../testing/database-engines.ts';
import { searchChunksFullText } from './pg-full-text-search.ts';
import { PgKnowledgeStore, STORED_EMBEDDING_DIMENSIONS } from './pg-knowledge-store.ts';

/** A deterministic unit vector; `towards` mixes in another one (weight 0..1) to control similarity. */
function vector(seed: number, towards?: { seed: number; weight: number }): number[] {
  const values = Array.from({ length: STORED_EMBEDDING_DIMENSIONS }, (_, index) => {
    const own = Math.sin((index + 1) * 0.37 * seed + seed);
    return towards ? own * (1 - towards.weight) + Math.sin((index + 1) * 0.37 * towards.seed + towards.seed) * towards.weight : own;
  });
  const norm = Math.hypot(...values);
  return values.map((value) => value / norm);
}

function document(overrides: Partial<DocumentInput> & Pick<DocumentInput, 'sourceKey'>): DocumentInput {
  return {
    title: 'Document',
    fileType: 'markdown',
    agentOwner: 'shared',
    tags: [],
    category: null,
    priority: 1,
    contentHash: 'hash-1',
    embeddingModel: 'local-hash-v1',
    chunks: [{ index: 0, section: null, content: 'Contenu', embedding: vector(1) }],
    ...overrides,
  };
}

await describeOnEachDatabaseEngine('PgKnowledgeStore', (engine) => {
  const database = databaseOnEngineAroundTests(engine);
  /** One store for the block: it counts the chunks written since its last ANALYZE. */
  let store: PgKnowledgeStore;
  beforeAll(() => {
    store = new PgKnowledgeStore(database().pool);
  });

  const search = (agent: 'audrey' | 'carole', embedding: number[], overrides: { limit?: number; minSimilarity?: number; embeddingModel?: string } = {}) =>
    store.search({ agent, text: '', embedding, embeddingModel: 'local-hash-v1', limit: 10, minSimilarity: 0, ...overrides });

  describe('upsertDocument', () => {
    it('creates, skips an unchanged document without writing, and replaces chunks when it changes', async () => {
      const input = document({
        sourceKey: 'audrey/kajabi.md',
        title: "L'automatisation avec Kajabi",
        agentOwner: 'audrey',
        tags: ['kajabi', 'e-mail'],
        category: 'automatisation',
        priority: 2,
        chunks: [
          { index: 0, section: 'Intro', content: "Kajabi permet d'automatiser tes e-mails.", embedding: vector(2) },
          { index: 1, section: 'Séquences', content: 'Crée une séquence de bienvenue.', embedding: vector(3) },
        ],
      });
      const created = await store.upsertDocument(input);
      expect(created.status).toBe('created');
      expect(await store.findDocumentHash('audrey/kajabi.md')).toBe('hash-1');
      expect(await store.findDocumentHash('nope.md')).toBeNull();
      const before = await database().pool.query(
        `SELECT d.updated_at, array_agg(c.id ORDER BY c.chunk_index) AS chunk_ids, d.title, d.agent_owner, d.tags, d.category, d.priority, d.filename
         FROM documents d JOIN document_chunks c ON c.document_id = d.id WHERE d.id = $1 GROUP BY d.id`,
        [created.documentId],
      );
      expect(before.rows[0]).toMatchObject({
        title: "L'automatisation avec Kajabi", agent_owner: 'audrey', tags: ['kajabi', 'e-mail'], category: 'automatisation', priority: 2, filename: 'audrey/kajabi.md',
      });

      expect(await store.upsertDocument(input)).toEqual({ documentId: created.documentId, status: 'unchanged' });
      const unchanged = await database().pool.query(
        `SELECT d.updated_at, array_agg(c.id ORDER BY c.chunk_index) AS chunk_ids FROM documents d JOIN document_chunks c ON c.document_id = d.id
         WHERE d.id = $1 GROUP BY d.id`,
        [created.documentId],
      );
      expect(unchanged.rows[0]).toEqual({ updated_at: before.rows[0].updated_at, chunk_ids: before.rows[0].chunk_ids });

      const changed = await store.upsertDocument({
        ...input,
        contentHash: 'hash-2',
        chunks: [{ index: 0, section: null, content: 'Nouvelle version', embedding: vector(4) }],
      });
      expect(changed).toEqual({ documentId: created.documentId, status: 'updated' });
      const after = await database().pool.query('SELECT id, content, embedding_model FROM document_chunks WHERE document_id = $1', [created.documentId]);
      expect(after.rows).toHaveLength(1);
      expect(after.rows[0]).toMatchObject({ content: 'Nouvelle version', embedding_model: 'local-hash-v1' });
      expect(before.rows[0].chunk_ids).not.toContain(after.rows[0].id);

      // Same file, another embedding model: re-embedded chunks are stored.
      const reembedded = await store.upsertDocument({ ...input, contentHash: 'hash-2', embeddingModel: 'text-embedding-3-small' });
      expect(reembedded.status).toBe('updated');
      expect(await store.countDocuments()).toBe(1);
    });

    it('keeps the previous chunks when replacing them fails', async () => {
      const input = document({ sourceKey: 'shared/faq.md', chunks: [{ index: 0, section: null, content: 'FAQ v1', embedding: vector(5) }] });
      const { documentId } = await store.upsertDocument(input);
      const broken = {
        ...input,
        contentHash: 'hash-broken',
        chunks: [
          { index: 0, section: null, content: 'FAQ v2', embedding: vector(6) },
          { index: 1, section: null, content: null as unknown as string, embedding: vector(7) },
        ],
      };
      await expect(store.upsertDocument(broken)).rejects.toThrow(/null value/);
      const chunks = await database().pool.query('SELECT content FROM document_chunks WHERE document_id = $1', [documentId]);
      expect(chunks.rows).toEqual([{ content: 'FAQ v1' }]);
      expect(await store.findDocumentHash('shared/faq.md')).toBe('hash-1');
    });

    it('keeps one document and one set of chunks when two ingesters write the same new file at once', async () => {
      const otherPool = createPgPool(database().connectionString, { max: 2, logger: createLogger({ level: 'silent' }) });
      try {
        const other = new PgKnowledgeStore(otherPool);
        const versions = [1, 2].map((version) =>
          document({
            sourceKey: `shared/race-${version}-${Date.now()}.md`,
            contentHash: `hash-race-${version}`,
            chunks: Array.from({ length: 3 }, (_, index) => ({ index, section: null, content: `version ${version}, partie ${index}`, embedding: vector(20 + index) })),
          }),
        );
        const sourceKey = versions[0]!.sourceKey;
        const [first, second] = await Promise.all([
          store.upsertDocument({ ...versions[0]!, sourceKey }),
          other.upsertDocument({ ...versions[1]!, sourceKey }),
        ]);
        expect(first.documentId).toBe(second.documentId);
        expect([first.status, second.status].sort()).toEqual(['created', 'updated']);
        const stored = await database().pool.query(
          `SELECT d.content_hash, array_agg(c.content ORDER BY c.chunk_index) AS contents
           FROM documents d JOIN document_chunks c ON c.document_id = d.id WHERE d.source_key = $1 GROUP BY d.id`,
          [sourceKey],
        );
        expect(stored.rows).toHaveLength(1);
        const winner = stored.rows[0].content_hash === 'hash-race-1' ? 1 : 2;
        expect(stored.rows[0].contents).toEqual([0, 1, 2].map((index) => `version ${winner}, partie ${index}`));
        await store.deleteDocument(sourceKey);
      } finally {
        await otherPool.end();
      }
    });

    it('refuses embeddings of the wrong size with a clear error', async () => {
      const wrong = document({ sourceKey: 'bad.md', chunks: [{ index: 0, section: null, content: 'x', embedding: [0.1, 0.2] }] });
      await expect(store.upsertDocument(wrong)).rejects.toBeInstanceOf(ValidationError);
      await expect(search('audrey', [1, 2, 3])).rejects.toThrow(/1536/);
    });
  });

  describe('search', () => {
    beforeAll(async () => {
      await database().pool.query('DELETE FROM documents');
      const target = 100;
      await store.upsertDocument(document({
        sourceKey: 'audrey/tunnel.md', title: 'Tunnel de vente', agentOwner: 'audrey',
        chunks: [
          { index: 0, section: 'Étapes', content: 'Page de capture puis e-mails.', embedding: vector(target, { seed: 11, weight: 0.1 }) },
          { index: 1, section: null, content: 'Appel découverte.', embedding: vector(target, { seed: 12, weight: 0.6 }) },
        ],
      }));
      await store.upsertDocument(document({
        sourceKey: 'carole/reels.md', title: 'Reels', agentOwner: 'carole',
        chunks: [{ index: 0, section: null, content: 'Accroche de Reels.', embedding: vector(target, { seed: 13, weight: 0.05 }) }],
      }));
      await store.upsertDocument(document({
        sourceKey: 'shared/faq.md', title: 'FAQ', agentOwner: 'shared',
        chunks: [{ index: 0, section: null, content: "L'équipe répond à tes questions.", embedding: vector(target, { seed: 14, weight: 0.3 }) }],
      }));
      await store.upsertDocument(document({
        sourceKey: 'audrey/other-model.md', title: 'Autre modèle', agentOwner: 'audrey', embeddingModel: 'text-embedding-3-small',
        chunks: [{ index: 0, section: null, content: 'Autre espace vectoriel.', embedding: vector(target) }],
      }));
      // A v1 document: no title (falls back to the filename), no owner column value set by us.
      await database().pool.query(
        `WITH doc AS (INSERT INTO documents (filename, file_type) VALUES ('guide_v1.pdf', 'pdf') RETURNING id)
         INSERT INTO document_chunks (document_id, content, embedding, chunk_index, embedding_model)
         SELECT id, 'Ancien guide v1 sur les e-mails.', $1::vector, 0, 'local-hash-v1' FROM doc`,
        [toVectorLiteral(vector(target, { seed: 15, weight: 0.45 }))],
      );
      await store.refreshStatistics();
    });

    it('returns chunks of the same embedding model, best first, the other agent’s weighted down but not excluded', async () => {
      const results = await search('audrey', vector(100));
      expect(results.map((chunk) => [chunk.title, chunk.agentOwner])).toEqual([
        ['Tunnel de vente', 'audrey'],
        ['FAQ', 'shared'],
        ['Reels', 'carole'], // the nearest chunk, but Carole's: at 0.85 of its similarity it comes after the two preferred ones
        ['guide_v1.pdf', 'shared'],
        ['Tunnel de vente', 'audrey'],
      ]);
      const scores = results.map((chunk) => chunk.score);
      expect([...scores].sort((a, b) => b - a)).toEqual(scores);
      expect(results[0]).toMatchObject({ section: 'Étapes', content: 'Page de capture puis e-mails.' });
      expect(results[0]?.score).toBeGreaterThan(0.9);
      expect(results[0]?.chunkId).toMatch(/^[0-9a-f-]{36}$/);

      const forCarole = await search('carole', vector(100));
      expect(forCarole.map((chunk) => chunk.title)).toEqual(['Reels', 'FAQ', 'Tunnel de vente', 'guide_v1.pdf', 'Tunnel de vente']);
      // The other agent's chunk counts OTHER_AGENT_DOCUMENT_WEIGHT times its similarity.
      const reelsForAudrey = results.find((chunk) => chunk.title === 'Reels')!.score;
      expect(reelsForAudrey).toBeCloseTo(OTHER_AGENT_DOCUMENT_WEIGHT * forCarole[0]!.score, 10);
    });

    it('applies the similarity floor and the limit', async () => {
      const all = await search('audrey', vector(100));
      const floor = ((all[1]?.score ?? 0) + (all[2]?.score ?? 0)) / 2;
      expect((await search('audrey', vector(100), { minSimilarity: floor })).map((chunk) => chunk.title)).toEqual(['Tunnel de vente', 'FAQ', 'Reels']);
      expect(await search('audrey', vector(100), { limit: 1 })).toHaveLength(1);
      expect(await search('audrey', vector(100), { limit: 0 })).toEqual([]);
      const otherModel = await search('audrey', vector(100), { embeddingModel: 'text-embedding-3-small' });
      expect(otherModel.map((chunk) => chunk.title)).toEqual(['Autre modèle']);
      expect(otherModel[0]?.score).toBeCloseTo(1, 5);
    });

    it('follows a document handed to another agent (chunks keep their document’s owner)', async () => {
      await database().pool.query(`UPDATE documents SET agent_owner = 'carole' WHERE source_key = 'shared/faq.md'`);
      try {
        expect((await search('audrey', vector(100))).find((chunk) => chunk.title === 'FAQ')?.agentOwner).toBe('carole');
        expect((await search('carole', vector(100))).find((chunk) => chunk.title === 'FAQ')?.agentOwner).toBe('carole');
      } finally {
        await database().pool.query(`UPDATE documents SET agent_owner = 'shared' WHERE source_key = 'shared/faq.md'`);
      }
      expect((await search('audrey', vector(100))).map((chunk) => chunk.title)).toContain('FAQ');
    });

    it('matches nothing for a zero vector (NaN cosine distance)', async () => {
      const zero = Array.from({ length: STORED_EMBEDDING_DIMENSIONS }, () => 0);
      expect(await search('audrey', zero, { minSimilarity: 0.5 })).toEqual([]);
      const compat = await database().pool.query(`SELECT count(*)::int AS n FROM match_documents_audrey($1::vector, 0.5)`, [toVectorLiteral(zero)]);
      expect(compat.rows).toEqual([{ n: 0 }]);
    });

    it('stops when its signal is already aborted', async () => {
      await expect(
        store.search({ agent: 'audrey', text: '', embedding: vector(100), embeddingModel: 'local-hash-v1', limit: 5, minSimilarity: 0 }, AbortSignal.abort()),
      ).rejects.toThrow();
    });

    it('finds French words without accents, any word matching, per agent (full text)', async () => {
      const results = await searchChunksFullText(database().pool, { agent: 'audrey', text: 'equipe decouverte', limit: 10 });
      expect(results.map((chunk) => chunk.title).sort()).toEqual(['FAQ', 'Tunnel de vente']);
      expect(results.every((chunk) => chunk.score > 0 && chunk.score < 1)).toBe(true);
      expect(await searchChunksFullText(database().pool, { agent: 'carole', text: 'découverte', limit: 10 })).toEqual([]);
      const stemmed = await searchChunksFullText(database().pool, { agent: 'carole', text: 'accroches', limit: 10 });
      expect(stemmed.map((chunk) => chunk.title)).toEqual(['Reels']);
      expect(await searchChunksFullText(database().pool, { agent: 'audrey', text: 'le la de', limit: 10 })).toEqual([]);
      expect(await searchChunksFullText(database().pool, { agent: 'audrey', text: "l'); DROP TABLE documents; --", limit: 10 })).toEqual([]);
    });
  });
});
