import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { KnowledgeRetriever, RetrievedChunk, RouteDecision } from '../capabilities/capabilities.ts';
import { checkKnowledgeBeforeClarifying } from './clarify-unless-knowledge-answers.ts';
import { retrievedChunk } from '../testing/retrieved-chunk.ts';
import { pipelineJob as job } from './pipeline-job-fixture.ts';
import { useKnowledgeCheckFixture } from '../testing/knowledge-check-test-fixture.ts';

/**
 * The knowledge check of a hand-over that the knowledge base answers after all (an out-of-scope
 * question a document covers, a billing question that only asks whether an arrangement is allowed),
 * over the sample knowledge base plus the fixtures' three documents, as
 * clarify-unless-knowledge-answers.test.ts.
 */

const fixture = useKnowledgeCheckFixture(fileURLToPath(new URL('./fixtures', import.meta.url)));
const { settings, local, pipeline } = fixture;
const routed = (message: string) => local.router.route({ message, history: [] });
const check = (decision: RouteDecision, message: string, knowledgeRetriever: KnowledgeRetriever = fixture.retriever) =>
  checkKnowledgeBeforeClarifying({ embedder: local.embedder, retriever: knowledgeRetriever, settings }, { decision, message });

describe('an out-of-scope hand-over the knowledge base covers after all', () => {
  it('is answered from the document (a shared one goes to Audrey)', async () => {
    const message = 'Quel est le seuil de TVA pour ma micro-entreprise ?';
    const decision = await routed(message);
    expect(decision).toMatchObject({ kind: 'escalate', category: 'out_of_scope' });
    const { decision: checked, check: outcome } = await check(decision, message);
    expect(checked).toMatchObject({ kind: 'answer', agent: 'audrey', method: decision.method, model: decision.model });
    expect(checked.reasoning).toContain('TVA et URSSAF pour ta micro-entreprise de coach');
    expect(outcome).toMatchObject({ outcome: 'answered_from_knowledge' });
    const result = await pipeline().run(job(message), {});
    expect(result).toMatchObject({ agent: 'audrey', escalated: false });
    expect(result.message).toContain('37 500 €');
  });

  it('stays with a person for a health question, or when no document covers it', async () => {
    for (const message of ['Quel médicament prendre pour le stress des déclarations ?', 'Tu as une recette de gâteau au chocolat ?']) {
      const decision = await routed(message);
      expect(decision).toMatchObject({ kind: 'escalate', category: 'out_of_scope' });
      expect((await check(decision, message)).decision).toBe(decision);
    }
  });
});

