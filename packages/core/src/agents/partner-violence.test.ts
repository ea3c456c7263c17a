import { describe, expect, it } from 'vitest';
import { detectEscalationIntent } from '../local/escalation-intent.ts';
import { escalationReply } from './escalation-reply.ts';
import { urgentHelpOf } from './urgent-help.ts';

/**
 * Blind round 16: "Mon mari contrôle tous mes comptes et tout mon argent" was handed over as billing, its reply opening on
 * payments. A partner's violence or control said of oneself is handed over with where to get help first.
 */
describe("a partner's violence or control", () => {
  it.each([
    'Mon mari contrôle tous mes comptes et tout mon argent, je ne sais plus quoi faire.',
    'Mon conjoint me frappe quand je travaille tard sur mon lancement',
    'mon ex, depuis des mois, me menace et m\'insulte',
    'Je subis des violences conjugales et je n\'arrive plus à travailler',
    'Mon compagnon m\'empêche de voir mes clientes',
  ])('is handed over with the 3919 first: %s', (message) => {
    expect(urgentHelpOf(message)).toBe('partner_violence');
    expect(detectEscalationIntent(message)?.category).toBe('human');
    expect(escalationReply('human', urgentHelpOf(message))).toMatch(/^Ce que tu décris est grave.*3919/);
  });

  it.each([
    'Mon mari contrôle mes comptes Instagram pendant mes vacances, comment lui donner accès ?',
    'Mon compagnon gère mes comptes, comment lui partager mon Canva ?',
    'Mon mari me pousse à lancer ma formation, par quoi je commence ?',
    'Je prépare un Reel pour les femmes victimes de violences conjugales, quelle musique ?',
    "J'accompagne des femmes qui subissent des violences conjugales, quel lead magnet leur proposer ?",
    'Mon mari contrôle tous mes comptes Instagram, il est community manager',
  ])('is not read in an ordinary question: %s', (message) => {
    expect(urgentHelpOf(message)).toBeNull();
  });

  // Review of round 16: a role of work after "ex" or "partenaire", the business's money, a set time of the week.
  it.each([
    'Mon ex-client me harcèle en DM sur Instagram, je le bloque ou je le restreins ?',
    "Mon ex-abonnée m'insulte dans les commentaires, je masque ou je supprime ?",
    "Mon ex-employeur me menace parce que j'ai emmené ma liste email, c'est légal ?",
    'Mon partenaire commercial contrôle mes dépenses publicitaires chaque mois, quel tableau automatiser avec Zapier ?',
    "Mon mari m'a pris ma carte bleue pour payer l'abonnement Kajabi, comment je change la carte enregistrée ?",
    'Mon conjoint contrôle mes dépenses de pub Meta, comment lui donner un accès lecture seule au gestionnaire ?',
    "Ma femme gère mes revenus et contrôle mes dépenses pour l'entreprise, comment lui partager les rapports Stripe ?",
    "Ma compagne m'empêche de travailler le dimanche, du coup je programme tout le samedi : Later ou Meta Business Suite ?",
  ])('is not a partner\'s violence in a question of work: %s', (message) => {
    expect(urgentHelpOf(message)).toBeNull();
  });

  it.each([
    "Mon mari me prive d'argent et lit tous mes messages.",
    'Mon compagnon m\'a giflée hier soir, je ne sais pas quoi faire.',
    "J'ai peur de mon mari, il devient violent quand je travaille.",
    'Mon copain me crie dessus et me pousse tous les jours.',
    "Mon mari m'oblige à lui donner tout ce que je gagne avec mon activité.",
    "Mon conjoint m'interdit de voir mes amies et de travailler.",
    'Mon ex me harcèle depuis notre rupture.',
  ])('is a partner\'s violence said otherwise: %s', (message) => {
    expect(urgentHelpOf(message)).toBe('partner_violence');
    expect(detectEscalationIntent(message)?.category).toBe('human');
  });
});

