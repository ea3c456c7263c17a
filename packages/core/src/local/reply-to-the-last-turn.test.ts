import { describe, expect, it } from 'vitest';
import type { HistoryMessage } from '../capabilities/capabilities.ts';
import { clarifyingQuestion } from '../agents/persona-replies.ts';
import { afterAnExpertPick, searchTextAfterAnExpertPick } from './reply-to-the-last-turn.ts';
import { KeywordRouter } from './keyword-router.ts';

/** The clarifying question after `question` (the product's own reply, as stored). */
const clarified = (question: string): HistoryMessage[] => [
  { role: 'user', content: question, agent: null },
  { role: 'assistant', content: clarifyingQuestion('audrey'), agent: 'audrey' },
];

describe('an expert picked in answer to the clarifying question (afterAnExpertPick)', () => {
  it('leaves the question asked before it to answer, when it named a topic', () => {
    const history = clarified('je cherche des conseils pour mon image de marque');
    expect(afterAnExpertPick('plutôt Carole', history)).toEqual({ kind: 'question_before', question: 'je cherche des conseils pour mon image de marque' });
    expect(searchTextAfterAnExpertPick('la deuxième', history, 'la deuxième')).toBe('je cherche des conseils pour mon image de marque');
  });

  it('leaves no question yet after a request for help that named nothing: the expert asks for it', async () => {
    for (const question of ["j'ai besoin d'aide", "bonjour, j'ai une petite question", 'un souci svp']) {
      const history = clarified(question);
      expect(afterAnExpertPick('la deuxième', history), question).toEqual({ kind: 'no_question_yet' });
      const decision = await new KeywordRouter().route({ message: 'la deuxième', history });
      expect(decision, question).toMatchObject({ kind: 'clarify', agent: 'carole' });
    }
  });

  it('is no pick otherwise, and a message that is no pick is searched as it was', () => {
    const history = clarified("j'ai besoin d'aide");
    expect(afterAnExpertPick('comment faire un Reel ?', history)).toEqual({ kind: 'not_a_pick' });
    expect(searchTextAfterAnExpertPick('comment faire un Reel ?', history, 'comment faire un Reel ?')).toBe('comment faire un Reel ?');
    expect(afterAnExpertPick('la deuxième', [])).toEqual({ kind: 'not_a_pick' });
  });
});
