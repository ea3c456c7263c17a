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
});
