import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Embedder, KnowledgeSearchQuery, Reranker, Router } from '../capabilities/capabilities.ts';
import { chatResultSchema } from '../contract/chat-schemas.ts';
import { startTemporaryDatabase, type TemporaryDatabase } from '../database/temporary-database.ts';
import { ingestPaths } from '../knowledge/ingest-service.ts';
import { createLocalCapabilities, localSimilarityFloor } from '../local/index.ts';
import { createLogger } from '../logging/logger.ts';
import { createPgStores, type PgStores } from '../store/create-stores.ts';
import { createChatPipeline, STORED_REPLY_MODEL, type ChatPipelineDeps } from './chat-pipeline.ts';
import { pipelineJob as job } from './pipeline-job-fixture.ts';

const knowledgeBaseDir = fileURLToPath(new URL('../../../../knowledge-base', import.meta.url));
const logger = createLogger({ level: 'silent' });
const settings = { historyMessages: 10, initialResults: 20, rerankTopN: 3, similarityThreshold: 0.7 };

let database: TemporaryDatabase;
let stores: PgStores;
const local = createLocalCapabilities();

beforeAll(async () => {
  database = await startTemporaryDatabase();
  stores = createPgStores(database.pool);
  const results = await ingestPaths([knowledgeBaseDir], {
    store: stores.knowledge,
    embedder: local.embedder,
    logger,
    baseDir: path.dirname(knowledgeBaseDir),
  });
  expect(results.filter((result) => result.status === 'failed')).toEqual([]);
});
afterAll(async () => database?.stop());

function pipelineWith(overrides: Partial<ChatPipelineDeps> = {}) {
  return createChatPipeline({
    ...local,
    retriever: stores.knowledge,
    conversations: stores.conversations,
    settings,
    logger,
    ...overrides,
  });
}

const storedMessages = (conversationId: string) => stores.conversations.listMessages(conversationId);