describe('a billing hand-over that only asks whether an arrangement is allowed', () => {
  const faq: RetrievedChunk = {
    chunkId: 'faq-instalments',
    documentId: 'faq',
    title: 'Questions fréquentes',
    section: 'Puis-je payer en plusieurs fois ?',
    content: 'Oui : le programme se paie en 3 fois ou en 6 fois, sans frais.',
    agentOwner: 'shared',
    score: 0.9,
  };
  const answering: KnowledgeRetriever = { search: async () => [faq] };

  it('is answered from the page that says so (a hand-over would hold the conversation for a person)', async () => {
    for (const message of ['Puis-je payer en plusieurs fois ?', 'on peut payer en 3 fois ?', 'Est-il possible de payer en plusieurs mensualités ?']) {
      const decision = await routed(message);
      expect(decision, message).toMatchObject({ kind: 'escalate', category: 'billing' });
      const { decision: checked, check: outcome } = await check(decision, message, answering);
      expect(checked, message).toMatchObject({ kind: 'answer', agent: 'audrey' });
      expect(outcome.outcome).toBe('answered_from_knowledge');
    }
  });

  it('is answered from a pricing page that states the instalments in other words than the question', async () => {
    const pricing = retrievedChunk({
      title: 'Nos offres et nos tarifs',
      section: 'Moyens de paiement',
      content: '- Carte bancaire ou virement.\n- **Paiement en 3 fois sans frais** pour les offres à partir de 500 € HT.',
      score: 0.9,
    });
    for (const message of ['on peut payer en plusieurs fois ?', 'Est-il possible de régler en plusieurs mensualités ?']) {
      const decision = await routed(message);
      expect(decision, message).toMatchObject({ kind: 'escalate', category: 'billing' });
      expect((await check(decision, message, { search: async () => [pricing] })).decision, message).toMatchObject({ kind: 'answer' });
    }
    // A page about paying that states no instalments does not answer it.
    const means = { ...pricing, content: '- Carte bancaire ou virement.\n- Facture envoyée à chaque paiement.' };
    const message = 'on peut payer en plusieurs fois ?';
    expect((await check(await routed(message), message, { search: async () => [means] })).decision).toMatchObject({ kind: 'escalate' });
  });

  it('stays with a person when the visitor asks for it, or when it is about a charge', async () => {
    for (const message of ['Je voudrais payer en 3 fois', 'J’ai été prélevée deux fois, je peux être remboursée ?', 'Je veux être remboursée, je peux payer en plusieurs fois la prochaine fois ?']) {
      const decision = await routed(message);
      expect(decision.kind, message).toBe('escalate');
      const { decision: checked } = await check(decision, message, answering);
      expect(checked, message).toBe(decision);
    }
  });

  it('is answered from a payments page when it asks which way of paying is accepted', async () => {
    const payments: RetrievedChunk = {
      chunkId: 'faq-payments',
      documentId: 'faq',
      title: 'Questions fréquentes',
      section: 'Moyens de paiement',
      content: 'Nous acceptons la carte bancaire, le virement et les chèques (à l’ordre de l’agence).',
      agentOwner: 'shared',
      score: 0.9,
    };
    // A billing hand-over for the first, a clarifying question for the second: both answered.
    for (const message of ['vous acceptez les chèques ?', 'Acceptez-vous le paiement par virement ?']) {
      const decision = await routed(message);
      expect(['escalate', 'clarify'], message).toContain(decision.kind);
      expect((await check(decision, message, { search: async () => [payments] })).decision, message).toMatchObject({ kind: 'answer' });
    }
    // Naming a way of paying is not enough: the chunk must be about paying.
    const elsewhere = { ...payments, section: 'Le shooting', content: 'Le chèque cadeau du restaurant apparaît sur la photo.' };
    const message = 'vous acceptez les chèques ?';
    expect((await check(await routed(message), message, { search: async () => [elsewhere] })).decision).toMatchObject({ kind: 'escalate' });
  });

  it('is answered from the refunds page when it asks, in general, whether refunds are given', async () => {
    const refunds = retrievedChunk({
      title: 'Remboursements et annulations',
      section: 'Les ateliers',
      content: 'Un atelier acheté à l’unité n’est pas remboursé, mais son replay reste disponible 30 jours.',
      score: 0.9,
    });
    const message = 'on peut se faire rembourser un atelier ?';
    const decision = await routed(message);
    expect(decision).toMatchObject({ kind: 'escalate', category: 'billing' });
    expect((await check(decision, message, { search: async () => [refunds] })).decision).toMatchObject({ kind: 'answer' });
    // The visitor's own purchase is a request: a person.
    // A period or a purchase of the visitor's own, said impersonally (review of round 18), is one too.
    for (const own of ['je peux me faire rembourser mon pack ?', 'on peut me rembourser ?', "c'est possible de se faire rembourser le mois de décembre ?", 'est-ce possible de se faire rembourser le dernier prélèvement ?']) {
      const ownDecision = await routed(own);
      expect(ownDecision.kind, own).toBe('escalate');
      expect((await check(ownDecision, own, { search: async () => [refunds] })).decision, own).toBe(ownDecision);
    }
  });

  it('stays with a person when no page says so', async () => {
    const message = 'Puis-je payer en plusieurs fois ?';
    const { decision: checked } = await check(await routed(message), message, { search: async () => [] });
    expect(checked).toMatchObject({ kind: 'escalate', category: 'billing' });
  });
});
