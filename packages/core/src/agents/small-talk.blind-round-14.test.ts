import { describe, expect, it } from 'vitest';
import { asksWhatTheChatIs } from './assistant-identity.ts';
import { smallTalkOf } from './small-talk.ts';

/** Blind round 14: small talk its not-escalated messages found answered with passages or a clarifying question. */
describe('small talk of blind round 14', () => {
  it.each([
    ["Merci beaucoup, c'est super clair, je règle mon message d'absence ce soir.", 'thanks'],
    ["Super, merci pour l'astuce des emojis, j'avais jamais pensé à ça !", 'thanks'],
    ['Merci pour les idées de visuels, je n\'y avais pas pensé', 'thanks'],
    ["Bonjour, c'est ma première fois ici, je viens de rejoindre l'accompagnement 😊", 'greeting'],
  ])('%s is %s', (message, kind) => {
    expect(smallTalkOf(message)).toBe(kind);
  });

  it.each([
    "Merci, je règle mon message d'absence, mais où est le bouton ?",
    'Je change mon nom de profil ce soir',
    'Bonjour, je viens de rejoindre le programme, où sont les replays ?',
    "Merci pour l'astuce, comment je l'applique à mes stories ?",
  ])('is not small talk: %s', (message) => {
    expect(smallTalkOf(message)).toBeNull();
  });

  it('reads a question whether a machine or the expert herself answers as a question what the chat is', () => {
    expect(asksWhatTheChatIs("C'est une machine qui me répond ou c'est Audrey ?")).toBe(true);
    expect(asksWhatTheChatIs('Tu es un robot ou c\'est Carole en vrai ?')).toBe(true);
    expect(asksWhatTheChatIs("C'est Audrey qui gère mes automatisations ou Carole ?")).toBe(false);
  });
});
