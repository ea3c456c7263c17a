import { describe, expect, it } from 'vitest';
import { KeywordRouter } from './keyword-router.ts';

const decide = (message: string) => new KeywordRouter().decide({ message, history: [] });

describe('"les réseaux", plural, are the social networks (routing-keywords.ts)', () => {
  it.each(['parler de mon burn-out passé sur les réseaux', 'je me sens nulle sur les réseaux, je sais pas quoi dire de moi', 'mes réseaux sont vides depuis 3 mois, je reprends comment ?'])(
    "%s: Carole's",
    (message) => {
      const decision = decide(message);
      expect(decision.kind).toBe('answer');
      expect(decision.agent).toBe('carole');
    },
  );

  it("the singular is a professional network, not Carole's word: %s", () => {
    expect(decide('comment animer mon réseau de praticiennes par email ?').agent).toBe('audrey');
  });
});
