import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatExchange, DocumentInput } from '../capabilities/capabilities.ts';
import { loadConfig } from '../config/config.ts';
import { startTemporaryDatabase, type TemporaryDatabase } from '../database/temporary-database.ts';
import { HashingEmbedder } from '../local/hashing-embedder.ts';
import { createLogger } from '../logging/logger.ts';
import { chatExchangeFixture } from '../store/chat-exchange-fixture.ts';
import { openStores, type OpenedStores } from './open-stores.ts';
import { startPostgrestStandin, type PostgrestStandin } from '../store/supabase/test-support/postgrest-standin.ts';

const logger = createLogger({ level: 'silent' });
const serviceKey = 'test-service-key';
const embedder = new HashingEmbedder();

let database: TemporaryDatabase;
let standin: PostgrestStandin;
let port: number;

beforeAll(async () => {
  database = await startTemporaryDatabase({ logger });
  standin = await startPostgrestStandin({ pool: database.pool, serviceKey });
  port = Number(new URL(database.connectionString).port);
});
afterAll(async () => {
  await standin?.close();
  await database?.stop();
});

/** The environment of a service: what is not given is unset (an empty value counts as unset). */
const configOf = (env: Record<string, string>) =>
  loadConfig({ DATABASE_URL: '', SUPABASE_URL: '', SUPABASE_SERVICE_KEY: '', EMBEDDED_DB_PORT: String(port), ...env });

function exchangeOf(conversationId: string): ChatExchange {
  return chatExchangeFixture({
    jobId: `job-${randomUUID()}`,
    conversationId,
    userMessage: "Comment relier mon bon de commande à l'email de bienvenue ?",
    userSentAt: new Date(Date.now() - 1000).toISOString(),
    assistantMessage: 'Dans Systeme.io, ouvre le tunnel puis la page de commande.',
    answeredAt: new Date().toISOString(),
  });
}

async function documentOf(marker: string): Promise<DocumentInput> {
  const content = `Le bon de commande ${marker} demande le moins de champs possible.`;
  return {
    sourceKey: `open-stores/${marker}.md`,
    title: `Bon de commande ${marker}`,
    fileType: 'markdown',
    agentOwner: 'audrey',
    tags: [],
    category: null,
    priority: 1,
    contentHash: `hash-${marker}`,
    embeddingModel: embedder.model,
    chunks: [{ index: 0, section: null, content, embedding: (await embedder.embed([content])).vectors[0]! }],
  };
}

/** Stores an exchange, a document and an escalation through the opened stores; checks they are in the database. */
async function writeAndReadBack(stores: OpenedStores) {
  const conversationId = `test-conv-${randomUUID()}`;
  const exchange = exchangeOf(conversationId);
  expect((await stores.conversations.persistExchange(exchange)).created).toBe(true);
  expect((await stores.conversations.listMessages(conversationId)).map((message) => message.role)).toEqual(['user', 'assistant']);
  const stored = await database.pool.query('SELECT role FROM messages WHERE conversation_id = $1 ORDER BY role DESC', [conversationId]);
  expect(stored.rows).toEqual([{ role: 'user' }, { role: 'assistant' }]);

  const marker = randomUUID().slice(0, 8);
  const { documentId } = await stores.knowledge.upsertDocument(await documentOf(marker));
  const { escalation } = await stores.escalations.open({
    conversationId,
    jobId: exchange.jobId,
    userId: 'visitor-1',
    category: 'human',
    reason: 'demande une personne',
    message: 'Je veux parler à quelqu’un',
  });
  expect((await database.pool.query('SELECT job_id FROM escalations WHERE id = $1', [escalation.id])).rows).toEqual([{ job_id: exchange.jobId }]);
  await expect(stores.ping()).resolves.toBeUndefined();
  return { marker, documentId };
}

/** A query whose vector is far from the chunk (floor 0.99) but whose words are in it: only full text finds it. */
async function searchByWordsOnly(stores: OpenedStores, marker: string) {
  return stores.retriever.search({
    agent: 'audrey',
    text: `bon de commande ${marker}`,
    embedding: (await embedder.embed(['une question sans rapport avec les reels instagram'])).vectors[0]!,
    embeddingModel: embedder.model,
    limit: 5,
    minSimilarity: 0.99,
  });
}

describe('openStores', () => {
  it('opens the Postgres stores and hybrid retrieval on DATABASE_URL (which wins over Supabase)', async () => {
    const stores = openStores({
      config: configOf({ DATABASE_URL: database.connectionString, SUPABASE_URL: standin.url, SUPABASE_SERVICE_KEY: serviceKey }),
      logger,
      applicationName: 'lac-test',
    });
    const before = standin.requests.length;
    try {
      expect(stores.mode).toBe('postgres');
      expect(stores.pool).not.toBeNull();
      const { marker, documentId } = await writeAndReadBack(stores);
      // Hybrid: the French full text finds the chunk the vector floor rules out.
      expect((await searchByWordsOnly(stores, marker)).map((chunk) => chunk.documentId)).toContain(documentId);
      expect(standin.requests.length).toBe(before);
    } finally {
      await stores.close();
    }
    await expect(stores.ping()).rejects.toThrow();
    await expect(stores.close()).resolves.toBeUndefined();
  });

  it('opens the embedded database on EMBEDDED_DB_PORT when nothing else is configured', async () => {
    const stores = openStores({ config: configOf({}), logger, applicationName: 'lac-test' });
    try {
      expect(stores.mode).toBe('embedded');
      await writeAndReadBack(stores);
    } finally {
      await stores.close();
    }
  });

  it('runs every store through Supabase REST with SUPABASE_URL + SUPABASE_SERVICE_KEY and no DATABASE_URL', async () => {
    const stores = openStores({ config: configOf({ SUPABASE_URL: standin.url, SUPABASE_SERVICE_KEY: serviceKey }), logger, applicationName: 'lac-test' });
    const before = standin.requests.length;
    expect(stores.mode).toBe('supabase');
    expect(stores.pool).toBeNull();
    const { marker, documentId } = await writeAndReadBack(stores);
    const calls = standin.requests.slice(before);
    expect(calls).toEqual(expect.arrayContaining(['POST /rest/v1/messages', 'POST /rest/v1/rpc/replace_document_chunks', 'POST /rest/v1/escalations', 'GET /rest/v1/conversations']));

    // The same hybrid search as on Postgres, through the hybrid_search_chunks RPC: the words alone find it.
    expect((await searchByWordsOnly(stores, marker)).map((chunk) => chunk.documentId)).toContain(documentId);
    expect(standin.requests).toContain('POST /rest/v1/rpc/hybrid_search_chunks');
    const found = await stores.retriever.search({
      agent: 'audrey',
      text: '',
      embedding: (await embedder.embed([`Le bon de commande ${marker} demande le moins de champs possible.`])).vectors[0]!,
      embeddingModel: embedder.model,
      limit: 5,
      minSimilarity: 0.5,
    });
    expect(found.map((chunk) => chunk.documentId)).toContain(documentId);
    await stores.close();
  });

  it('reports a refused Supabase key through ping', async () => {
    const stores = openStores({ config: configOf({ SUPABASE_URL: standin.url, SUPABASE_SERVICE_KEY: 'wrong' }), logger, applicationName: 'lac-test' });
    await expect(stores.ping()).rejects.toMatchObject({ postgrestCode: 'PGRST301' });
  });
});
