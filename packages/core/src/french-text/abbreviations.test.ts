import { describe, expect, it } from 'vitest';
import { splitSentences } from './french-text.ts';

describe('a sentence cut after an abbreviation before a number', () => {
  it('is not cut there: "art. 293 B", "p. 12", "n. 4"', () => {
    expect(splitSentences('Ils sont hors taxes : la facture porte la mention « TVA non applicable, art. 293 B du CGI ». Le solde est payé à la livraison.')).toEqual([
      'Ils sont hors taxes : la facture porte la mention « TVA non applicable, art. 293 B du CGI ».',
      'Le solde est payé à la livraison.',
    ]);
    expect(splitSentences('Tout est expliqué dans le guide (voir p. 12).')).toEqual(['Tout est expliqué dans le guide (voir p. 12).']);
  });

  it('is still cut after an abbreviation before a capital, and after a word before a number', () => {
    expect(splitSentences('Vise 30 min. Ensuite, relis.')).toEqual(['Vise 30 min.', 'Ensuite, relis.']);
    expect(splitSentences('Publie trois fois par semaine. 2 Reels suffisent.')).toEqual(['Publie trois fois par semaine.', '2 Reels suffisent.']);
    expect(splitSentences('Lis la note. Art. 5 : le préavis.')).toEqual(['Lis la note.', 'Art. 5 : le préavis.']);
  });
});
