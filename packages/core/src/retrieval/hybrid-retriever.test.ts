import { beforeAll, describe, expect, it } from 'vitest';
import type { AgentOwner, DocumentInput, KnowledgeSearchQuery } from '../capabilities/capabilities.ts';
import type { AgentName } from '../contract/chat-schemas.ts';
import { HashingEmbedder } from '../local/hashing-embedder.ts';
import { PgKnowledgeStore } from '../store/pg/pg-knowledge-store.ts';
import { describeOnEachDatabaseEngine } from '../testing/database-engines.ts';
import { databaseOnEngineAroundTests } from '../testing/resources-around-tests.ts';
import { fullTextQueryWords, HybridRetriever, LOCAL_MODEL_EF_SEARCH } from './hybrid-retriever.ts';
import { createPgPool } from '../database/pg-pool.ts';
import { createLogger } from '../logging/logger.ts';

const embedder = new HashingEmbedder();

async function documentOf(
  sourceKey: string,
  title: string,
  agentOwner: AgentOwner,
  sections: Array<[string | null, string]>,
  embeddingModel = embedder.model,
): Promise<DocumentInput> {
  const { vectors } = await embedder.embed(sections.map(([section, content]) => `${title} — ${section ?? ''}\n\n${content}`));
  return {
    sourceKey,
    title,
    fileType: 'markdown',
    agentOwner,
    tags: [],
    category: null,
    priority: 1,
    contentHash: sourceKey,
    embeddingModel,
    chunks: sections.map(([section, content], index) => ({ index, section, content, embedding: vectors[index]! })),
  };
}

const embed = async (text: string) => (await embedder.embed([text])).vectors[0]!;

/** The search the retrieval step makes for `text`: its embedding by this embedder, ten results, no similarity floor. */
const queryOf = async (agent: AgentName, text: string, overrides: Partial<KnowledgeSearchQuery> = {}): Promise<KnowledgeSearchQuery> => ({
  agent,
  text,
  embedding: await embed(text),
  embeddingModel: embedder.model,
  limit: 10,
  minSimilarity: 0,
  ...overrides,
});

describe('fullTextQueryWords', () => {
  it('keeps the content words once, folded, without stop words and elisions', () => {
    expect(fullTextQueryWords("Comment créer l'automatisation de mes e-mails, mes e-mails ?")).toEqual(['creer', 'automatisation', 'mails']);
  });
});

