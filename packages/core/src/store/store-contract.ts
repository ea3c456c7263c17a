import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatExchange, ConversationStore, DocumentInput, KnowledgeStore, RetrievedChunk } from '../capabilities/capabilities.ts';
import { HashingEmbedder } from '../local/hashing-embedder.ts';
import { chatExchangeFixture } from './chat-exchange-fixture.ts';

/**
 * The behaviour every store pair (conversations + knowledge) must have, whatever talks to the
 * database: `pg` (DATABASE_URL or the embedded PGlite) or Supabase REST. Call it from a test
 * file with a factory that opens stores on a fresh, migrated database:
 *
 *   runStoreContract('pg stores on PGlite', async () => ({ conversations, knowledge, close }));
 */

export interface StoresUnderTest {
  conversations: ConversationStore;
  knowledge: KnowledgeStore;
  close(): Promise<void>;
}

const embedder = new HashingEmbedder();
const embed = async (text: string) => (await embedder.embed([text])).vectors[0]!;

const exchangeOf = chatExchangeFixture;

async function documentOf(
  sourceKey: string,
  title: string,
  agentOwner: DocumentInput['agentOwner'],
  contents: string[],
  options: { contentHash?: string; embeddingModel?: string } = {},
): Promise<DocumentInput> {
  const vectors = (await embedder.embed(contents.map((content) => `${title}\n\n${content}`))).vectors;
  return {
    sourceKey,
    title,
    fileType: 'markdown',
    agentOwner,
    tags: ['test'],
    category: null,
    priority: 1,
    contentHash: options.contentHash ?? `hash-${sourceKey}`,
    embeddingModel: options.embeddingModel ?? embedder.model,
    chunks: contents.map((content, index) => ({ index, section: `Partie ${index + 1}`, content, embedding: vectors[index]! })),
  };
}

