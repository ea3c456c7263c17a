import { describe, expect, it } from 'vitest';
import { detectEscalationIntent } from './escalation-intent.ts';
import { KeywordRouter } from './keyword-router.ts';

const decide = (message: string) => new KeywordRouter().decide({ message, history: [] });

describe('payments the visitor can no longer make (escalation-payments-one-cannot-make.ts)', () => {
  it.each([
    "je viens de perdre mon travail et je n'arrive plus à payer les mensualités. Est-ce qu'on peut trouver un arrangement ?",
    'je ne peux plus payer mon accompagnement ce mois-ci',
    "je ne suis plus en mesure de régler les échéances du programme",
    "I can't afford my instalments anymore",
    // "d'honorer" (a review of round 20's rules).
    "Je ne suis plus en mesure d'honorer les échéances de l'accompagnement",
  ])('is billing, for a person: %s', (message) => {
    expect(detectEscalationIntent(message)?.category).toBe('billing');
  });

  it.each([
    "ma cliente n'arrive plus à payer ses mensualités, je fais quoi ?",
    "mes clientes n'arrivent pas à payer les mensualités sur Stripe, comment je règle ça ?",
    'comment proposer le paiement en plusieurs fois sur ma page de vente ?',
  ])('stays a question of her business: %s', (message) => {
    expect(decide(message).kind).not.toBe('escalate');
  });

  it.each([
    "Je n'arrive pas à régler le prélèvement de mon abonnement Canva, je garde mes modèles ?",
    "je n'arrive plus à payer les factures de mon hébergeur, mon site va fermer ?",
  ])('owed to her own tools or suppliers, is no payment to the agency (a review of round 20): %s', (message) => {
    expect(detectEscalationIntent(message)?.category).not.toBe('billing');
  });
});
