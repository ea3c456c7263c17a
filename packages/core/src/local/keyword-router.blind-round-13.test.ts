import { describe, expect, it } from 'vitest';
import { KeywordRouter, scoreMessage } from './keyword-router.ts';

const router = new KeywordRouter();
const agentOf = (message: string) => {
  const decision = router.decide({ message, history: [] });
  return decision.kind === 'answer' ? decision.agent : decision.kind;
};

/** Blind round 13: two routing classes of its messages. */
describe('keyword router classes of blind round 13', () => {
  it('reads a bare plea for help after a story as naming no topic: the sentence before it decides', () => {
    expect(agentOf("ManyChat n'envoie pas le DM quand les gens commentent le mot-clé, pourtant l'automatisation est créée. Une idée ?")).toBe('audrey');
    // An ask that names what it wants still decides.
    expect(agentOf("Mon tunnel Kajabi est prêt, je voudrais des Reels pour en parler. Des idées de formats ?")).toBe('carole');
  });

  it('counts "programme" as the noun after its determiner, not the verb "programmer"', () => {
    expect(scoreMessage('on peut programmer un live insta à l\'avance pour que les gens aient un rappel ?').scores.audrey.matched).not.toContain('le programme');
    expect(agentOf("on peut programmer un live insta à l'avance pour que les gens aient un rappel ?")).toBe('carole');
    expect(scoreMessage('Le module 3 du programme ne s\'ouvre pas à mes élèves').scores.audrey.matched).toContain('du programme');
    expect(scoreMessage('mon programme coûte 1200 €').scores.audrey.matched).toContain('le programme');
  });
});

describe('a question what the chat is (blind round 13)', () => {
  it('is a clarification answered plainly, whatever topic its words call to mind', () => {
    expect(router.decide({ message: 'Vous êtes qui en fait, une vraie personne ou un programme ?', history: [] }).kind).toBe('clarify');
    expect(router.decide({ message: 'Le programme de coaching, il dure combien de temps ?', history: [] }).kind).toBe('answer');
  });
});