/**
 * Blind round 17: "Mon mari me fait peur avec ses idées de Reels 😅" opened with the 3919. What the partner proposes is no fear
 * of him; his behaviour, or fear alone, still is.
 */
describe("a partner's proposal that 'fait peur'", () => {
  it.each([
    'Mon mari me fait peur avec ses idées de Reels 😅',
    "Mon copain me fait peur avec ses idées de stories, il veut que je fasse un quiz sur nos vacances 😂 ça a du sens un quiz perso sur un compte pro ?",
    'ma femme me fait peur avec ses projets de lancement en décembre, on tiendra jamais',
    // Review of round 17: the plan's money and the talk about it are proposals too.
    "mon mari me fait peur quand il parle de mettre toute notre épargne dans la pub Facebook, c'est raisonnable quel budget ?",
    "mon conjoint me fait peur avec ses prévisions de chiffre d'affaires, un lancement rapporte combien en moyenne ?",
    'mon mari me fait peur avec ses idées pour ma page de vente, il veut du rose partout',
  ])('is not violence: %s', (message) => {
    expect(urgentHelpOf(message)).toBeNull();
  });

  it.each([
    'Mon mari me fait peur avec ses colères',
    'mon mari me fait peur',
    'Mon compagnon me fait peur quand il boit, je ne sais plus quoi faire',
    // Review of round 17: a proposal about the visitor, a bare one, or one followed by threats is fear of the partner.
    'mon mari me fait peur avec ses idées noires, il parle de me faire du mal',
    "mon mari me fait peur avec ses idées, il dit qu'il va me tuer si je pars",
    'mon mari me fait peur avec ses projets de me prendre les enfants',
    'mon mari me fait peur avec ses plans pour me faire taire',
    "mon mari me fait peur avec ses propositions, il m'oblige à lui donner mon salaire",
    'mon mari me fait peur avec ses idées',
    'mon mari me fait peur quand il parle de me tuer',
  ])(
    'still is: %s',
    (message) => {
      expect(urgentHelpOf(message)).toBe('partner_violence');
    },
  );
});

/** Review of round 18: insults said as names given, and revenge threatened, by the partner (the clarifying question before). */
describe('insults and revenge from a partner', () => {
  it.each([
    'mon mari… il me traite de tous les noms… il va me faire payer',
    'mon copain me traite de tous les noms devant les enfants',
    'mon mari me traite de grosse et de bonne à rien',
    'ma femme me traite de tous les noms quand elle boit',
    "mon conjoint dit qu'il va me le faire payer si je pars",
    "mon ex… il m'a dit qu'il allait me faire payer",
    'mon mari m\'a dit "tu vas me le payer"',
    'mon ex dit que je vais le payer cher',
    'mon mari me traite comme une moins que rien',
    // Review of the routing changes (2026-12-05): the partner called "mon mec", "mon homme", "mon chéri"; the threat reported.
    'mon mec me traite de pute quand je fais des lives',
    'mon homme me traite de grosse',
    "mon chéri m'a dit que j'allais le payer cher si je continuais",
  ])('opens with the 3919: %s', (message) => {
    expect(urgentHelpOf(message)).toBe('partner_violence');
  });

  it.each([
    'mon mari me traite de geek parce que je fais des Reels',
    "mon mari va me faire payer l'abonnement Kajabi",
    'mon mari va me faire payer le restaurant si j\'atteins 1000 abonnés',
    "ma cliente dit qu'elle va me le faire payer en avis négatif",
    'mon associé va me faire payer sa part',
    'mon mari va me le payer, le nouveau micro pour mes lives',
    'mon mari dit qu\'il va me faire payer mes stories ratées 😂 comment faire des stories',
    'mon mec me traite de geek',
    "mon homme de ménage me traite de tous les noms d'oiseaux de mon jardin 😂 idée de post ?",
  ])('is not violence: %s', (message) => {
    expect(urgentHelpOf(message)).toBeNull();
  });
});
