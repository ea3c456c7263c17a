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
