import { describe, expect, it } from 'vitest';
import { questionKindOf } from './question-kind.ts';

describe('the kind of question a message or an FAQ heading asks', () => {
  it.each([
    ['Comment je fais un quiz à la fin de mon module Kajabi ?', 'how-to'],
    ['## Comment créer le quiz ?', 'how-to'],
    ['How do I send a birthday email automatically in Brevo?', 'how-to'],
    ['les sous-titres écrivent n importe quoi, je fais comment ?', 'how-to'],
    ['une élève a raté 3 fois le quiz, elle est dégoûtée, je fais quoi ?', 'what-to-do'],
    ['Une élève a échoué trois fois, que faire ?', 'what-to-do'],
    ['my logo looks blurry as a profile picture, what should I do?', 'what-to-do'],
    ["qu'est-ce que je fais si le paiement échoue ?", 'what-to-do'],
  ] as const)('%s → %s', (text, kind) => expect(questionKindOf(text)).toBe(kind));

  it.each(['mes scores montent mais redescendent jamais, comment ça se fait', 'À quoi sert un quiz dans une formation ?', 'Où voir les réponses des élèves ?', 'un commentaire sous mon reel', 'comment ça va ?'])(
    'is neither a how-to nor a what-to-do: %s',
    (text) => expect(questionKindOf(text)).toBeNull(),
  );
});
