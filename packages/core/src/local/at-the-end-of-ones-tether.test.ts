import { describe, expect, it } from 'vitest';
import { detectEscalationIntent } from './escalation-intent.ts';
import { speaksOfOwnHealth } from './escalation-out-of-scope.ts';

describe("at one's limit, said plainly (at-the-end-of-ones-tether.ts, blind round 21)", () => {
  it.each([
    'jsuis a bout, jdors plus, je pleure tout le temps et jarrive plus a bosser',
    'honnêtement je traverse une période horrible, je dors plus depuis des semaines',
    'je ne dors plus du tout, mon lancement me bouffe',
    'je me sens complètement à bout de forces ces jours-ci',
    'chui a bout et je sais plus quoi faire',
  ])('%s: handed over, as her own state', (message) => {
    expect(detectEscalationIntent(message)?.category).toBe('out_of_scope');
    expect(speaksOfOwnHealth(message)).toBe(true);
  });

  it.each([
    'comment venir à bout de mes 300 mails non lus ?',
    'je dors plus tranquille depuis que mes mails partent tout seuls, merci !',
    'je dors plus que 5 heures avant un lancement, comment je prépare mes posts à l avance ?',
    'mes abonnées sont à bout de souffle avec mes 3 mails par semaine ?',
    "je n'en dors plus tellement j'ai peur de rater mon lancement, je commence mes mails par quoi ?",
  ])('%s: not her own state', (message) => {
    expect(detectEscalationIntent(message)).toBeNull();
  });
});

/** Review of round 21: the words of a content or of someone else were handed over as the visitor's low mood. */
describe("at one's limit, as words given to a content or reported (at-the-end-of-ones-tether.ts)", () => {
  it.each([
    'je veux écrire un post qui commence par "je dors plus depuis des mois", c\'est trop ?',
    'ma légende : je dors plus, je mange plus, je vis pour mon business 😂 trop ?',
    'ma cliente me dit « je suis à bout », je lui réponds quoi par mail ?',
    'une abonnée m\'a écrit en DM « je dors plus », je réponds comment ?',
    'mes clientes me disent « je dors plus », je fais un post là-dessus ?',
    'je suis à bout de souffle sur Instagram, des idées de posts ?',
  ])('%s: not her own state', (message) => {
    expect(speaksOfOwnHealth(message)).toBe(false);
    expect(detectEscalationIntent(message)?.category).not.toBe('out_of_scope');
  });

  it("mon médecin me dit que je suis à bout: hers (told of her, not quoted)", () => {
    expect(speaksOfOwnHealth('mon médecin me dit que je suis à bout')).toBe(true);
  });

  it.each(['depuis le lancement jdors plus du tout', 'jdors plus la nuit, je pense qu’à mes dettes'])('%s: hers, in SMS spelling', (message) => {
    expect(detectEscalationIntent(message)?.category).toBe('out_of_scope');
    expect(speaksOfOwnHealth(message)).toBe(true);
  });
});
