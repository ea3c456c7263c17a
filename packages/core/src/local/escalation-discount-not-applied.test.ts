import { describe, expect, it } from 'vitest';
import { detectEscalationIntent } from './escalation-intent.ts';

describe('a reduction owed to her, not applied (escalation-discount-not-applied.ts, blind round 21)', () => {
  it.each([
    "ok mais ma copine s'est inscrite la semaine dernière sans mon code, vous pouvez l'ajouter ?",
    "mon mois offert n'a pas été appliqué ce mois-ci",
    'la réduction de parrainage n a jamais été déduite de ma facture',
    "j'ai oublié mon code au moment de payer, pouvez-vous le rajouter ?",
    "j'ai parrainé une amie en mars et je n'ai jamais eu mon mois offert",
  ])('%s: billing, for a person', (message) => {
    expect(detectEscalationIntent(message)?.category).toBe('billing');
  });

  it.each([
    'comment appliquer un code promo à mes clientes dans Kajabi ?',
    'où je trouve mon code de parrainage ?',
    'tu peux m aider à créer un code de réduction pour mon atelier ?',
    'mon code promo Systeme.io ne s’applique pas au paiement en plusieurs fois, pourquoi ?',
  ])('%s: not hers to be applied by the agency', (message) => {
    expect(detectEscalationIntent(message)).toBeNull();
  });
});

/** Review of round 21: a reduction she makes for her own audience was billing; her clients she referred hid hers. */
describe('a reduction of her own offer, or hers for clients she referred (escalation-discount-not-applied.ts)', () => {
  it.each([
    'je fais une réduction de 10€ pour les premières inscrites, vous pouvez la rajouter dans mon email ?',
    "j'offre une remise aux 10 premières inscrites, vous pourriez la rajouter à ma séquence ?",
    "je crée un code promo de 20% pour mes inscrites, vous pouvez l'ajouter à ma page ?",
  ])('%s: not billing', (message) => {
    expect(detectEscalationIntent(message)?.category).not.toBe('billing');
  });

  it("j'ai parrainé deux de mes clientes et je n'ai jamais eu mon mois offert: billing", () => {
    expect(detectEscalationIntent("j'ai parrainé deux de mes clientes et je n'ai jamais eu mon mois offert")?.category).toBe('billing');
  });
});
