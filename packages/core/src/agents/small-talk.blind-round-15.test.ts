import { describe, expect, it } from 'vitest';
import type { HistoryMessage } from '../capabilities/capabilities.ts';
import { KeywordRouter } from '../local/keyword-router.ts';
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

  // A yes is an answer, not a thank-you: after "Tu veux que je te détaille le premier email ?", "ok oui" asks for the detail.
  it.each(['ok oui', "D'accord oui", 'ok oui super', 'parfait oui'])('a yes beside an acknowledgement is not small talk: %s', (message) => {
    expect(smallTalkOf(message)).toBeNull();
  });

  it('leaves a yes to an offer with the expert who made it, as a lone "ok" or "oui" is', () => {
    const history: HistoryMessage[] = [
      { role: 'user', content: 'Comment créer une séquence de bienvenue ?', agent: null },
      { role: 'assistant', content: 'Commence par trois emails. Tu veux que je te détaille le contenu du premier email ?', agent: 'audrey' },
    ];
    const router = new KeywordRouter();
    for (const message of ['ok oui', "d'accord oui", 'oui', 'ok']) {
      expect(router.decide({ message, history }), message).toMatchObject({ kind: 'answer', agent: 'audrey', method: 'context' });
    }
  });
});