describe('chat pipeline with the local components, the sample knowledge base and real stores', () => {
  it('answers the Kajabi question as Audrey, with sources, streamed, and stores the exchange', async () => {
    const deltas: string[] = [];
    const input = job('Comment automatiser mes emails de bienvenue avec Kajabi?');
    const result = await pipelineWith().run(input, { onDelta: (delta) => deltas.push(delta) });

    expect(chatResultSchema.parse(result)).toEqual(result);
    expect(result).toMatchObject({ job_id: input.jobId, agent: 'audrey', escalated: false, offline: true, model: 'local-extractive-v1' });
    expect(result.routing.method).toBe('local');
    expect(result.sources.length).toBeGreaterThan(0);
    expect(result.sources.length).toBeLessThanOrEqual(settings.rerankTopN);
    expect(result.sources[0]!.title).toBe('Automatiser ses emails de bienvenue avec Kajabi');
    expect(result.message).toContain('Kajabi');
    expect(result.message).toContain('hors ligne');
    expect(deltas.join('')).toBe(result.message);
    expect(result.usage).toEqual({ prompt_tokens: 0, completion_tokens: 0, cost_usd: 0 });
    expect(result.timings_ms.total).toBeGreaterThanOrEqual(result.timings_ms.generate);

    const messages = await storedMessages(input.data.conversation_id);
    expect(messages.map((message) => [message.role, message.agent, message.content])).toEqual([
      ['user', null, input.data.message],
      ['assistant', 'audrey', result.message],
    ]);
  });

  it('answers the Reel question as Carole, with sources', async () => {
    const result = await pipelineWith().run(job('Aide-moi à créer un reel Instagram qui engage ma communauté'), {});
    expect(result.agent).toBe('carole');
    expect(result.sources.map((source) => source.title)).toContain('Créer un Reel Instagram qui engage ta communauté');
    expect(result.message).toMatch(/✨|💡/u);
  });

  it('keeps a short follow-up with the agent of the last answer', async () => {
    const conversationId = `conv-${randomUUID()}`;
    await pipelineWith().run(job('Comment faire des stories Instagram qui créent du lien ?', conversationId), {});
    const followUp = await pipelineWith().run(job('ok et ensuite ?', conversationId), {});
    expect(followUp.agent).toBe('carole');
    expect(followUp.routing.method).toBe('context');
    expect(await storedMessages(conversationId)).toHaveLength(4);
  });

  it('searches a follow-up naming no topic after the question it follows, with one embedding', async () => {
    const conversationId = `conv-${randomUUID()}`;
    await pipelineWith().run(job('Comment faire un Reel qui engage ?', conversationId), {});
    const searches: KnowledgeSearchQuery[] = [];
    const embedded: string[] = [];
    const retriever = { search: (query: KnowledgeSearchQuery) => (searches.push(query), stores.knowledge.search(query)) };
    const embedder: Embedder = { ...local.embedder, embed: (texts, signal) => (embedded.push(...texts), local.embedder.embed(texts, signal)) };
    const followUp = await pipelineWith({ retriever, embedder }).run(job('tu peux détailler la partie sur le son ?', conversationId), {});
    expect(embedded).toHaveLength(1);
    expect(embedded[0]).toMatch(/^Comment faire un Reel qui engage \? tu peux détailler la partie sur le son \?/);
    expect(searches[0]!.text).toContain('Reel');
    expect(followUp.sources[0]!.title).toBe('Créer un Reel Instagram qui engage ta communauté');
    expect(followUp.message).toContain('son');
  });

  it('searches a follow-up that names its own topic as written', async () => {
    const conversationId = `conv-${randomUUID()}`;
    await pipelineWith().run(job('Comment faire un Reel qui engage ?', conversationId), {});
    const searches: KnowledgeSearchQuery[] = [];
    const retriever = { search: (query: KnowledgeSearchQuery) => (searches.push(query), stores.knowledge.search(query)) };
    const followUp = await pipelineWith({ retriever }).run(job('et pour les stories ?', conversationId), {});
    expect(searches[0]!.text).not.toContain('Reel');
    expect(followUp.sources[0]!.title).toBe('Des stories Instagram qui créent du lien');
  });

  it('escalates a refund request with the fixed reply and no retrieval', async () => {
    const searches: KnowledgeSearchQuery[] = [];
    const retriever = { search: (query: KnowledgeSearchQuery) => (searches.push(query), stores.knowledge.search(query)) };
    const deltas: string[] = [];
    const input = job('Je suis très mécontente, je demande un remboursement');
    const result = await pipelineWith({ retriever }).run(input, { onDelta: (delta) => deltas.push(delta) });
    expect(result).toMatchObject({ agent: 'escalate', escalated: true, sources: [], offline: false });
    expect(result.message).toContain("l'équipe");
    expect(deltas.join('')).toBe(result.message);
    expect(searches).toEqual([]);
    const messages = await storedMessages(input.data.conversation_id);
    expect(messages[1]).toMatchObject({ role: 'assistant', agent: 'escalate' });
  });

  it('returns the stored reply when the same job runs again, without answering twice', async () => {
    const input = job('Comment choisir mes hashtags ?');
    const first = await pipelineWith().run(input, {});
    let answered = 0;
    const answerer = { answer: (...args: Parameters<typeof local.answerer.answer>) => ((answered += 1), local.answerer.answer(...args)) };
    const again = await pipelineWith({ answerer }).run({ ...input, attempt: 2 }, {});
    expect(answered).toBe(0);
    expect(again).toMatchObject({ job_id: input.jobId, message: first.message, agent: first.agent, model: STORED_REPLY_MODEL });
    expect(await storedMessages(input.data.conversation_id)).toHaveLength(2);
  });

  it('uses the local similarity floor for local vectors and the configured threshold otherwise', async () => {
    const searches: KnowledgeSearchQuery[] = [];
    const retriever = { search: (query: KnowledgeSearchQuery) => (searches.push(query), stores.knowledge.search(query)) };
    await pipelineWith({ retriever }).run(job('Comment nettoyer ma liste de newsletter ?'), {});
    expect(searches[0]).toMatchObject({ agent: 'audrey', embeddingModel: 'local-hashing-v4', limit: 20, minSimilarity: localSimilarityFloor });

    const otherModel: Embedder = { model: 'text-embedding-3-small', dimensions: 1536, embed: (texts, signal) => local.embedder.embed(texts, signal) };
    const result = await pipelineWith({ retriever, embedder: otherModel }).run(job('Comment nettoyer ma liste de newsletter ?'), {});
    expect(searches[1]).toMatchObject({ embeddingModel: 'text-embedding-3-small', minSimilarity: 0.7 });
    expect(result.sources).toEqual([]); // no chunk embedded with that model
    expect(result.message).toContain('base de connaissances');
  });

  it('says the knowledge base does not cover a question instead of inventing', async () => {
    // A knowledge base with nothing on the subject: the retrieval finds nothing.
    const result = await pipelineWith({ retriever: { search: async () => [] } }).run(job('Combien coûte la version premium de Pinterest ?'), {});
    expect(result.agent).toBe('carole');
    expect(result.sources).toEqual([]);
    expect(result.message).toContain('ne rien inventer');
  });

  it('falls back to the retrieval order when the reranker fails', async () => {
    const failingReranker: Reranker = { model: 'broken', rerank: async () => Promise.reject(new Error('rerank provider down')) };
    const result = await pipelineWith({ reranker: failingReranker }).run(job('Comment configurer SPF et DKIM pour ma newsletter ?'), {});
    expect(result.sources.length).toBeGreaterThan(0);
    expect(result.sources.length).toBeLessThanOrEqual(settings.rerankTopN);
  });

  it('embeds the query without waiting for the router', async () => {
    let embeddingStarted!: () => void;
    const started = new Promise<void>((resolve) => (embeddingStarted = resolve));
    const embedder: Embedder = { ...local.embedder, model: local.embedder.model, dimensions: local.embedder.dimensions, embed: (texts, signal) => (embeddingStarted(), local.embedder.embed(texts, signal)) };
    // This router only decides once the embedding has started: a sequential pipeline would never finish.
    const router: Router = { route: async (input, signal) => (await started, local.router.route(input, signal)) };
    const result = await pipelineWith({ embedder, router }).run(job('Comment créer un tunnel de vente pour mon ebook ?'), {});
    expect(result.agent).toBe('audrey');
  });

  it('stops on an aborted signal and stores nothing', async () => {
    const before = job('Comment créer mon logo avec Canva ?');
    const aborted = new AbortController();
    aborted.abort();
    await expect(pipelineWith().run(before, { signal: aborted.signal })).rejects.toThrow();

    const during = job('Comment créer mon logo avec Canva ?');
    const controller = new AbortController();
    await expect(pipelineWith().run(during, { signal: controller.signal, onDelta: () => controller.abort() })).rejects.toThrow();
    expect(await storedMessages(before.data.conversation_id)).toEqual([]);
    expect(await storedMessages(during.data.conversation_id)).toEqual([]);
  });
});
