import { describe, expect, it } from 'vitest';
import { asksForARemedy, leadWithTheSectionsInstruction } from './remedy-question.ts';

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

describe('the instruction of the best-matched section', () => {
  const passage = (text: string, position: number, score: number, heading = 'Quand le scénario s’arrête') => ({ text, heading, sourceRank: 0, position, overlap: 1, score, answersTheVisitorsQuestion: false });

  it('goes before the line that only restates the situation', () => {
    const restated = passage('Make désactive un scénario après plusieurs erreurs de suite.', 0, 5);
    const instruction = passage("Ouvre l'historique du scénario, repère le module en rouge, corrige et relance.", 1, 1);
    const elsewhere = passage('Ajoute le module Google Sheets.', 0, 2, 'Construire le scénario');
    leadWithTheSectionsInstruction([restated, instruction, elsewhere]);
    expect(instruction.score).toBeGreaterThan(restated.score);
    expect(elsewhere.score).toBe(2);
  });

  it('leaves a best line that already tells what to do', () => {
    const best = passage("Vérifie le statut « Actif ».", 0, 5);
    const next = passage('Ouvre le flow et active-le.', 1, 1);
    leadWithTheSectionsInstruction([best, next]);
    expect(next.score).toBe(1);
  });
});
