import { describe, expect, it } from 'vitest';
import { asksWhatTheChatIs } from './assistant-identity.ts';
import { smallTalkOf } from './small-talk.ts';

/** Blind round 16: small talk its not-escalated messages found answered with passages or a clarifying question. */
describe('small talk of blind round 16', () => {
  it.each([
    ['Coucou les filles !', 'greeting'],
    ['Bonjour mesdames', 'greeting'],
    ['Hello la team 👋', 'greeting'],
    ['Trop bien, je m\'y mets lundi 💪', 'thanks'],
    ['Top merci, je reviens vers vous si je bloque', 'thanks'],
    ['merci, je repasse si j\'ai besoin', 'thanks'],
    ['Haha j\'adore 😂', 'thanks'],
    ['mdr trop drôle', 'thanks'],
    ['Désolée pour toutes mes questions aujourd\'hui 🙈', 'thanks'],
    ['pardon pour tous ces messages, merci !', 'thanks'],
  ])('%s is %s', (message, kind) => {
    expect(smallTalkOf(message)).toBe(kind);
  });

  it.each([
    'Coucou les filles, comment je programme mes Reels ?',
    'Trop bien, je m\'y mets lundi mais je fais comment pour le CNAME',
    'J\'adore ton idée de Reel sur la méditation, je la tourne en extérieur',
    'Désolée pour toutes mes questions, mais mon zap ne marche toujours pas',
    'Je reviens vers vous si je bloque sur Make, le scénario plante encore',
    'trop bien le replay',
    // A yes beside the laughter answers the question before it, read in context ("ok oui").
    'haha oui',
  ])('is not small talk: %s', (message) => {
    expect(smallTalkOf(message)).toBeNull();
  });

  it('reads a question in the plural whether the chat is a bot or people', () => {
    expect(asksWhatTheChatIs('Vous êtes des vraies personnes ou un chatbot ?')).toBe(true);
    expect(asksWhatTheChatIs('Vous êtes des robots ?')).toBe(true);
    expect(asksWhatTheChatIs('Vous êtes des coachs certifiées ?')).toBe(false);
  });
});
