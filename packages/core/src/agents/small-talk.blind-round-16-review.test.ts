import { describe, expect, it } from 'vitest';
import { asksWhatTheChatIs } from './assistant-identity.ts';
import { smallTalkOf } from './small-talk.ts';

/** Review of blind round 16's small talk: the same kinds said otherwise, and real questions that open with them. */
describe('small talk of blind round 16, reviewed', () => {
  it.each([
    ["Ahah j'adore", 'thanks'],
    ['Ahahah trop bien', 'thanks'],
    ['Toutes mes excuses pour toutes ces questions !', 'thanks'],
    ['Excellent, merci, je m\'y mets ce soir', 'thanks'],
    ['Impeccable merci !', 'thanks'],
    ['Coucou les chéries !', 'greeting'],
    ['Salut les pros 👋', 'greeting'],
    ['Bonjour à vous deux !', 'greeting'],
  ])('%s is %s', (message, kind) => {
    expect(smallTalkOf(message)).toBe(kind);
  });

  it.each([
    "Ahah j'adore, mais comment on fait pour le son tendance ?",
    "Toutes mes excuses pour ces messages, mais j'ai été prélevée deux fois",
    'Excellent, merci, mais comment je fais pour le CNAME ?',
    'Excellent article merci',
    'Salut les pros, comment relier Stripe à Kajabi ?',
    'Coucou les filles, comment connecter Zapier à Kajabi ?',
    'Bonjour à vous deux, une question sur Zapier',
  ])('is not small talk: %s', (message) => {
    expect(smallTalkOf(message)).toBeNull();
  });

  it('reads "des vrais gens" as asking whether the chat is people', () => {
    expect(asksWhatTheChatIs("C'est des vrais gens qui répondent ?")).toBe(true);
    expect(asksWhatTheChatIs('Vous êtes des vrais gens ou un robot ?')).toBe(true);
  });
});
