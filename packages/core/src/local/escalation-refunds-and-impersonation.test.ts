import { describe, expect, it } from 'vitest';
import { detectEscalationIntent } from './escalation-intent.ts';
import { KeywordRouter } from './keyword-router.ts';

const router = new KeywordRouter();
const decide = (message: string) => router.decide({ message, history: [] });

/** Review of round 18 (escalation-refunds-and-impersonation.ts): each class with the near-misses that keep their route. */
describe('a refund asked impersonally', () => {
  it.each([
    'c possible de se faire rembourser le mois de décembre ?',
    'moyen de se faire rembourser le dernier prélèvement ?',
    "y a moyen de se faire rembourser ? j'ai rien compris au programme",
    "possible de se faire rembourser l'atelier de samedi ? je suis malade",
  ])('hands over as billing: %s', (message) => {
    expect(detectEscalationIntent(message)?.category).toBe('billing');
  });

  it.each([
    'comment mes clientes peuvent se faire rembourser si elles annulent ?',
    'mes élèves peuvent-elles se faire rembourser si elles abandonnent ?',
    'comment se faire rembourser un achat Canva en double ?',
    'possible de se faire rembourser ses séances par la mutuelle ? mes patientes me demandent',
    "c'est possible de rembourser une cliente sur Systeme.io ?",
    'les gens qui achètent mon ebook peuvent se faire rembourser ? je dois le préciser sur ma page de vente ?',
    "comment écrire dans mes CGV qu'on ne peut pas se faire rembourser ?",
    'est-ce que mes clientes peuvent se faire rembourser le mois de décembre sur mon abonnement Kajabi ?',
    // Review of the routing changes (2026-12-05): the visitor refunding a client.
    'est-ce possible de rembourser une cliente mécontente ?',
    'peut-on rembourser une participante après 14 jours légalement ?',
  ])('answers: %s', (message) => {
    expect(decide(message).kind).not.toBe('escalate');
  });
});

describe("the agency's offer given to the visitor, its refund asked", () => {
  it.each([
    "mon client m'a offert le coaching chez vous, on peut le rembourser ?",
    "mon mari m'a offert l'accompagnement chez vous, c'est possible de le faire rembourser ?",
    "ma cliente m'a offert une séance avec vous, est-ce qu'on peut la rembourser ?",
    // Review of the routing changes (2026-12-05): refundable asked of what the agency sells.
    'votre formation est remboursable ?',
    'est-ce remboursable votre programme ?',
    "on m'a offert un coaching chez vous mais je ne veux pas le faire, remboursable ?",
    "la masterclass de l'agence est remboursable si je ne viens pas ?",
  ])('hands over as billing: %s', (message) => {
    expect(detectEscalationIntent(message)?.category).toBe('billing');
  });

  it.each([
    'votre avis : je rends mon coaching remboursable ou pas ?',
    'comment rendre mon offre remboursable sur kajabi ?',
    'les séances chez vous sont remboursables par la mutuelle ?',
  ])('is not the agency\'s offer refundable: %s', (message) => {
    expect(detectEscalationIntent(message)?.category).not.toBe('billing');
  });

  it.each([
    "ma cliente m'a payé sa séance, elle veut annuler, je dois la rembourser ?",
    "mon client m'a acheté un pack, je dois le rembourser s'il ne vient pas ?",
    "mon client m'a payé le coaching en retard, je peux le relancer par mail ?",
    'ma cliente a acheté mon coaching, dois-je le rembourser ?',
  ])('answers: %s', (message) => {
    expect(decide(message).kind).not.toBe('escalate');
  });
});

describe("a message in the agency's name, asked whether it is genuine", () => {
  it.each([
    "on m'a écrit de la part de l'agence… c'est du fake?",
    "j'ai reçu un sms au nom de votre agence qui me demande de payer, c'est vous ?",
    "un mec m'écrit sur insta en se présentant comme coach de l'agence, c'est normal ?",
    'un mail soi-disant de votre équipe me demande mes identifiants, c\'est fake ?',
    "quelqu'un sur insta prétend être Carole et me demande de payer, c'est normal ?",
    "un numéro m'appelle de la part de l'agence pour mon renouvellement, c'est vous ?",
    // The agency's name or a false account of it used, reported.
    "quelqu'un utilise le nom de votre agence sur insta, c'est vous ?",
    "un faux compte de l'agence me demande de payer",
    // Review of the routing changes (2026-12-05): posing as the agency reported, "normal ?" alone.
    "quelqu'un se fait passer pour votre équipe sur whatsapp",
    "j'ai reçu un message de la part de Carole de votre agence qui demande mon mot de passe, normal ?",
  ])('hands over: %s', (message) => {
    expect(decide(message).kind).toBe('escalate');
  });

  it.each([
    "on m'a écrit de la part d'Instagram, c'est du fake ?",
    "on m'a écrit de la part d'une agence de pub pour une collab, c'est du fake ?",
    "on m'a écrit de la part de l'agence de com de ma ville pour un partenariat, c'est sérieux ?",
    "comment écrire un mail de la part de l'équipe à mes clientes ?",
    'mon assistante écrit de ma part à mes clientes, c\'est normal ?',
    'je fais un Reel sur les faux comptes, tu as des idées ?',
    "ma concurrente utilise le nom de l'agence de com où elle travaillait, c'est légal ?",
    "quelqu'un se fait passer pour l'équipe Instagram et me demande mon mot de passe",
  ])('answers: %s', (message) => {
    expect(decide(message).kind).not.toBe('escalate');
  });
});

describe('a scam question quoting a message that says "votre"', () => {
  it.each([
    "recu un msg insta 'votre compte a enfreint nos regles…' c une arnaque",
    'j\'ai reçu un mail "votre compte Instagram sera supprimé sous 24h, cliquez sur le lien" c\'est une arnaque ?',
    'un DM me dit « votre compte va être désactivé » avec un lien, phishing ?',
  ])('is not a grievance nor an access problem: %s', (message) => {
    expect(detectEscalationIntent(message)).toBeNull();
  });

  it.each([
    "j'ai reçu votre mail de relance, c'est une arnaque ?",
    '"votre paiement a échoué" j\'ai reçu ça de votre part, c\'est une arnaque ?',
    'j\'ai reçu un mail "votre accès à la formation expire" mais j\'ai payé, c\'est une arnaque ?',
    'votre mail "votre paiement a échoué" c\'est une arnaque ?',
  ])('the agency named outside the quote still hands over: %s', (message) => {
    expect(decide(message).kind).toBe('escalate');
  });
});
