import { describe, expect, it } from 'vitest';
import { detectEscalationIntent } from './escalation-intent.ts';

/** Review of blind round 16: someone of the team wished for, when "l'équipe" or "l'agence" is the visitor's own. */
describe('someone of the team wished for, reviewed', () => {
  it.each([
    "Je voudrais qu'un membre de l'équipe reçoive une copie de chaque inscription, je fais ça avec Zapier ?",
    "Est-ce possible qu'une personne de l'équipe publie à ma place sur Instagram sans avoir mon mot de passe ?",
    "Ce serait bien que quelqu'un de l'agence qui gère ma pub ait accès à mon compte Instagram, comment je fais ?",
    "J'ai besoin qu'un membre de l'équipe soit notifié sur Slack à chaque vente Stripe, Zapier ou Make ?",
    "Il faut qu'un membre de l'équipe vérifie mes factures avant envoi, quel outil ?",
  ])('the visitor\'s own team doing a task is a question: %s', (message) => {
    expect(detectEscalationIntent(message)).toBeNull();
  });

  it.each([
    "Je préférerais qu'un humain de votre équipe jette un œil à mon compte.",
    "J'aimerais beaucoup que l'une d'entre vous regarde mes statistiques.",
    "J'aurais vraiment besoin que l'une de vous deux regarde mon tunnel.",
    "Y a-t-il quelqu'un chez vous qui pourrait regarder mon dossier ?",
    "J'aimerais qu'une personne de l'équipe jette un œil à ma page de vente",
    "Vos réponses sont gentilles mais j'aurais besoin que quelqu'un de chez vous regarde vraiment mon dossier.",
  ])('a person of the agency wished for, said otherwise: %s', (message) => {
    expect(detectEscalationIntent(message)?.category).toBe('human');
  });
});
