import { describe, expect, it } from 'vitest';
import { detectEscalationIntent } from './escalation-intent.ts';
import { KeywordRouter } from './keyword-router.ts';

const decide = (message: string) => new KeywordRouter().decide({ message, history: [] });

describe("the visitor's account at the agency taken over by someone (escalation-account-taken-over.ts)", () => {
  it.each([
    "quelqu'un a changé l'adresse mail de mon compte chez vous, je reçois plus rien",
    "quelqu'un a modifié mon mot de passe, je ne peux plus rien faire",
    'someone changed my password and my email',
  ])('is an account problem, for a person: %s', (message) => {
    expect(detectEscalationIntent(message)?.category).toBe('account');
  });

  it.each([
    "quelqu'un a piraté mon compte Instagram, comment je le récupère ?",
    "quelqu'un a changé le mot de passe de ma page Facebook, je fais quoi ?",
    // Her address used to sign up to her own list (a review of round 20's rules).
    "quelqu'un a pris mon adresse mail pour s'inscrire à ma liste sans mon accord, comment éviter ça ?",
  ])("a platform's account stays the experts': %s", (message) => {
    expect(decide(message).kind).not.toBe('escalate');
  });
});
