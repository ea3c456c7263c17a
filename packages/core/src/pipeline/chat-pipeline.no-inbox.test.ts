import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOBODY_HERE_CONTACT_THE_AGENCY } from '../agents/agency-contact.ts';
import { assistantIdentityReply } from '../agents/assistant-identity.ts';
import { clarifyingQuestion } from '../agents/persona-replies.ts';
import { startTemporaryDatabase, type TemporaryDatabase } from '../database/temporary-database.ts';
import { ingestPaths } from '../knowledge/ingest-service.ts';
import { createLocalCapabilities } from '../local/index.ts';
import { createLogger } from '../logging/logger.ts';
import { HybridRetriever } from '../retrieval/hybrid-retriever.ts';
import { createPgStores, type PgStores } from '../store/create-stores.ts';
import { createChatPipeline } from './chat-pipeline.ts';
import type { ChatPipelineHooks } from './pipeline-contract.ts';
import { pipelineJob as job } from './pipeline-job-fixture.ts';

/**
 * The replies other than the hand-over where no person can answer in this chat (ChatPipelineHooks
 * `personCanAnswerHereRecently` false: no operators' inbox served, the README's default `pnpm start`). Found by review:
 * every offline answer, the answer with no source, the clarifying question and the identity reply offered a person who
 * could not come; the visitor who then asked was told "Personne de l'équipe ne peut te répondre dans ce chat". Decided
 * once per run, before the reply is written: the streamed deltas are the stored reply. With the hook saying served, or
 * without it, every reply is as before. Sample knowledge base, local components, Postgres.
 */
const knowledgeBaseDir = fileURLToPath(new URL('../../../../knowledge-base', import.meta.url));
const logger = createLogger({ level: 'silent' });
const settings = { historyMessages: 10, initialResults: 20, rerankTopN: 3, similarityThreshold: 0.7 };
const local = createLocalCapabilities();
const PROMISES_A_PERSON = /une personne de l'équipe|prendra le relais|l'équipe est là pour toi|je veux parler à quelqu'un|je transmets/;

let database: TemporaryDatabase;
let stores: PgStores;

beforeAll(async () => {
  database = await startTemporaryDatabase();
  stores = createPgStores(database.pool);
  await ingestPaths([knowledgeBaseDir], { store: stores.knowledge, embedder: local.embedder, logger, baseDir: path.dirname(knowledgeBaseDir) });
});
afterAll(async () => database?.stop());

const pipeline = () => createChatPipeline({ ...local, retriever: new HybridRetriever(database.pool), conversations: stores.conversations, settings, logger });

/** The run's result, its streamed text, the reply stored, and how often the hook was asked. */
async function run(message: string, served: boolean | undefined, hooks: ChatPipelineHooks = {}) {
  const deltas: string[] = [];
  let asked = 0;
  const input = job(message);
  const result = await pipeline().run(input, {
    ...hooks,
    onDelta: (delta) => deltas.push(delta),
    ...(served === undefined ? {} : { personCanAnswerHereRecently: async () => ((asked += 1), served) }),
  });
  const stored = await database.pool.query<{ content: string }>('SELECT content FROM messages WHERE job_id = $1 AND role = $2', [input.jobId, 'assistant']);
  return { result, streamed: deltas.join(''), stored: stored.rows[0]?.content, asked };
}

const OFFLINE_ANSWER = 'Comment automatiser mes emails de bienvenue avec Kajabi ?';
const NOTHING_FOUND = 'Quelle est la meilleure heure pour publier sur TikTok ?';
const VAGUE = 'Bonjour, j’ai une question';
const IDENTITY = 'Vous êtes une IA ou une vraie personne ?';

describe('no person can answer in this chat', () => {
  it('the offline answer quotes the sources and points to the agency, streamed as stored, the hook asked once', async () => {
    const { result, streamed, stored, asked } = await run(OFFLINE_ANSWER, false);
    expect(result).toMatchObject({ agent: 'audrey', offline: true, escalated: false });
    expect(result.sources.length).toBeGreaterThan(0);
    expect(result.message).toMatch(/contacte directement l'agence : ses coordonnées sont sur son site\.\)$/);
    expect(result.message).not.toMatch(PROMISES_A_PERSON);
    expect(streamed).toBe(result.message);
    expect(stored).toBe(result.message);
    expect(asked).toBe(1);
  });

  it('the answer with no source says where to reach a person: the agency', async () => {
    const { result, streamed, stored } = await run(NOTHING_FOUND, false);
    expect(result.message).toMatch(/^Je n'ai rien trouvé sur ce sujet/);
    expect(result.message).toContain(NOBODY_HERE_CONTACT_THE_AGENCY);
    expect(result.message).not.toMatch(PROMISES_A_PERSON);
    expect(result.sources).toEqual([]);
    expect(streamed).toBe(result.message);
    expect(stored).toBe(result.message);
  });

  it('the clarifying question and the identity reply point to the agency', async () => {
    const vague = await run(VAGUE, false);
    expect(vague.result.message).toBe(clarifyingQuestion('audrey', { personCanAnswerHere: false }));
    expect(vague.stored).toBe(vague.result.message);
    expect(vague.streamed).toBe(vague.result.message);
    const identity = await run(IDENTITY, false);
    expect(identity.result.message).toBe(assistantIdentityReply('audrey', { personCanAnswerHere: false }));
    expect(identity.result.message).not.toMatch(PROMISES_A_PERSON);
    expect(identity.stored).toBe(identity.result.message);
  });

  it('the hand-over reply reads afresh (personCanAnswerHere), not the answer kept for the other replies', async () => {
    let fresh = 0;
    const { result } = await run("Je veux parler à quelqu'un de l'équipe", false, { personCanAnswerHere: async () => ((fresh += 1), true) });
    expect(result).toMatchObject({ agent: 'escalate', escalated: true });
    expect(result.message).toContain('une personne va te répondre ici même');
    expect(fresh).toBe(1);
  });

  it('a hook that fails counts as a person can answer (as the hand-over read does)', async () => {
    const { result } = await run(VAGUE, undefined, { personCanAnswerHereRecently: () => Promise.reject(new Error('Redis down')) });
    expect(result.message).toBe(clarifyingQuestion('audrey'));
  });
});

describe('a person can answer here (the inbox served), or nothing is said: every reply as before', () => {
  it.each([OFFLINE_ANSWER, NOTHING_FOUND, VAGUE, IDENTITY])('%s', async (message) => {
    const served = await run(message, true);
    const unsaid = await run(message, undefined);
    expect(served.result.message).toBe(unsaid.result.message);
    expect(served.result.message).toMatch(PROMISES_A_PERSON);
    expect(served.result.message).not.toContain("contacte directement l'agence");
    expect(served.streamed).toBe(served.result.message);
  });
});
