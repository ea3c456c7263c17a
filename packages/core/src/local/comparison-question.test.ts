import { describe, expect, it } from 'vitest';
import { alternativesAskedBy, comparisonShare } from './comparison-question.ts';
import { contentStems } from '../french-text/french-text.ts';

describe('alternativesAskedBy', () => {
  it.each([
    ['Sondage ou quiz en story, lequel marche le mieux ?', ['sondag', 'quiz']],
    ['Quel format pour un carrousel insta, carré ou portrait ?', ['carr', 'portrait']],
    ['mon kit média, je le fais en A4 ou en paysage ?', ['a4', 'paysag']],
    ['Vaut-il mieux créer un groupe Facebook ou un groupe WhatsApp ?', ['facebook', 'whatsapp']],
  ])('names the word on each side of "ou": %s', (message, stems) => expect(alternativesAskedBy(message)?.stems).toEqual(stems));

  it.each(['je recycle mes posts, bonne idée ou pas ?', "c'est normal ou c'est un bug ?", "repost d'une story où une cliente me mentionne", 'comment faire un quiz ?'])(
    'is null with no two things named: %s',
    (message) => expect(alternativesAskedBy(message)).toBeNull(),
  );
});

describe('comparisonShare', () => {
  const alternatives = alternativesAskedBy('Sondage ou quiz ?')!;
  const share = (text: string) => comparisonShare(text, new Set(contentStems(text)), alternatives);
  it('counts the alternatives a line names, and half more when it compares', () => {
    expect(share('Un sondage ou un quiz, selon ton objectif.')).toBe(1);
    expect(share("Sondage : c'est le plus facile à répondre.")).toBe(1);
    expect(share('Quiz : tester une idée reçue.')).toBe(0.5);
    expect(share('Les stickers transforment une story.')).toBe(0);
  });

  it('counts a comparison by a line naming one of them only where its section names the other', () => {
    const text = "Format vertical : c'est celui que Pinterest met le mieux en avant.";
    const pinterest = alternativesAskedBy('Pinterest ou YouTube ?')!;
    const stems = new Set(contentStems(text));
    expect(comparisonShare(text, stems, pinterest, stems)).toBe(0.5);
    expect(comparisonShare(text, stems, pinterest, new Set([...stems, ...contentStems('YouTube')]))).toBe(1);
  });
});
