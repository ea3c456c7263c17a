import { describe, expect, it } from 'vitest';
import type { RetrievedChunk } from '../capabilities/capabilities.ts';
import { buildExtractiveAnswer } from './extractive-answerer.ts';
import { quantityAskedBy, statesQuantity } from './quantity-question.ts';

describe('a question that asks for an amount', () => {
  it.each([
    ["C'est combien Forêt ?", 'price'],
    ['Ça coûte combien du coup ?', 'price'],
    ['Quel est le prix de Canopée ?', 'price'],
    ['how much is the group programme?', 'price'],
    ["Combien d'emails dans la séquence de bienvenue ?", 'number'],
    ['combien de slides max dans un carrousel', 'number'],
    ['et la deuxième elle dure combien ?', 'number'],
    ['Combien de temps par semaine faut-il ?', 'number'],
    ['how many posts a week?', 'number'],
  ] as const)('%s -> %s', (question, kind) => {
    expect(quantityAskedBy(question)).toBe(kind);
  });

  it.each([
    // A how-to about prices, a question that asks no amount, or a second question beside the amount.
    'Comment calculer le prix de mes séances ?',
    'Quelles couleurs pour ma charte graphique ?',
    'Combien coûte Graine et est-ce que les séances sont enregistrées ?',
    'Combien de posts par semaine ? Et quel format ?',
  ])('%s -> none', (question) => {
    expect(quantityAskedBy(question)).toBeNull();
  });

  it('a price is a figure with its currency, or free; a number is a figure or a spelled-out one', () => {
    expect(statesQuantity('Prix : 3 900 € en une fois.', 'price')).toBe(true);
    expect(statesQuantity("L'appel découverte est gratuit.", 'price')).toBe(true);
    expect(statesQuantity('Une séance peut être déplacée gratuitement si tu préviens 48 heures avant.', 'price')).toBe(false);
    expect(statesQuantity('Forêt dure 6 mois.', 'price')).toBe(false);
    expect(statesQuantity('Publie trois vidéos par semaine.', 'number')).toBe(true);
    expect(statesQuantity('Un seul appel à l’action par email.', 'number')).toBe(false);
  });
});

const chunk = (documentId: string, title: string, content: string, score: number, chunkIndex = 0): RetrievedChunk => ({
  chunkId: `${documentId}-${chunkIndex}`,
  documentId,
  title,
  section: null,
  content,
  agentOwner: 'shared',
  score,
  chunkIndex,
});

describe('the offline answer to a question that asks for an amount', () => {
  // The refund page ranks first on the offer's name; the offers page states its price under a heading.
  const refunds = chunk(
    'refunds',
    'Politique de remboursement',
    "# Politique de remboursement\n\n## Forêt\n\nForêt n'est pas remboursable une fois la première séance passée. Une séance annulée moins de 48 heures avant est due. Une attestation de suivi est délivrée à la fin de Forêt.",
    0.66,
  );
  const offers = chunk(
    'offers',
    'Les offres du Studio',
    "# Les offres du Studio\n\n## Forêt : l'accompagnement individuel\n\nForêt dure 6 mois avec 12 séances individuelles.\n\nPrix : 3 900 € en une fois.\n\nPaiement échelonné : 10 mensualités de 410 €.",
    0.59,
  );

  it('quotes the sentence that states it, not only the ones that name the subject', () => {
    const answer = buildExtractiveAnswer({ agent: 'audrey', message: "C'est combien Forêt ?", sources: [refunds, offers] });
    expect(answer).toContain('3 900 €');
  });

  it('leaves a question that asks no amount as it was', () => {
    const answer = buildExtractiveAnswer({ agent: 'audrey', message: 'Forêt est-il remboursable ?', sources: [refunds, offers] });
    expect(answer).toContain("Forêt n'est pas remboursable");
  });
});
