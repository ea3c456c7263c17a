import { describe, expect, it } from 'vitest';
import { readKnowledgeBaseChunks } from '../testing/knowledge-base-chunks.ts';
import { bestChunkPerDocument } from '../retrieval/source-selection.ts';
import { lexicalScores } from './lexical-reranker.ts';
import { buildExtractiveAnswer } from './extractive-answerer.ts';
import { quantityAskedBy, statesQuantity } from './quantity-question.ts';

/** Blind round 13: a fee or a cut asked for ("combien Substack prend sur mes abonnements payants"). */
describe('a question that asks for a fee or a cut', () => {
  it.each([
    'combien Substack prend sur mes abonnements payants',
    'Combien prend Podia sur chaque vente ?',
    'Stripe garde combien ?',
    'quel pourcentage prend la plateforme ?',
    'quels sont les frais de Stripe ?',
  ])('asks for a fee: %s', (question) => {
    expect(quantityAskedBy(question)).toEqual({ kind: 'fee' });
  });

  it.each(['combien de posts je prends par semaine', 'je garde combien de stories à la une ?', 'Comment réduire mes frais de livraison sur Shopify ?'])(
    'asks for no fee: %s',
    (question) => {
      expect(quantityAskedBy(question)?.kind).not.toBe('fee');
    },
  );

  it('is stated by a percentage or a price', () => {
    expect(statesQuantity('Substack prend 10 % des revenus payants.', { kind: 'fee' })).toBe(true);
    expect(statesQuantity('La commission est de 5 € par vente.', { kind: 'fee' })).toBe(true);
    expect(statesQuantity('Substack héberge ta newsletter et les abonnements payants.', { kind: 'fee' })).toBe(false);
  });

  it('quotes the sentence that states the cut, not only the ones that name the subject (the round\'s Substack guide)', () => {
    // As in local mode: the best chunk of the 3 best documents by the lexical reranker, their other chunks as companions.
    const { chunks } = readKnowledgeBaseChunks(new URL('../evaluation/blind-round-13/kb/', import.meta.url));
    const message = 'combien Substack prend sur mes abonnements payants';
    const scores = lexicalScores(message, chunks);
    const sources = bestChunkPerDocument(chunks.map((chunk, index) => ({ ...chunk, score: scores[index]! })).sort((left, right) => right.score - left.score), 3);
    const companions = chunks.filter((chunk) => sources.some((source) => source.documentId === chunk.documentId && source.chunkId !== chunk.chunkId));
    const answer = buildExtractiveAnswer({ agent: 'audrey', message, sources, companions });
    expect(answer).toContain('Substack prend 10 %');
  });
});
