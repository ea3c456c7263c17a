import { describe, expect, it } from 'vitest';
import { bestKnowledgeMatch } from './clarify-unless-knowledge-answers.ts';
import { retrievedChunk } from '../testing/retrieved-chunk.ts';

describe('a price list that says an offer is "payable" in instalments', () => {
  const prices = retrievedChunk({
    title: 'Nos offres et leurs tarifs',
    section: null,
    content: '## Programme Envol\n\nLe programme dure 8 semaines. Tarif : 890 € TTC, payable en une fois ou en 3 mensualités de 300 €.',
    score: 0.5,
  });

  it('answers "on peut payer en plusieurs fois ?" (a page about paying, in other words than "paiement")', () => {
    expect(bestKnowledgeMatch('on peut payer en plusieurs fois ?', [[prices]])).not.toBeNull();
  });

  it('still needs the page to be about paying: instalments of something else do not answer', () => {
    const posting = retrievedChunk({ title: 'Publier ses Reels', section: null, content: 'Publie ta vidéo en 3 fois, une partie par jour.', score: 0.5 });
    expect(bestKnowledgeMatch('on peut payer en plusieurs fois ?', [[posting]])).toBeNull();
  });
});