export function runStoreContract(name: string, open: () => Promise<StoresUnderTest>): void {
  describe(`store contract: ${name}`, () => {
    let stores: StoresUnderTest;
    beforeAll(async () => {
      stores = await open();
    });
    afterAll(async () => stores?.close());

    describe('ConversationStore', () => {
      it('stores an exchange once per job and reads it back', async () => {
        const conversationId = `test-conv-${randomUUID()}`;
        const exchange = exchangeOf({ jobId: `job-${randomUUID()}`, conversationId });
        const first = await stores.conversations.persistExchange(exchange);
        expect(first.created).toBe(true);
        expect(first.stored).toMatchObject({ jobId: exchange.jobId, assistantMessage: exchange.assistantMessage, agent: 'audrey', answeredAt: exchange.answeredAt });
        const second = await stores.conversations.persistExchange({ ...exchange, assistantMessage: 'Une autre réponse' });
        expect(second).toEqual({ stored: first.stored, created: false });
        expect(await stores.conversations.findExchangeByJobId(exchange.jobId)).toEqual(first.stored);

        const messages = await stores.conversations.listMessages(conversationId);
        expect(messages.map(({ role, content, agent, job_id, conversation_id }) => ({ role, content, agent, job_id, conversation_id }))).toEqual([
          { role: 'user', content: exchange.userMessage, agent: null, job_id: exchange.jobId, conversation_id: conversationId },
          { role: 'assistant', content: exchange.assistantMessage, agent: 'audrey', job_id: exchange.jobId, conversation_id: conversationId },
        ]);
        expect(messages.map((message) => message.created_at)).toEqual([exchange.userSentAt, exchange.answeredAt]);
        expect(messages[1]!.id).toBe(first.stored.assistantMessageId);
        // The answer's sources come back with it (a restored conversation still shows them).
        expect(messages[1]!.sources).toEqual(exchange.sources);
        expect(messages[0]!.sources).toBeUndefined();
      });

      it('orders exchanges by their question, also when answers interleave, and loads the recent history', async () => {
        const conversationId = `conv-${randomUUID()}`;
        const [jobA, jobB, jobC] = ['a', 'b', 'c'].map((letter) => `job-${letter}-${randomUUID()}`) as [string, string, string];
        // B's question arrives before A's answer: A question, A answer, B question, B answer.
        await stores.conversations.persistExchange(
          exchangeOf({ jobId: jobA, conversationId, userMessage: 'question A', assistantMessage: 'réponse A', userSentAt: '2026-03-01T10:00:00.000Z', answeredAt: '2026-03-01T10:00:05.000Z' }),
        );
        await stores.conversations.persistExchange(
          exchangeOf({ jobId: jobB, conversationId, userMessage: 'question B', assistantMessage: 'réponse B', agent: 'carole', userSentAt: '2026-03-01T10:00:02.000Z', answeredAt: '2026-03-01T10:00:07.000Z' }),
        );
        await stores.conversations.persistExchange(
          exchangeOf({ jobId: jobC, conversationId, userMessage: 'question C', assistantMessage: 'Une personne de l’équipe te répond.', agent: 'escalate', escalated: true, userSentAt: '2026-03-01T10:01:00.000Z', answeredAt: '2026-03-01T10:01:01.000Z' }),
        );
        const all = await stores.conversations.listMessages(conversationId);
        expect(all.map((message) => message.content)).toEqual(['question A', 'réponse A', 'question B', 'réponse B', 'question C', 'Une personne de l’équipe te répond.']);
        expect(all.map((message) => message.agent)).toEqual([null, 'audrey', null, 'carole', null, 'escalate']);
        expect((await stores.conversations.listMessages(conversationId, { limit: 3 })).map((message) => message.content)).toEqual([
          'réponse B',
          'question C',
          'Une personne de l’équipe te répond.',
        ]);

        const fresh = await stores.conversations.loadContext(conversationId, `job-new-${randomUUID()}`, 4);
        expect(fresh.existingReply).toBeNull();
        expect(fresh.history).toEqual([
          { role: 'user', content: 'question B', agent: null },
          { role: 'assistant', content: 'réponse B', agent: 'carole' },
          { role: 'user', content: 'question C', agent: null },
          { role: 'assistant', content: 'Une personne de l’équipe te répond.', agent: 'escalate' },
        ]);
        const rerun = await stores.conversations.loadContext(conversationId, jobC, 10);
        // With the router's method: a re-run decides the hand-over as the first run did (handover-pipeline.ts).
        expect(rerun.existingReply).toMatchObject({ jobId: jobC, agent: 'escalate', answeredAt: '2026-03-01T10:01:01.000Z', routingMethod: 'local' });
        expect(rerun.history.map((message) => message.content)).toEqual(['question A', 'réponse A', 'question B', 'réponse B']);
      });

      it('knows nothing of unknown conversations and jobs, and answers ping', async () => {
        expect(await stores.conversations.findExchangeByJobId(`job-${randomUUID()}`)).toBeNull();
        expect(await stores.conversations.loadContext(`conv-${randomUUID()}`, 'job', 10)).toEqual({ history: [], existingReply: null });
        expect(await stores.conversations.listMessages(`conv-${randomUUID()}`)).toEqual([]);
        await expect(stores.conversations.ping()).resolves.toBeUndefined();
      });
    });

    describe('KnowledgeStore', () => {
      it('creates a document, skips an unchanged one and replaces the chunks of a changed one', async () => {
        const sourceKey = `docs/${randomUUID()}.md`;
        const before = await stores.knowledge.countDocuments();
        expect(await stores.knowledge.findDocumentHash(sourceKey)).toBeNull();
        const original = await documentOf(sourceKey, "Tunnel de vente d'un ebook", 'audrey', ['La page de vente présente le sommaire.', 'Le bon de commande demande le moins de champs possible.']);
        const created = await stores.knowledge.upsertDocument(original);
        expect(created.status).toBe('created');
        expect(await stores.knowledge.findDocumentHash(sourceKey)).toBe(original.contentHash);
        expect(await stores.knowledge.countDocuments()).toBe(before + 1);
        expect(await stores.knowledge.upsertDocument(original)).toEqual({ documentId: created.documentId, status: 'unchanged' });
        // pnpm ingest --force: the same file and model are written again (the chunker may have changed).
        const rechunked = { ...original, force: true, chunks: original.chunks.slice(0, 1) };
        expect(await stores.knowledge.upsertDocument(rechunked)).toEqual({ documentId: created.documentId, status: 'updated' });
        const afterForce = await stores.knowledge.search({
          agent: 'audrey',
          text: 'bon de commande',
          embedding: original.chunks[1]!.embedding,
          embeddingModel: embedder.model,
          limit: 20,
          minSimilarity: -1,
        });
        expect(afterForce.filter((chunk) => chunk.documentId === created.documentId).map((chunk) => chunk.content)).toEqual(['La page de vente présente le sommaire.']);

        const changed = await documentOf(sourceKey, "Tunnel de vente d'un ebook", 'audrey', ['Systeme.io relie la page de remerciement au paiement Stripe.'], { contentHash: 'hash-2' });
        expect(await stores.knowledge.upsertDocument(changed)).toEqual({ documentId: created.documentId, status: 'updated' });
        expect(await stores.knowledge.findDocumentHash(sourceKey)).toBe('hash-2');
        expect(await stores.knowledge.countDocuments()).toBe(before + 1);
        const found = await stores.knowledge.search({
          agent: 'audrey',
          text: 'bon de commande',
          embedding: await embed("Tunnel de vente d'un ebook bon de commande page de vente sommaire Systeme.io"),
          embeddingModel: embedder.model,
          limit: 20,
          minSimilarity: -1,
        });
        const ofDocument = found.filter((chunk) => chunk.documentId === created.documentId);
        expect(ofDocument.map((chunk) => chunk.content)).toEqual(['Systeme.io relie la page de remerciement au paiement Stripe.']);
        expect(ofDocument[0]).toMatchObject({ title: "Tunnel de vente d'un ebook", section: 'Partie 1', agentOwner: 'audrey' });
      });

      it('replaces a document’s chunks in one transaction: a failed replacement leaves the previous version whole', async () => {
        const sourceKey = `docs/${randomUUID()}.md`;
        const original = await documentOf(sourceKey, 'Relances après un appel découverte', 'audrey', ['Relance deux jours après l’appel.', 'Propose un second créneau.']);
        const { documentId } = await stores.knowledge.upsertDocument(original);
        const valid = await documentOf(sourceKey, 'Relances après un appel découverte', 'audrey', ['Nouvelle version.'], { contentHash: 'hash-broken' });
        const broken = { ...valid, chunks: [...valid.chunks, { ...valid.chunks[0]!, index: 1, content: null as unknown as string }] };
        await expect(stores.knowledge.upsertDocument(broken)).rejects.toThrow();
        expect(await stores.knowledge.findDocumentHash(sourceKey)).toBe(original.contentHash);
        const found = await stores.knowledge.search({
          agent: 'audrey',
          text: 'relance appel découverte créneau',
          embedding: await embed('Relance deux jours après l’appel. Propose un second créneau.'),
          embeddingModel: embedder.model,
          limit: 50,
          minSimilarity: -1,
        });
        expect(found.filter((chunk) => chunk.documentId === documentId).map((chunk) => chunk.content).sort()).toEqual(
          ['Propose un second créneau.', 'Relance deux jours après l’appel.'],
        );
      });

      it('searches chunks of the query’s model, the agent’s and shared documents preferred, the other agent’s weighted down but found', async () => {
        const marker = randomUUID().slice(0, 8);
        const audrey = await stores.knowledge.upsertDocument(
          await documentOf(`audrey-${marker}.md`, 'Automatiser ses emails de bienvenue avec Kajabi', 'audrey', ['Dans Kajabi, crée une séquence de bienvenue et relie-la au formulaire.']),
        );
        const carole = await stores.knowledge.upsertDocument(
          await documentOf(`carole-${marker}.md`, 'Emails et stories Instagram', 'carole', ['Annonce tes emails de bienvenue en story Instagram avec un sticker lien.']),
        );
        const shared = await stores.knowledge.upsertDocument(
          await documentOf(`shared-${marker}.md`, 'Accéder à son espace membre', 'shared', ['Ton email de bienvenue contient le lien de ton espace membre Kajabi.']),
        );
        const otherModel = await stores.knowledge.upsertDocument(
          await documentOf(`other-${marker}.md`, 'Automatiser ses emails de bienvenue avec Kajabi (ancien)', 'audrey', ['Dans Kajabi, crée une séquence de bienvenue.'], { embeddingModel: 'another-model' }),
        );
        // No query words: the vector side alone (the full-text side of a hybrid store would also find the other model's chunks).
        const query = {
          agent: 'audrey' as const,
          text: '',
          embedding: await embed('Comment automatiser mes emails de bienvenue avec Kajabi ?'),
          embeddingModel: embedder.model,
          limit: 50,
          minSimilarity: 0,
        };
        const results = await stores.knowledge.search(query);
        const documentIds = results.map((chunk) => chunk.documentId);
        expect(documentIds).toContain(audrey.documentId);
        expect(documentIds).toContain(shared.documentId);
        expect(documentIds).toContain(carole.documentId);
        expect(documentIds).not.toContain(otherModel.documentId);
        // A misroute does not lose Carole's document, but the chosen agent's document comes first.
        expect(documentIds.indexOf(audrey.documentId)).toBeLessThan(documentIds.indexOf(carole.documentId));
        const scoreOfCarole = (chunks: RetrievedChunk[]) => chunks.find((chunk) => chunk.documentId === carole.documentId)!.score;
        const forCarole = await stores.knowledge.search({ ...query, agent: 'carole' });
        expect(scoreOfCarole(forCarole)).toBeGreaterThan(scoreOfCarole(results));
        for (let index = 1; index < results.length; index += 1) expect(results[index]!.score).toBeLessThanOrEqual(results[index - 1]!.score);
        const best = results.find((chunk) => chunk.documentId === audrey.documentId)!;
        expect(best).toMatchObject({ title: 'Automatiser ses emails de bienvenue avec Kajabi', section: 'Partie 1', agentOwner: 'audrey' });
        expect(best.score).toBeGreaterThan(0.1);

        // The similarity floor applies to the vector side: above every similarity, nothing is found.
        expect(await stores.knowledge.search({ ...query, minSimilarity: 0.999999 })).toEqual([]);
        expect(await stores.knowledge.search({ ...query, limit: 1 })).toHaveLength(1);
        expect(await stores.knowledge.search({ ...query, limit: 0 })).toEqual([]);
        await expect(stores.knowledge.search({ ...query, embedding: [0.1, 0.2] })).rejects.toThrow(/dimensions/);
      });
    });
  });
}
