import { describe, expect, it } from 'vitest';
import { asksWhatTheChatIs } from './assistant-identity.ts';
import { smallTalkOf } from './small-talk.ts';

/** Blind round 13: small talk its messages found read as a question, and a question what the chat is. */
describe('small talk of blind round 13', () => {
  it.each([
    ["Bonjour ! Comment allez-vous aujourd'hui ?", 'greeting'],
    ['Huguette de Liège vous dit bonjour ! Une belle journée à vous', 'greeting'],
    ["Bonjour tout le monde, je suis nouvelle dans le programme, ravie d'être là !", 'greeting'],
    ['merci bcp c top', 'thanks'],
    ['Merci infiniment Carole, je teste le live en duo ce week-end et je vous dis quoi !', 'thanks'],
    ["Ah d'accord je comprends mieux maintenant, merci pour l'explication", 'thanks'],
    ["Parfait, c'est exactement ce qu'il me fallait, merci Audrey 🙏", 'thanks'],
    ['Bonne fin de journée à vous deux et merci pour tout', 'goodbye'],
    ['Ça marche, je vais faire ça ce soir. Bonne soirée !', 'goodbye'],
  ])('is small talk: %s', (message, kind) => {
    expect(smallTalkOf(message)).toBe(kind);
  });

  it.each([
    'Merci, je teste le live en duo ce soir, mais comment j\'invite la deuxième personne ?',
    'Bonjour, je suis nouvelle dans le programme, où sont les replays ?',
    'merci bcp, c top, et pour le filigrane CapCut je fais comment',
  ])('is not small talk when it asks something: %s', (message) => {
    expect(smallTalkOf(message)).toBeNull();
  });

  it('reads "vous êtes qui en fait, une vraie personne ou un programme ?" as a question what the chat is', () => {
    expect(asksWhatTheChatIs('Vous êtes qui en fait, une vraie personne ou un programme ?')).toBe(true);
    expect(asksWhatTheChatIs('Je parle avec un humain ou un logiciel ?')).toBe(true);
    // "Un programme" alone may be the agency's offer.
    expect(asksWhatTheChatIs("C'est un programme ?")).toBe(false);
  });
});
