import { describe, expect, it } from 'vitest';
import { asksForARemedy } from './remedy-question.ts';

describe('a message that asks for a remedy', () => {
  it.each([
    'Mes légendes perdent leurs sauts de ligne quand je colle le texte, ça me rend folle',
    'mail d anniv brevo il part pas, g importé les dates en csv',
    'que faire quand quelqu’un répond pas maintenant',
    'une élève a raté 3 fois le quiz, elle est dégoûtée, je fais quoi ?',
    'my logo looks blurry as a profile picture, what should I do?',
    'Mon gif giphy apparait pas quand je tape le mot clé dans insta',
  ])('%s', (message) => expect(asksForARemedy(message)).toBe(true));

  it.each([
    // A how-to that tells of a problem on the way: the how-to is asked.
    'je publie au hasard et je sens bien que ça ne marche pas. Concrètement, comment je m’organise pour préparer plusieurs semaines de posts ?',
    // The cause asked.
    'Mon live d’hier a planté au bout de 10 min. Qu’est-ce qui a pu se passer ?',
    'pourquoi mon zap ne marche plus ?',
    // "I can't": not something that goes wrong.
    'je n’arrive plus à modifier mon nom sur instagram',
    'combien de hashtags mettre',
  ])('does not: %s', (message) => expect(asksForARemedy(message)).toBe(false));
});
