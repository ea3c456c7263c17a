import { describe, expect, it } from 'vitest';
import { detectEscalationIntent } from './escalation-intent.ts';
import { speaksOfOwnHealth } from './escalation-out-of-scope.ts';

describe('anxiety and panic attacks of her own, in the singular too (SYMPTOMS, blind round 21)', () => {
  it.each([
    "J'ai fait une crise d'angoisse ce matin avant ma séance et je suis encore toute tremblante, je sais pas si je vais y arriver aujourd'hui",
    "j'ai eu une attaque de panique dans le train, je peux pas venir à l'atelier",
    'je fais des crises de panique la nuit depuis mon lancement',
    'jai fait une crise de tétanie hier soir',
  ])('%s: handed over', (message) => {
    expect(detectEscalationIntent(message)?.category).toBe('out_of_scope');
  });

  it.each(['je prépare un reel sur les crises de panique, quel hook ?', "comment parler des crises d'angoisse dans un carrousel sans faire peur ?"])(
    '%s: a content, answered',
    (message) => {
      expect(detectEscalationIntent(message)).toBeNull();
    },
  );
});

/** Review of round 21: "crise d'angoisse" typed without its apostrophe. */
describe('an anxiety attack in SMS spelling', () => {
  it.each(['jai fait une crise dangoisse cette nuit, je suis pas en état', 'je fais des crises dangoisse'])('%s: hers', (message) => {
    expect(speaksOfOwnHealth(message)).toBe(true);
  });
});
