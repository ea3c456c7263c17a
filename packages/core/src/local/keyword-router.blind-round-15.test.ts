import { describe, expect, it } from 'vitest';
import { KeywordRouter, scoreMessage } from './keyword-router.ts';

const router = new KeywordRouter();
const agentOf = (message: string) => {
  const decision = router.decide({ message, history: [] });
  return decision.kind === 'answer' ? decision.agent : decision.kind;
};

/** Blind round 15: two gaps in the router's words. */
describe('keyword router classes of blind round 15', () => {
  it("knows the upkeep of an email list: an inactive subscriber is Audrey's, followers stay Carole's", () => {
    expect(agentOf("au bout de combien de temps on considère qu'une abonnée est inactive")).toBe('audrey');
    expect(agentOf('Je désinscris les abonnés qui ne lisent plus rien ?')).toBe('audrey');
    expect(agentOf('Comment gagner des abonnées sur Instagram ?')).toBe('carole');
  });

  it('knows the French for views and a hidden account, as the exact words', () => {
    expect(agentOf("Mes vues se sont effondrées depuis une semaine, 200 vues au lieu de 3000, j'ai été shadowban ou quoi ???")).toBe('carole');
    expect(scoreMessage("j'ai vu que mon tunnel ne convertit plus").scores.carole.matched).not.toContain('vues');
  });
});
