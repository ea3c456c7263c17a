import { describe, expect, it } from 'vitest';
import { asksWhatTheChatIs } from './assistant-identity.ts';
import { smallTalkOf, smallTalkReply } from './small-talk.ts';

/** Blind round 17: small talk its not-escalated messages found answered with passages or a clarifying question. */
describe('small talk of blind round 17', () => {
  it.each([
    ['merci pour les astuces sur les stickers, je teste ça demain', 'thanks'],
    ['merci pour tes conseils pour mes Reels', 'thanks'],
    ['ok super je vois mieux', 'thanks'],
    ["d'accord j'y vois plus clair maintenant, merci", 'thanks'],
    ["Joyeux Noël à toute l'équipe 🎄", 'goodbye'],
    ['Bonnes fêtes à vous deux !', 'goodbye'],
    ['Je reviens après les fêtes, bonnes vacances !', 'goodbye'],
    ['Pardon j\'ai appuyé trop vite sur envoyer', 'thanks'],
    ['oups désolée, envoyé par erreur', 'thanks'],
  ])('%s is %s', (message, kind) => {
    expect(smallTalkOf(message)).toBe(kind);
  });

  it.each([
    'Joyeux Noël ! comment je programme mes stories pendant les fêtes ?',
    'Pardon j\'ai appuyé trop vite, je voulais demander comment relier Stripe à Brevo',
    "merci pour les astuces sur les stickers mais le quiz ne s'affiche pas",
    'je vois mieux pourquoi mes mails tombent en spam, mais comment je règle le DKIM',
    'Je reviens après les fêtes pour mon tunnel, il faudra tout revoir',
    'Bonnes vacances : quel email envoyer à ma liste pendant ma fermeture ?',
  ])('is not small talk: %s', (message) => {
    expect(smallTalkOf(message)).toBeNull();
  });

  it('wishes the holiday back, and an apology is no trouble', () => {
    expect(smallTalkReply('goodbye', 'carole', "Joyeux Noël à toute l'équipe 🎄")).toMatch(/Joyeux Noël à toi/);
    expect(smallTalkReply('goodbye', 'audrey', 'Je reviens après les fêtes, bonnes vacances !')).toMatch(/^Bonnes vacances à toi/);
    expect(smallTalkReply('thanks', 'audrey', "Pardon j'ai appuyé trop vite sur envoyer")).toMatch(/^Pas de souci/);
    expect(smallTalkReply('thanks', 'audrey', 'merci beaucoup')).toMatch(/^Avec plaisir/);
  });

  it('reads the expert named before "qui me répond" as the other half of the AI question', () => {
    expect(asksWhatTheChatIs("C'est un robot ou Audrey en vrai qui me répond ?")).toBe(true);
    expect(asksWhatTheChatIs("C'est une IA ou Carole qui répond ?")).toBe(true);
    expect(asksWhatTheChatIs("C'est Audrey qui s'occupe des tunnels ?")).toBe(false);
  });
});
