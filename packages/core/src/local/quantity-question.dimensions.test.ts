import { describe, expect, it } from 'vitest';
import { contentStems } from '../french-text/french-text.ts';
import { dimensionsWordsAsFigures, quantityAskedBy, statesQuantity } from './quantity-question.ts';

const DIMENSIONS = { kind: 'dimensions' } as const;

describe('a question that asks for dimensions', () => {
  it.each([
    'Je fais mon logo moi-même sur Canva, quelles tailles je dois exporter ?',
    'quel format pour mon logo',
    'Quelles dimensions pour mes visuels Pinterest ?',
    'Quelle taille en pixels pour que mes publications rendent bien dans la nouvelle grille ?',
    'what size should my linkedin banner be',
    'combien de pixels pour une bannière ?',
  ])('asks for dimensions: %s', (question) => expect(quantityAskedBy(question)).toEqual(DIMENSIONS));

  it.each([
    'Quels formats de Reels je peux faire sans montrer mon visage ?',
    'quelle taille de groupe pour un atelier ?',
    'comment réduire la taille de mes vidéos ?',
    'taille des groupes test a/b',
  ])('does not: %s', (question) => expect(quantityAskedBy(question)).not.toEqual(DIMENSIONS));

  it.each(['Monogramme : Carré, 1 080 × 1 080 px.', 'Logo complet : PNG fond transparent, 1 500 px de large.', 'La bannière (1584 × 396 pixels) peut reprendre ta promesse.', 'un titre en 64 pt'])(
    'is answered by an image size: %s',
    (passage) => expect(statesQuantity(passage, DIMENSIONS)).toBe(true),
  );

  it.each([
    "Un symbole trop détaillé, illisible une fois réduit à la taille d'une photo de profil.",
    'Affiche-le en 40 pixels de large, en noir et blanc.',
    "en laissant une marge d'environ 50 px en haut et en bas",
    'des vignettes verticales en 3:4.',
  ])('not by the word or a few pixels: %s', (passage) => expect(statesQuantity(passage, DIMENSIONS)).toBe(false));
});

/**
 * Blind round 18: "quelles tailles je dois exporter ?" led with "…réduit à la taille d'une photo de profil.": "taille", the
 * question's rarest word, matched the word, not a size. When dimensions are asked, a passage holds the words that ask for
 * them when it states dimensions.
 */
describe('the words that ask for dimensions, as a passage holds them', () => {
  const question = new Set(contentStems('logo canva tailles exporter'));
  it('are held by a passage stating a size, not by one saying the word', () => {
    const [size] = contentStems('tailles');
    expect(dimensionsWordsAsFigures(new Set(contentStems('Carré 1 080 × 1 080 px')), 'Carré, 1 080 × 1 080 px.', question, DIMENSIONS).has(size!)).toBe(true);
    expect(dimensionsWordsAsFigures(new Set(contentStems('réduit à la taille')), 'réduit à la taille', question, DIMENSIONS).has(size!)).toBe(false);
  });

  it('are left as they are for another question', () => {
    const stems = new Set(contentStems('réduit à la taille'));
    expect(dimensionsWordsAsFigures(stems, 'réduit à la taille', question, null)).toEqual(stems);
  });
});
