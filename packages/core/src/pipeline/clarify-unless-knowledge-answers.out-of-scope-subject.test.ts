import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TemporaryDatabase } from '../database/temporary-database.ts';
import { createLocalCapabilities } from '../local/index.ts';
import { createLogger } from '../logging/logger.ts';
import type { HybridRetriever } from '../retrieval/hybrid-retriever.ts';
import { ingestSampleKnowledgeBase } from '../testing/ingested-sample-knowledge-base.ts';
import { checkKnowledgeBeforeClarifying } from './clarify-unless-knowledge-answers.ts';
import { askedOutOfScopeSubjectStems } from './out-of-scope-subject.ts';

/**
 * An out-of-scope question whose subject no document names stays with a person, even when a
 * document shares its other words: blind round 11's knowledge base (a page on Stripe receipts and
 * invoices "pour tes clientes") and "Est-ce que je dois facturer la TVA à mes clientes suisses ?".
 */
const roundKnowledgeBaseDir = fileURLToPath(new URL('../evaluation/blind-round-11/kb', import.meta.url));
const local = createLocalCapabilities();
const settings = { similarityThreshold: 0.7 };
let database: TemporaryDatabase;
let retriever: HybridRetriever;

beforeAll(async () => {
  ({ database, retriever } = await ingestSampleKnowledgeBase(roundKnowledgeBaseDir, { embedder: local.embedder, logger: createLogger({ level: 'silent' }) }));
});
afterAll(async () => database?.stop());

describe('the subject an out-of-scope question asks about', () => {
  it('is the tax of a tax obligation, and nothing for a word merely met', () => {
    expect(askedOutOfScopeSubjectStems('Est ce que je dois facturer la TVA à mes clientes suisses ?')).toEqual(['tva']);
    expect(askedOutOfScopeSubjectStems('est-ce que je dois payer les charges sociales sur mes ventes ?')).toEqual(['charg', 'social']);
    expect(askedOutOfScopeSubjectStems('Quel lead magnet marche le mieux pour une comptable qui vise les artisans ?')).toBeNull();
  });

  it('keeps the hand-over when no document names it, though one shares "facturer" and "clientes"', async () => {
    const message = 'Est ce que je dois facturer la TVA à mes clientes suisses ?';
    const decision = await local.router.route({ message, history: [] });
    expect(decision).toMatchObject({ kind: 'escalate', category: 'out_of_scope' });
    const { decision: checked, check } = await checkKnowledgeBeforeClarifying({ embedder: local.embedder, retriever, settings }, { decision, message });
    expect(checked).toBe(decision);
    expect(check).toMatchObject({ outcome: 'kept_clarification', reason: 'no_relevant_document' });
  });
});

describe('a medicine named by its class', () => {
  it('stays with a person without a search, as "médicament" does', async () => {
    const message = "J'ai mal au dos depuis que je filme mes vidéos, quel anti-inflammatoire prendre ?";
    const decision = await local.router.route({ message, history: [] });
    expect(decision).toMatchObject({ kind: 'escalate', category: 'out_of_scope' });
    const { decision: checked, check } = await checkKnowledgeBeforeClarifying({ embedder: local.embedder, retriever, settings }, { decision, message });
    expect(checked).toBe(decision);
    expect(check).toEqual({ outcome: 'not_a_clarification' });
  });
});

describe("the visitor's own symptoms (blind round 13)", () => {
  it('stay with a person without a search, as a medicine does', async () => {
    const message = "Bonsoir, j'ai mal au ventre depuis trois jours avec de la fièvre, je dois aller aux urgences ou attendre ?";
    const decision = await local.router.route({ message, history: [] });
    expect(decision).toMatchObject({ kind: 'escalate', category: 'out_of_scope' });
    const { decision: checked, check } = await checkKnowledgeBeforeClarifying({ embedder: local.embedder, retriever, settings }, { decision, message });
    expect(checked).toBe(decision);
    expect(check).toEqual({ outcome: 'not_a_clarification' });
  });
});

describe("the visitor's own exhaustion (blind round 15)", () => {
  it('stays with a person without a search, as a symptom does', async () => {
    const message = "Je n'arrive plus à me lever le matin, je pleure tous les jours depuis mon lancement raté, je ne sais plus quoi faire";
    const decision = await local.router.route({ message, history: [] });
    expect(decision).toMatchObject({ kind: 'escalate', category: 'out_of_scope' });
    const { decision: checked, check } = await checkKnowledgeBeforeClarifying({ embedder: local.embedder, retriever, settings }, { decision, message });
    expect(checked).toBe(decision);
    expect(check).toEqual({ outcome: 'not_a_clarification' });
  });
});

describe("the visitor's own low mood (blind round 16)", () => {
  it('stays with a person without a search, as exhaustion does', async () => {
    const message = "Honnêtement je n'ai plus l'énergie de rien, même plus de me lever pour préparer mon lancement";
    const decision = await local.router.route({ message, history: [] });
    expect(decision).toMatchObject({ kind: 'escalate', category: 'out_of_scope' });
    const { decision: checked, check } = await checkKnowledgeBeforeClarifying({ embedder: local.embedder, retriever, settings }, { decision, message });
    expect(checked).toBe(decision);
    expect(check).toEqual({ outcome: 'not_a_clarification' });
  });
});
