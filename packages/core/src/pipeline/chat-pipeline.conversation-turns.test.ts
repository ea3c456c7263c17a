import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTemporaryDatabase, type TemporaryDatabase } from '../database/temporary-database.ts';
import { ingestPaths } from '../knowledge/ingest-service.ts';
import { createLocalCapabilities } from '../local/index.ts';
import { createLogger } from '../logging/logger.ts';
import { createPgStores, type PgStores } from '../store/create-stores.ts';
import { createChatPipeline } from './chat-pipeline.ts';
import { pipelineJob as job } from './pipeline-job-fixture.ts';

/**
 * The answer to the last turn read from the conversation as stored (local/reply-to-the-last-turn.ts): the clarifying
 * question and the identity reply are the product's own replies, so an answer taking their offer of a person hands over,
 * as a first-hand escalation (method `local`: the hand-over wrapper moves the conversation to `waiting_human` then).
 */
const knowledgeBaseDir = fileURLToPath(new URL('../../../../knowledge-base', import.meta.url));
const logger = createLogger({ level: 'silent' });
const settings = { historyMessages: 10, initialResults: 20, rerankTopN: 3, similarityThreshold: 0.7 };

let database: TemporaryDatabase;
let stores: PgStores;
const local = createLocalCapabilities();

beforeAll(async () => {
  database = await startTemporaryDatabase();
  stores = createPgStores(database.pool);
  await ingestPaths([knowledgeBaseDir], { store: stores.knowledge, embedder: local.embedder, logger, baseDir: path.dirname(knowledgeBaseDir) });
});
afterAll(async () => database?.stop());

const pipeline = () => createChatPipeline({ ...local, retriever: stores.knowledge, conversations: stores.conversations, settings, logger });

describe('a conversation whose answer takes the offer of the turn before', () => {
  it('hands over a payment named in answer to the clarifying question', async () => {
    const conversationId = `conv-${randomUUID()}`;
    const first = await pipeline().run(job("j'ai un souci", conversationId), {});
    expect(first.message).toContain("s'il s'agit d'un paiement ou de ton compte");
    const answer = await pipeline().run(job("c'est un paiement", conversationId), {});
    expect(answer).toMatchObject({ agent: 'escalate', escalated: true, sources: [] });
    expect(answer.routing.method).toBe('local');
  });

  it('hands over a person preferred after the identity reply', async () => {
    const conversationId = `conv-${randomUUID()}`;
    await pipeline().run(job('tu es un robot ?', conversationId), {});
    const answer = await pipeline().run(job('oui je préfère', conversationId), {});
    expect(answer).toMatchObject({ agent: 'escalate', escalated: true });
    expect(answer.routing.method).toBe('local');
  });

  it('keeps a detail after a hand-over with the team, whatever tool it names', async () => {
    const conversationId = `conv-${randomUUID()}`;
    await pipeline().run(job("j'ai été prélevée deux fois ce mois-ci", conversationId), {});
    const detail = await pipeline().run(job("c'était pour la formation Kajabi, 97€ sur Stripe", conversationId), {});
    expect(detail.agent).toBe('escalate');
    expect(detail.routing.method).toBe('context');
    expect(detail.message).toContain("déjà entre les mains de l'équipe");
  });
});

/**
 * An expert picked in answer to the clarifying question (a probe of `pnpm start`, 2026-12-05): "la deuxième" after "j'ai besoin
 * d'aide" was searched as written and quoted the Kajabi guide's "Ajoute si besoin une deuxième action « Add a tag »".
 */
describe('an expert picked in answer to the clarifying question', () => {
  it('asks for the question when none was asked yet', async () => {
    const conversationId = `conv-${randomUUID()}`;
    await pipeline().run(job("j'ai besoin d'aide", conversationId), {});
    const picked = await pipeline().run(job('la deuxième', conversationId), {});
    expect(picked.agent).toBe('carole');
    expect(picked.sources).toEqual([]);
    expect(picked.message).toContain('Dis-moi ta question sur Instagram');
    expect(picked.message).not.toContain('Add a tag');
  });
});
