import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zeroUsage, type AnswerInput, type Answerer, type Router } from '../capabilities/capabilities.ts';
import type { AgentName } from '../contract/chat-schemas.ts';
import { startTemporaryDatabase, type TemporaryDatabase } from '../database/temporary-database.ts';
import { ingestPaths } from '../knowledge/ingest-service.ts';
import { createLocalCapabilities } from '../local/index.ts';
import { createLogger } from '../logging/logger.ts';
import { HybridRetriever } from '../retrieval/hybrid-retriever.ts';
import { createPgStores, type PgStores } from '../store/create-stores.ts';
import { createChatPipeline } from './chat-pipeline.ts';
import { pipelineJob as job } from './pipeline-job-fixture.ts';

/**
 * Sources by document and retrieval that survives a misroute, over the sample knowledge base,
 * with the worker's hybrid retriever and the local components.
 */

const knowledgeBaseDir = fileURLToPath(new URL('../../../../knowledge-base', import.meta.url));
const logger = createLogger({ level: 'silent' });
const settings = { historyMessages: 10, initialResults: 20, rerankTopN: 3, similarityThreshold: 0.7 };
const local = createLocalCapabilities();

let database: TemporaryDatabase;
let stores: PgStores;

beforeAll(async () => {
  database = await startTemporaryDatabase();
  stores = createPgStores(database.pool);
  const results = await ingestPaths([knowledgeBaseDir], { store: stores.knowledge, embedder: local.embedder, logger, baseDir: path.dirname(knowledgeBaseDir) });
  expect(results.filter((result) => result.status === 'failed')).toEqual([]);
});
afterAll(async () => database?.stop());

/** A router that always picks one agent: what a wrong routing decision looks like to the retrieval stage. */
const routerTo = (agent: AgentName): Router => ({
  route: async () => ({ kind: 'answer', agent, confidence: 0.9, reasoning: `toujours ${agent}`, method: 'llm', usage: zeroUsage(), model: 'test-router' }),
});

const pipelineWith = (router: Router = local.router) =>
  createChatPipeline({ ...local, router, retriever: new HybridRetriever(database.pool), conversations: stores.conversations, settings, logger });

/** Every heading line of every sample document: questions that hit many chunks of one document. */
async function headingsOfTheSampleKnowledgeBase(): Promise<string[]> {
  const headings: string[] = [];
  for (const file of (await readdir(knowledgeBaseDir)).filter((name) => name.endsWith('.md'))) {
    const text = await readFile(path.join(knowledgeBaseDir, file), 'utf8');
    headings.push(...[...text.matchAll(/^#{1,3}\s+(.+)$/gm)].map((match) => match[1]!));
  }
  return headings;
}

describe('sources of an answer', () => {
  it('never hold the same document twice, and fill the places with distinct documents (every heading of the sample knowledge base)', async () => {
    const questions = await headingsOfTheSampleKnowledgeBase();
    expect(questions.length).toBeGreaterThan(20);
    let answered = 0;
    for (const question of questions) {
      for (const agent of ['audrey', 'carole'] as const) {
        const result = await pipelineWith(routerTo(agent)).run(job(question), {});
        const documents = result.sources.map((source) => source.document_id);
        expect(new Set(documents).size, `${question} (${agent}): ${JSON.stringify(result.sources)}`).toBe(documents.length);
        expect(result.sources.length).toBeLessThanOrEqual(settings.rerankTopN);
        if (result.sources.length > 0) answered += 1;
      }
    }
    expect(answered).toBeGreaterThan(questions.length);
  });

  it('hands the answerer more chunks of the cited documents, and the offline answer quotes the one with the figures', async () => {
    const inputs: AnswerInput[] = [];
    const answerer: Answerer = { answer: (input, hooks, signal) => (inputs.push(input), local.answerer.answer(input, hooks, signal)) };
    const pipeline = createChatPipeline({ ...local, answerer, router: routerTo('carole'), retriever: new HybridRetriever(database.pool), conversations: stores.conversations, settings, logger });
    const result = await pipeline.run(job('Combien de hashtags mettre sous une publication ?'), {});
    const [input] = inputs;
    const cited = new Set(input!.sources.map((source) => source.documentId));
    expect(input!.companions!.length).toBeGreaterThan(0);
    expect(input!.companions!.every((companion) => cited.has(companion.documentId))).toBe(true);
    expect(input!.companions!.some((companion) => input!.sources.some((source) => source.chunkId === companion.chunkId))).toBe(false);
    expect(result.message).toMatch(/entre 3 et 10 hashtags/);
  });

  it('are none when the offline answer says the knowledge base does not cover the question', async () => {
    const result = await pipelineWith(routerTo('carole')).run(job('Quelle est la meilleure heure pour publier sur TikTok ?'), {});
    expect(result.message).toContain("Je n'ai rien trouvé sur ce sujet");
    expect(result.sources).toEqual([]);
  });

  it('still finds Carole’s document when the question is routed to Audrey', async () => {
    const misrouted = await pipelineWith(routerTo('audrey')).run(job('Quelle taille pour les slides d’un carrousel Canva ?'), {});
    expect(misrouted.agent).toBe('audrey');
    expect(misrouted.sources.map((source) => source.title)).toContain('Construire son identité visuelle avec Canva');
  });
});

describe('a question that crosses both agents', () => {
  const crossing = [
    'Mon Reel a bien marché, comment envoyer automatiquement ces personnes vers ma newsletter ?',
    'my reel did well, how do I send those people to my newsletter automatically?',
  ];
  const ownerOf = new Map<string, string>();
  beforeAll(async () => {
    const { rows } = await database.pool.query<{ title: string; agent_owner: string }>('SELECT title, agent_owner FROM documents');
    for (const row of rows) ownerOf.set(row.title, row.agent_owner);
  });

  it.each(crossing)('draws on both agents’ documents, whichever agent answers: %s', async (question) => {
    for (const router of [local.router, routerTo('audrey'), routerTo('carole')]) {
      const result = await pipelineWith(router).run(job(question), {});
      const owners = result.sources.map((source) => ownerOf.get(source.title));
      expect(owners, `${result.agent}: ${JSON.stringify(result.sources.map((source) => source.title))}`).toEqual(expect.arrayContaining(['audrey', 'carole']));
      // The offline answer quotes both sides, and cites what it quotes.
      const quotedTitles = [...(result.message.split('\n').find((line) => /Sources : /u.test(line)) ?? '').matchAll(/« ([^»]+) »/gu)].map((match) => match[1]!);
      expect(quotedTitles.map((title) => ownerOf.get(title)), result.message).toEqual(expect.arrayContaining(['audrey', 'carole']));
    }
  });

  it('is routed to an agent (not escalated, not a clarifying question) by the local router', async () => {
    for (const question of crossing) {
      const result = await pipelineWith().run(job(question), {});
      expect(['audrey', 'carole']).toContain(result.agent);
      expect(result.escalated).toBe(false);
    }
  });
});
