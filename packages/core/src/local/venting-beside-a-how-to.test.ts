import { describe, expect, it } from 'vitest';
import { detectEscalationIntent } from './escalation-intent.ts';

/** Blind round 12: frustration with a tool or with one's own clients, beside a how-to, is a question for an expert. */
describe('venting beside a how-to about the visitor\'s own work', () => {
  it.each([
    "c'est la troisième personne cette semaine qui ne vient pas à son appel découverte j'en ai marre franchement comment je peux limiter ça",
    "Hello, quick question : les sous-titres automatiques de mes Reels écrivent n'importe quoi sur les noms propres, c'est normal ? Je fais comment ?",
    'Mon scénario Make plante encore, je suis en colère, comment je trouve le module en erreur ?',
  ])('is not a complaint: %s', (message) => {
    expect(detectEscalationIntent(message)).toBeNull();
  });

  it.each([
    // The agency named, its service, access or a payment: a complaint still.
    ["J'en ai marre, ça fait trois fois que je vous écris, comment je fais pour avoir une réponse ?", 'complaint'],
    ["C'est n'importe quoi, comment je récupère mon accès à l'espace membre ?", 'complaint'],
    ["j'en ai marre de votre formation, comment on arrête ?", 'complaint'],
    // A word of a grievance beside the venting.
    ["C'est une arnaque, j'en ai marre, comment je fais ?", 'complaint'],
    // Venting with no how-to.
    ["J'en ai marre, franchement c'est n'importe quoi.", 'complaint'],
  ])('is escalated: %s', (message, category) => {
    expect(detectEscalationIntent(message)?.category).toBe(category);
  });
});