await describeOnEachDatabaseEngine('HybridRetriever', (engine) => {
  const database = databaseOnEngineAroundTests(engine);

  beforeAll(async () => {
    const store = new PgKnowledgeStore(database().pool);
    const documents = [
      await documentOf('kajabi.md', 'Automatiser ses emails de bienvenue avec Kajabi', 'audrey', [
        ['Préparer la séquence', 'Écris trois à cinq emails de bienvenue : le cadeau promis, ton histoire, un conseil, ton offre.'],
        ['Créer l’automatisation', 'Dans Kajabi, relie le formulaire d’inscription à la séquence d’emails avec une automation.'],
      ]),
      await documentOf('reel.md', 'Créer un Reel qui engage', 'carole', [
        [null, 'Un Reel commence par une accroche à l’écran. Ajoute des sous-titres et un son tendance à volume bas.'],
      ]),
      await documentOf('espace.md', 'Accéder à son espace membre', 'shared', [
        ['Mot de passe oublié', 'Sur la page de connexion, clique sur « Mot de passe oublié » et saisis ton adresse email.'],
      ]),
      await documentOf('ancien.md', 'Ancienne fiche Kajabi', 'audrey', [[null, 'Kajabi et ses emails de bienvenue, version archivée.']], 'another-model'),
    ];
    for (const document of documents) await store.upsertDocument(document);
    await store.refreshStatistics();
  });

  it('fuses both sides, the chosen agent’s and shared documents preferred, the other agent’s weighted down but still found', async () => {
    const retriever = new HybridRetriever(database().pool);
    const text = 'Comment automatiser mes emails de bienvenue dans Kajabi ?';
    const chunks = await retriever.searchWithEvidence(await queryOf('carole', text));
    // Routed to Carole by mistake: Audrey's Kajabi document is still found, at 0.85 of its fused score.
    const misrouted = chunks.find((chunk) => chunk.title === 'Automatiser ses emails de bienvenue avec Kajabi')!;
    expect(misrouted.vectorRank).toBe(1);
    expect(misrouted.score).toBeCloseTo((0.85 * (1 / (60 + misrouted.vectorRank!) + 1 / (60 + misrouted.textRank!))) / (2 / 61), 10);

    const forAudrey = await retriever.searchWithEvidence(await queryOf('audrey', text));
    expect(forAudrey[0]!.title).toBe('Automatiser ses emails de bienvenue avec Kajabi');
    expect(forAudrey.findIndex((chunk) => chunk.agentOwner === 'carole')).not.toBe(0);
    // Found by both sides, with the fused score of its ranks (k = 60, equal weights, scaled to 0..1).
    const best = forAudrey[0]!;
    expect(best.vectorRank).not.toBeNull();
    expect(best.textRank).not.toBeNull();
    expect(best.score).toBeCloseTo((1 / (60 + best.vectorRank!) + 1 / (60 + best.textRank!)) / (2 / 61), 10);
    for (let index = 1; index < forAudrey.length; index += 1) {
      expect(forAudrey[index]!.score).toBeLessThanOrEqual(forAudrey[index - 1]!.score);
      expect(forAudrey[index]!.score).toBeGreaterThan(0);
    }
  });

  it('searches the local embedder’s vectors with the index’s widest breadth (their shape defeats a narrow one), others as configured', async () => {
    const pool = createPgPool(database().connectionString, { max: 1, logger: createLogger({ level: 'silent' }) });
    try {
      const retriever = new HybridRetriever(pool);
      const breadth = async () => (await pool.query<{ ef: string }>("SELECT current_setting('hnsw.ef_search') AS ef")).rows[0]!.ef;
      await retriever.search(await queryOf('audrey', 'Kajabi'));
      expect(await breadth()).toBe(String(LOCAL_MODEL_EF_SEARCH));
      await retriever.search({ ...(await queryOf('audrey', 'Kajabi')), embeddingModel: 'text-embedding-3-small' });
      expect(await breadth()).toBe('100');
    } finally {
      await pool.end();
    }
  });

  it('compares vectors of the query’s model only; other chunks can still match on their text', async () => {
    const retriever = new HybridRetriever(database().pool);
    const chunks = await retriever.searchWithEvidence(await queryOf('audrey', 'version archivée de la fiche Kajabi'));
    const archived = chunks.find((chunk) => chunk.title === 'Ancienne fiche Kajabi');
    expect(archived).toBeDefined();
    expect(archived!.vectorRank).toBeNull();
    expect(archived!.textRank).not.toBeNull();
  });

  it('applies the similarity floor to the vector side only', async () => {
    const retriever = new HybridRetriever(database().pool);
    const chunks = await retriever.searchWithEvidence(await queryOf('audrey', 'mot de passe oublié', { minSimilarity: 0.999 }));
    expect(chunks.length).toBeGreaterThan(0);
    expect(chunks.every((chunk) => chunk.vectorRank === null && chunk.similarity === null)).toBe(true);
    expect(chunks[0]!.title).toBe('Accéder à son espace membre');
  });

  it('matches words of the document title, which chunk texts do not repeat', async () => {
    const retriever = new HybridRetriever(database().pool);
    const chunks = await retriever.searchWithEvidence(await queryOf('carole', 'engage', { embedding: new Array<number>(1536).fill(0), limit: 5 }));
    expect(chunks.map((chunk) => chunk.title)).toEqual(['Créer un Reel qui engage']);
  });

  it('returns at most `limit` plain chunks, nothing for limit 0, and configures the connection for filtered HNSW scans', async () => {
    const retriever = new HybridRetriever(database().pool);
    const query = await queryOf('audrey', 'emails Kajabi Reel mot de passe');
    const two = await retriever.search({ ...query, limit: 2 });
    expect(two).toHaveLength(2);
    expect(Object.keys(two[0]!).sort()).toEqual(['agentOwner', 'chunkId', 'chunkIndex', 'content', 'documentId', 'score', 'section', 'title']);
    expect(await retriever.search({ ...query, limit: 0 })).toEqual([]);
    const client = await database().pool.connect();
    try {
      await retriever.configure(client);
      expect((await client.query('SHOW hnsw.iterative_scan')).rows[0]).toEqual({ 'hnsw.iterative_scan': 'relaxed_order' });
      expect((await client.query('SHOW hnsw.ef_search')).rows[0]).toEqual({ 'hnsw.ef_search': '100' });
    } finally {
      client.release();
    }
  });

  it('ranks an equally relevant document of the chosen agent above the other agent’s, and weight 1 means no preference', async () => {
    const query = await queryOf('audrey', 'Reel Kajabi');
    const neutral = await new HybridRetriever(database().pool, { otherAgentWeight: 1 }).searchWithEvidence({ ...query, agent: 'audrey' });
    const neutralForCarole = await new HybridRetriever(database().pool, { otherAgentWeight: 1 }).searchWithEvidence({ ...query, agent: 'carole' });
    expect(neutral.map((chunk) => chunk.chunkId)).toEqual(neutralForCarole.map((chunk) => chunk.chunkId));
    const retriever = new HybridRetriever(database().pool, { otherAgentWeight: 0.5 });
    const forCarole = await retriever.searchWithEvidence({ ...query, agent: 'carole' });
    const forAudrey = await retriever.searchWithEvidence({ ...query, agent: 'audrey' });
    expect(forCarole[0]!.agentOwner).toBe('carole');
    expect(forAudrey[0]!.agentOwner).toBe('audrey');
    expect(() => new HybridRetriever(database().pool, { otherAgentWeight: 1.5 })).toThrow(RangeError);
  });

  it('stops before querying when the signal is aborted', async () => {
    const retriever = new HybridRetriever(database().pool);
    const controller = new AbortController();
    controller.abort();
    await expect(
      retriever.search(await queryOf('audrey', 'x', { embedding: await embed('kajabi'), limit: 3 }), controller.signal),
    ).rejects.toThrow();
  });
});
