import { describe, expect, it } from 'vitest';
import { detectEscalationIntent } from './escalation-intent.ts';

/**
 * Review of blind round 16's complaint veto (the visitor's own unhappy client): since the veto read "mécontente", a visitor
 * saying they are that client, or that the unhappiness is with the agency, in other words, was no longer handed over.
 */
describe('the unhappy client of blind round 16, reviewed', () => {
  it.each([
    'Encore une cliente mécontente chez vous : trois semaines sans accès à ma formation.',
    'Vous avez une cliente mécontente : moi.',
    'Je me sens vraiment une cliente mécontente, personne ne me répond depuis 10 jours.',
    'Une cliente mécontente ? Oui, moi ! Votre formation ne vaut rien.',
    "Je suis l'une de vos clientes mécontentes.",
    'Nous sommes plusieurs à être mécontentes de votre programme.',
  ])('the visitor as the unhappy client, or unhappy with the agency, is a complaint: %s', (message) => {
    expect(detectEscalationIntent(message)?.category).toBe('complaint');
  });

  it.each([
    "Une patiente mécontente m'a laissé un avis 1 étoile, je réagis comment sur Insta ?",
    'Cette cliente mécontente me harcèle en DM, je la bloque ou je la restreins ?',
    "J'ai une cliente pas du tout satisfaite de son coaching avec moi, quel email lui envoyer ?",
    'Une élève mécontente de ma formation laisse des avis négatifs sous mes posts, je réponds comment ?',
    'Comment répondre à une lectrice mécontente en commentaire sans m\'énerver ?',
    'Mes abonnées sont mécontentes du nouveau format de mes lives, je change quoi ?',
    'Encore une cliente mécontente qui m\'écrit, je réponds comment ?',
    "Moi aussi j'ai une cliente mécontente, comment lui répondre ?",
  ])('the visitor\'s own unhappy client, whatever they are called, is a question: %s', (message) => {
    expect(detectEscalationIntent(message)).toBeNull();
  });

  it.each([
    "Je suis mécontente de mon taux d'ouverture, comment l'améliorer ?",
    'Je suis déçue de mes résultats sur Instagram ce mois-ci, que changer ?',
    'Je suis pas du tout satisfaite de mes visuels Canva, comment les améliorer ?',
    "Je suis déçue de mes résultats, vous pouvez m'aider ?",
  ])('the visitor unhappy with their own results is a question: %s', (message) => {
    expect(detectEscalationIntent(message)).toBeNull();
  });

  it.each([
    'Je suis très déçue de ma formation.',
    'Je suis mécontente de mon accompagnement',
    'Je suis déçue de mes résultats depuis votre formation',
    'Je suis déçue de mon lancement, personne ne me répond depuis 10 jours',
  ])('unhappy with what the agency sold, or with its silence, is still a complaint: %s', (message) => {
    expect(detectEscalationIntent(message)?.category).toBe('complaint');
  });
});

