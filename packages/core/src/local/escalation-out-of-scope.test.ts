import { describe, expect, it } from 'vitest';
import { detectEscalationIntent } from './escalation-intent.ts';
import { KeywordRouter } from './keyword-router.ts';

/** Blind round 11's out-of-scope misses, as classes, and the how-tos built on the same words. */
describe("the visitor's own tax obligation", () => {
  it.each([
    'Est ce que je dois facturer la TVA à mes clientes suisses ?',
    'je suis assujettie à la TVA pour mes clients belges ?',
    'Dois-je payer l’URSSAF sur les ventes à mes abonnées ?',
    'do I have to charge VAT to my clients in Canada?',
    'je suis redevable de la CFE ou pas en micro ?',
    'est-ce que je dois payer les charges sociales sur les ventes à mes clientes ?',
  ])('is out of scope, the clients it is charged to notwithstanding: %s', (message) => {
    expect(detectEscalationIntent(message)?.category).toBe('out_of_scope');
  });

  it.each([
    'je dois facturer la TVA dans Stripe, comment on configure le taux ?',
    'je dois parler de la TVA dans un post pour mes clientes, quel format ?',
    'Comment je relance mes clientes qui n’ont pas payé ?',
    'Je dois relancer les cotisations de mes adhérentes par email, quel modèle ?',
    'Il faut que je parle des cotisations dans ma séquence d’emails ?',
    'Faut-il relancer les cotisations impayées de mon association via Brevo ?',
  ])('a how-to or a content is answered: %s', (message) => {
    expect(new KeywordRouter().decide({ message, history: [] }).kind).not.toBe('escalate');
  });
});

/** Blind round 12: income declared with any determiner, a marriage contract. */
describe('declaring one\'s income, family law', () => {
  it.each([
    "Est-ce que je dois déclarer les revenus de mes séances en Suisse ou en France sachant que j'habite à Annemasse ?",
    'où déclarer mon chiffre d’affaires quand on est frontalière ?',
    "Quel régime matrimonial me conseillez-vous avant de me marier, sachant que j'ai une entreprise ?",
    'un contrat de mariage avec séparation de biens, c’est mieux pour mon entreprise ?',
  ])('is out of scope: %s', (message) => {
    expect(detectEscalationIntent(message)?.category).toBe('out_of_scope');
  });

  it.each([
    'Comment afficher les revenus de mes ventes Stripe dans Google Sheets avec Make ?',
    'un carrousel pour expliquer à mes clientes comment déclarer leurs revenus, quel titre ?',
    'Je suis coach en séparation, quel hook pour mon Reel sur le divorce ?',
  ])('a how-to or a content is answered: %s', (message) => {
    expect(new KeywordRouter().decide({ message, history: [] }).kind).not.toBe('escalate');
  });
});

describe('a medicine asked for, named by its class', () => {
  it.each([
    "J'ai mal au dos depuis que je filme mes vidéos, quel anti-inflammatoire prendre ?",
    'je peux prendre un antidouleur avant mon live ?',
    'quel antibiotique pour une angine, ma vidéo sort demain',
    'Du doliprane ou de l’ibuprofène pour la migraine ?',
  ])('is out of scope, a video or a live in its story notwithstanding: %s', (message) => {
    expect(detectEscalationIntent(message)?.category).toBe('out_of_scope');
  });

  it.each([
    'Quel titre pour mon Reel sur l’alimentation anti-inflammatoire ?',
    'un post sur la douleur chronique sans antidouleurs, quel hook ?',
  ])('the subject of a content is answered: %s', (message) => {
    expect(new KeywordRouter().decide({ message, history: [] }).kind).not.toBe('escalate');
  });
});
