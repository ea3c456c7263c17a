import { describe, expect, it } from 'vitest';
import { retrievedChunk } from '../testing/retrieved-chunk.ts';
import { buildExtractiveAnswer } from './extractive-answerer.ts';
import { questionPartsOf } from './question-parts.ts';

describe('the questions of a message', () => {
  it.each([
    ['Quel format pour les stories et combien de temps doit durer un reel ?', ['Quel format pour les stories', 'combien de temps doit durer un reel']],
    ['Comment relancer les paniers abandonnés ? Et quelle taille pour les photos ?', ['Comment relancer les paniers abandonnés', 'quelle taille pour les photos']],
    // Blind round 11: "c'est quoi" opens the second question.
    [
      "Salut ! deux trucs : comment je fais mes couvertures de highlights, et c'est quoi la bonne taille pour un carrousel ?",
      ['Salut ! deux trucs : comment je fais mes couvertures de highlights,', "c'est quoi la bonne taille pour un carrousel"],
    ],
    ['comment faire un lien de paiement et c est quoi les frais de stripe', ['comment faire un lien de paiement', 'c est quoi les frais de stripe']],
    // What follows the last question mark asks ("ou"): a second question.
    ['tu me conseilles quoi comme appli de montage ? capcut ou inshot', ['tu me conseilles quoi comme appli de montage', 'capcut ou inshot']],
  ])('%s', (message, parts) => {
    expect(questionPartsOf(message)).toEqual(parts);
  });

  it.each([
    "Un preset et un filtre, c'est quoi la différence ?",
    'Comment créer un Reel qui engage ?',
    'Je vends des bougies et des savons, comment fixer mes prix ?',
    'Reels ? Stories ?',
    // Blind round 18: what follows the last question mark and asks nothing is context, not a second question.
    "Comment retirer quelqu'un de ma séquence de relance automatiquement quand il a payé ? j'utilise Zapier et Calendly",
    "est-ce que c'est grave si je demande l'année de naissance dans mon formulaire ? rgpd tout ça",
  ])('"%s" is one question', (message) => {
    expect(questionPartsOf(message)).toEqual([]);
  });
});

const chunk = (documentId: string, title: string, content: string, score: number) => retrievedChunk({ documentId, title, content, score });

describe('the offline answer to two questions in one message', () => {
  it('quotes the best passage of each question, not only of the better-matched one', () => {
    const reels = chunk(
      'reels',
      'Réussir ses Reels',
      [
        'Pour réussir un Reel, montre ton atelier en mouvement.',
        'Pour réussir un Reel, filme à la verticale et à la lumière du jour.',
        'Pour réussir un Reel, ajoute des sous-titres lisibles.',
        'Pour réussir un Reel, publie au moins une fois par semaine.',
        'Pour réussir un Reel, soigne le son autant que l’image.',
      ].join(' '),
      0.9,
    );
    const visuals = chunk('visuels', 'Les visuels produits', 'Les visuels de la boutique font 1080 × 1350 pixels, au format portrait.', 0.5);
    const answer = buildExtractiveAnswer({ agent: 'carole', message: 'Comment réussir un Reel et quelle taille pour les visuels ?', sources: [reels, visuals] });
    expect(answer).toContain('1080 × 1350');
  });
});
