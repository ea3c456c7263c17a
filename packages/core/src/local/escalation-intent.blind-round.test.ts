import { describe, expect, it } from 'vitest';
import { detectEscalationIntent } from './escalation-intent.ts';

// Wordings written after the rules in blind rounds (a third were missed before the rules they led to).
const ESCALATED: Array<[message: string, category: string]> = [
  ["Je voudrais récupérer l'argent de ma formation, elle ne me convient pas.", 'billing'],
  ['Je veux un avoir pour la session annulée.', 'billing'],
  ['Je demande un dédommagement pour les séances annulées.', 'billing'],
  ['Le lien pour accéder au programme ne marche pas.', 'account'],
  ['Le lien du replay de la masterclass ne fonctionne plus.', 'account'],
  ['Je ne veux plus recevoir vos emails.', 'personal_data'],
  ['Arrêtez de m’envoyer vos newsletters.', 'personal_data'],
  ['Votre service est nul.', 'complaint'],
  ['Franchement, votre accompagnement est décevant.', 'complaint'],
  ["Pouvez-vous m'aider à remplir ma déclaration de revenus ?", 'out_of_scope'],
];

// The same words about the visitor's own business, tools or content.
const ANSWERED = [
  'Comment rembourser une cliente sur Stripe ?',
  'Mon lien en bio ne marche pas sur Instagram, comment le réparer ?',
  'Comment faire pour que mes abonnées ne reçoivent plus mes emails de relance ?',
  'Quelle légende pour un post sur un service client nul ?',
  'Comment gérer une cliente mécontente en DM ?',
  'Comment récupérer les emails de mes inscrites au webinaire ?',
  'Comment faire un avoir dans mon logiciel de facturation ?',
  "J'ai oublié mon mot de passe pour la plateforme de formation.",
];

describe('escalation rules on blind-round wordings', () => {
  it.each(ESCALATED)('escalates %s as %s', (message, category) => {
    expect(detectEscalationIntent(message)?.category).toBe(category);
  });

  it.each(ANSWERED)('answers %s', (message) => {
    expect(detectEscalationIntent(message)).toBeNull();
  });
});
