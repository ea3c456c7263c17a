import { describe, expect, it } from 'vitest';
import { smallTalkOf } from './small-talk.ts';

/** Blind round 15: small talk its not-escalated messages found answered with passages or a clarifying question. */
describe('small talk of blind round 15', () => {
  it.each([
    ['merci bcp Carole tu gères 🙏', 'thanks'],
    ["Merci, t'es la meilleure !", 'thanks'],
    ['ok ça marche', 'thanks'],
    ["D'accord, parfait", 'thanks'],
    ["Coucou Audrey, j'espère que tu vas bien !", 'greeting'],
    ['Hello, je viens de m\'inscrire, je découvre tout ça', 'greeting'],
    ["Super merci, je teste le reel d'essai demain et je vous dis", 'thanks'],
    ['Trop bien, ma première vente est tombée ce matin, merci pour le conseil !!', 'thanks'],
    ["Merci ! J'ai eu 12 inscrites ce matin", 'thanks'],
  ])('%s is %s', (message, kind) => {
    expect(smallTalkOf(message)).toBe(kind);
  });

  it.each([
    'ok mais comment je fais pour épingler un post',
    'Ma première vente est tombée, comment je livre le produit',
    "Merci, je viens de m'inscrire à la formation mais je n'ai pas reçu le lien",
    'Coucou, tu vas bien ? Tu peux regarder ma bio ?',
    'super reel ce matin',
    'Je teste le reel d\'essai demain',
  ])('is not small talk: %s', (message) => {
    expect(smallTalkOf(message)).toBeNull();
  });
});
