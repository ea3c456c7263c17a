import { describe, expect, it } from 'vitest';
import { buildExtractiveAnswer } from './extractive-answerer.ts';
import { isTheItemAsked, ordinalAskedBy } from './ordinal-question.ts';
import { retrievedChunk } from '../testing/retrieved-chunk.ts';

describe('ordinalAskedBy', () => {
  it('reads the rank and the noun of "le 4e mail", "la 3ème étape", "le deuxième module"', () => {
    expect(ordinalAskedBy('et le 4e mail je mets quoi dedans ?')).toEqual({ rank: 4, nounStem: 'email' });
    expect(ordinalAskedBy("c'est quoi la 3ème étape ?")?.rank).toBe(3);
    expect(ordinalAskedBy('le deuxième module ?')?.rank).toBe(2);
  });

  it('is none without a numbered noun ("il est 18h", "je suis 1er sur google")', () => {
    expect(ordinalAskedBy('il est 18h')).toBeNull();
    expect(ordinalAskedBy('je suis 1er sur google')).toBeNull();
  });

  it('finds the item written as its noun then its number, or as a numbered step', () => {
    const fourth = ordinalAskedBy('le 4e mail ?')!;
    expect(isTheItemAsked({ text: 'E-mail 4, à J+7 : le témoignage.' }, fourth)).toBe(true);
    expect(isTheItemAsked({ text: 'E-mail 2, à J+2 : ton histoire.' }, fourth)).toBe(false);
    expect(isTheItemAsked({ text: 'Relie la page au formulaire.', step: 3 }, ordinalAskedBy('la 3e étape ?')!)).toBe(true);
  });
});

describe('the offline answer to a question about one item of a series', () => {
  const sequence = retrievedChunk({
    title: 'Écrire une séquence de bienvenue',
    content:
      'La séquence compte 6 e-mails envoyés sur 12 jours.\n\n' +
      '- E-mail 1, envoyé tout de suite : le cadeau promis.\n' +
      '- E-mail 2, à J+2 : ton histoire.\n' +
      '- E-mail 3, à J+4 : un conseil concret.\n' +
      '- E-mail 4, à J+6 : une question à tes lectrices.\n' +
      "- E-mail 5, à J+9 : le témoignage d'une cliente.\n" +
      '- E-mail 6, à J+12 : ton offre.',
    agentOwner: 'audrey',
    score: 0.4,
    chunkIndex: 0,
  });

  it('quotes the item asked', () => {
    const text = buildExtractiveAnswer({ agent: 'audrey', message: 'et le 5e mail je mets quoi dedans ?', sources: [sequence] });
    expect(text).toContain("E-mail 5, à J+9 : le témoignage d'une cliente.");
  });
});
