import { describe, expect, it } from 'vitest';
import type { HistoryMessage } from '../capabilities/capabilities.ts';
import { KeywordRouter, scoreMessage } from './keyword-router.ts';

const router = new KeywordRouter();

describe('keyword phrases and the determiner the visitor uses', () => {
  it('finds "programmer mes posts" in "programmer les posts", "tes posts", "vos posts"', () => {
    for (const message of ['et pour programmer les posts ?', 'comment programmer tes posts', 'vous pouvez programmer vos posts ?']) {
      expect(scoreMessage(message).scores.carole.matched).toContain('programmer mes posts');
    }
  });

  it('keeps plural and singular determiners apart, and a one-word keyword as it was', () => {
    expect(scoreMessage('programmer le post de demain').scores.carole.matched).not.toContain('programmer mes posts');
    expect(scoreMessage('quel son mettre sur mes Reels ?').scores.carole.matched).toContain('son');
  });

  it('routes a follow-up on scheduling posts to Carole in a conversation with her', async () => {
    const history: HistoryMessage[] = [
      { role: 'user', content: 'Comment organiser mon calendrier éditorial ?', agent: null },
      { role: 'assistant', content: 'Choisis 3 piliers de contenu.', agent: 'carole' },
    ];
    const decision = await router.route({ message: 'et pour programmer les posts ?', history });
    expect(decision.kind === 'answer' ? decision.agent : decision.kind).toBe('carole');
  });
});
