import { describe, expect, it } from 'vitest';
import { urgentHelpOf } from '../agents/urgent-help.ts';
import { detectEscalationIntent } from './escalation-intent.ts';
import { KeywordRouter } from './keyword-router.ts';

const router = new KeywordRouter();
const decide = (message: string) => router.decide({ message, history: [] });

/** Blind round 18: the classes of hand-over and routing its messages found, each with the messages that keep their route. */
describe('escalation classes of blind round 18', () => {
  it.each([
    'la personne a jamais utilisé son bon cadeau et il a expiré, je dois la rembourser ??',
    'ma cliente a annulé sa séance la veille, dois-je la rembourser ?',
    "une participante n'est pas venue à l'atelier, je lui rembourse ou pas ?",
    'est-ce que je dois rembourser ma cliente si elle abandonne le programme ?',
    'a client cancelled her session, should I refund her?',
    // The pronoun agrees with the person named (review of round 18).
    "mon client n'a pas pu venir, je dois le rembourser ?",
    "j'ai 12 inscrites et j'annule l'atelier, est-ce que je dois les rembourser ?",
    'vous pensez que je dois rembourser ma cliente ?',
    "ma cliente n'est pas contente du coaching que je lui ai vendu, je veux le rembourser ?",
    'mon client est mécontent, je voudrais le rembourser, comment faire dans kajabi ?',
    // Any client noun as the subject (an inscrite, a coachée, a stagiaire).
    "une inscrite m'écrit qu'elle veut être remboursée de mon atelier, je suis obligée ?",
    'ma coachée veut être remboursée après deux séances, je suis obligée ?',
  ])("answers a refund the visitor makes to someone else: %s", (message) => {
    expect(detectEscalationIntent(message)).toBeNull();
    expect(decide(message).kind).not.toBe('escalate');
  });

  it.each([
    'je voudrais le remboursement de ma formation',
    'vous devez me rembourser, ça ne marche pas',
    "pouvez-vous la rembourser ? c'était un cadeau pour ma mère",
    'je veux être remboursée',
    "j'ai été débitée deux fois, je dois être remboursée",
    "j'ai payé la formation mais elle ne me convient pas, on peut me la rembourser ?",
    "je voudrais qu'on me le rembourse",
    'le programme ne me plaît pas, on peut le rembourser ?',
    // A pronoun is the thing bought when no person is named (review of round 18).
    'la formation ne me plaît pas, je voudrais la rembourser',
    'je veux la rembourser cette formation, elle ne sert à rien',
    'le coaching ne me convient pas, je peux le rembourser ?',
    // People named only as the purchase's purpose, or not agreeing with the pronoun, are not the one refunded.
    "j'ai acheté la formation pour trouver des clientes, zéro cliente en 3 mois, je veux la rembourser",
    'la formation pour coacher des personnes âgées ne me convient pas, je peux la rembourser ?',
    "le coaching pour avoir plus d'abonnés ne marche pas je voudrais le rembourser",
    // The agency asked to refund someone the visitor paid for.
    'vous pouvez rembourser ma cliente ? je lui avais offert une séance chez vous',
    "pouvez vous rembourser la participante que j'avais inscrite à votre atelier ? elle est malade",
    // The visitor's own refund beside clients who are the purchase's purpose, not its subject.
    "l'accompagnement ne m'a pas aidée avec mes clientes, je voudrais le rembourser",
    "votre programme pour attirer des clientes c'est du vent, je veux le rembourser",
    "je veux le rembourser ce programme, mes élèves n'ont rien compris aux modules",
    // A person named beside the visitor's own purchase from the agency, or the thing bought after the verb.
    "ma cliente m'a conseillé votre formation, elle ne me plaît pas du tout, je veux la rembourser",
    "une participante de l'atelier m'a dit que c'était nul, j'ai payé 200€, je voudrais la rembourser cette formation",
    "j'ai acheté la masterclass pour une cliente, elle l'a pas aimée, je peux la rembourser ?",
  ])('still hands over a refund asked of the agency: %s', (message) => {
    expect(detectEscalationIntent(message)?.category).toBe('billing');
  });

  it.each([
    "j'ai reçu un DM qui dit que mon compte va être supprimé pour violation des droits d'auteur, c'est une arnaque ?",
    "j'ai reçu un mail qui me dit que j'ai gagné un iPhone, arnaque ?",
    "quelqu'un m'a écrit en DM pour me proposer un badge vérifié, c'est du phishing ?",
    // Reached by someone writing, calling or posing as another, and paying words that are the scam's offer (review of round 18).
    "un mec m'a contactée sur insta pour acheter mon compte, arnaque ?",
    "on m'a appelée en se faisant passer pour instagram, c'est une arnaque ?",
    "c'est une arnaque les DM qui proposent de mettre ton reel en avant sur une page à 100k ?",
    "une marque m'a envoyé un message pour une collab payée sur insta, ça sent l'arnaque non ?",
    "jai recu un mail qui dit que mon abonnement canva va etre suspendu, c'est une arnaque?",
    'on me propose en DM de vendre mon compte insta 500€, arnaque ou pas ?',
  ])('answers whether a message the visitor received is a scam: %s', (message) => {
    expect(detectEscalationIntent(message)).toBeNull();
    expect(decide(message).kind).not.toBe('escalate');
  });

  it.each([
    "j'ai reçu votre mail de relance, c'est une arnaque ?",
    'votre formation c’est une arnaque',
    "j'ai payé et rien reçu, c'est une arnaque",
    "j'ai acheté la formation, j'ai reçu un lien qui marche pas, c'est une arnaque ou quoi",
    "la formation est une arnaque, j'ai reçu aucun mail depuis mon paiement",
    // The agency's team named, or what was bought empty or broken (review of round 18).
    "Audrey m'a envoyé un mail pour renouveler, c'est une arnaque ?",
    "j'ai reçu un mail de Carole qui me réclame 150€, arnaque ou pas ?",
    "j'ai reçu le mail de bienvenue mais l'espace membre est vide, arnaque ?",
    "c'est une arnaque ce masterclass, j'ai reçu un mail avec un lien mort et c'est tout",
    "c'est une arnaque, on me demande encore de payer par mail alors que j'ai tout réglé",
    "on m'a écrit que ma place à l'atelier était annulée et qu'il fallait repayer, arnaque ?",
  ])('still hands over a scam said of the agency or of a purchase: %s', (message) => {
    expect(decide(message).kind).toBe('escalate');
  });

  it.each([
    "Mon ex m'envoie des messages menaçants sur Instagram et il a créé un faux compte avec mes photos",
    "mon copain m'écrit des insultes toute la journée",
    'mon mari a créé un faux compte avec mes photos',
    // Left or flooded, in the infinitive, several false accounts or one photo, a threat to publish, English (review of round 18).
    'mon ex me laisse des messages vocaux menaçants toutes les nuits',
    "mon ex-compagnon me bombarde de messages menaçants sur whatsapp",
    "mon ex continue de m'écrire des messages horribles et menaçants",
    'mon ancien compagnon a ouvert un faux compte avec ma photo pour contacter mes clientes',
    'mon ex a créé plusieurs faux comptes avec mes photos pour me harceler, comment je les fais supprimer ?',
    'mon copain menace de publier mes photos intimes si je le quitte',
    'my ex keeps sending me threatening messages on instagram',
    "mon ex m'a envoyé des dizaines de messages de menaces cette nuit",
    'mon ex me laisse des commentaires insultants sous mes posts',
  ])("hands over a partner's written threats or a false account in the visitor's name: %s", (message) => {
    expect(urgentHelpOf(message)).toBe('partner_violence');
    expect(decide(message).kind).toBe('escalate');
  });

  it.each([
    "mon ex m'envoie des messages pour me proposer une collab sur Instagram",
    "mon ex-associée m'envoie des messages menaçants",
    "mon mari m'envoie des idées de Reels toute la journée 😂",
    'mon mari me laisse gérer les messages menaçants de mes abonnés',
    "mon copain m'a créé un faux compte avec mes photos pour tester mes stories",
    'mon ancienne associée a créé un faux compte avec mes photos',
    'my business partner threatens to leave the project',
    // Content about threats or insults sent by the partner, not threats (review of round 18).
    "mon copain m'envoie des légendes menaçantes pour Halloween",
    "mon copain m'envoie des exemples de légendes insultantes à éviter",
    "mon mari m'envoie des idées de réponses aux commentaires insultants",
    "mon mari m'a envoyé des commentaires insultants qu'il a vus sous mon reel, je les supprime ?",
  ])('leaves other messages from a partner, and a work partner, outside the 3919: %s', (message) => {
    expect(urgentHelpOf(message)).not.toBe('partner_violence');
  });

  // Review of round 18: at the end of one's rope, or thinking of giving everything up, is the visitor's state.
  it.each([
    'oh ok merci… sinon je me sens vraiment au bout du rouleau, je pense à tout arrêter',
    'je suis au bout du rouleau',
    "j'ai envie de tout arrêter, je suis épuisée",
    "j'ai envie de tout lâcher, mon business ne décolle pas",
    'je songe à tout plaquer',
  ])('hands over the visitor at the end of their rope, with care for them: %s', (message) => {
    expect(detectEscalationIntent(message)).toMatchObject({ category: 'out_of_scope' });
  });

  it.each([
    'je suis au bout du rouleau avec zapier, mon zap plante encore',
    'je pense à tout arrêter sur instagram, ça ne marche pas',
    "j'ai envie de tout arrêter les lives, personne ne vient",
    'je pense à tout arrêter pendant les vacances, je programme mes posts comment ?',
    'mes clientes sont au bout du rouleau, un reel là-dessus ?',
  ])('answers a tool or an activity the visitor is tired of: %s', (message) => {
    expect(decide(message).kind).not.toBe('escalate');
  });
});
