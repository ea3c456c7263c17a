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
    // Review of round 17: the message as the subject, two-word subjects, more wishes of the season.
    ['désolée message parti trop vite', 'thanks'],
    ['merci pour tes conseils sur la voix off', 'thanks'],
    ['bonnes fetes a toutes les deux', 'goodbye'],
    ['Belles fêtes à vous !', 'goodbye'],
    ['bon réveillon et merci pour tout', 'goodbye'],
    ["je reviens après les fêtes, bonne fin d'année !", 'goodbye'],
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
    // Review of round 17: an order, a payment or a newsletter gone too fast is no message sent by mistake.
    "pardon j'ai validé ma commande trop vite",
    "dsl j'ai cliqué sur acheter par erreur",
    "désolée j'ai envoyé la newsletter trop tôt",
    "pardon j'ai validé le paiement par erreur",
  ])('is not small talk: %s', (message) => {
    expect(smallTalkOf(message)).toBeNull();
  });

  it('wishes the holiday back, and an apology is no trouble', () => {
    expect(smallTalkReply('goodbye', 'carole', "Joyeux Noël à toute l'équipe 🎄")).toMatch(/Joyeux Noël à toi/);
    expect(smallTalkReply('goodbye', 'audrey', 'Je reviens après les fêtes, bonnes vacances !')).toMatch(/^Bonnes vacances à toi/);
    expect(smallTalkReply('thanks', 'audrey', "Pardon j'ai appuyé trop vite sur envoyer")).toMatch(/^Pas de souci/);
    expect(smallTalkReply('thanks', 'audrey', 'merci beaucoup')).toMatch(/^Avec plaisir/);
    expect(smallTalkReply('goodbye', 'carole', 'Belles fêtes à vous !')).toMatch(/Belles fêtes à toi/);
    expect(smallTalkReply('goodbye', 'carole', 'bon réveillon et merci pour tout')).toMatch(/Bon réveillon à toi/);
  });

  it('reads the expert named before "qui me répond" as the other half of the AI question', () => {
    expect(asksWhatTheChatIs("C'est un robot ou Audrey en vrai qui me répond ?")).toBe(true);
    expect(asksWhatTheChatIs("C'est une IA ou Carole qui répond ?")).toBe(true);
    expect(asksWhatTheChatIs("C'est Audrey qui s'occupe des tunnels ?")).toBe(false);
  });
});
