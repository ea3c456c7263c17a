import { describe, expect, it } from 'vitest';
import type { HistoryMessage } from '../capabilities/capabilities.ts';
import { announcesAQuestion } from './question-announced.ts';
import { KeywordRouter } from './keyword-router.ts';

describe('a question announced, not yet asked', () => {
  it.each(["j'ai une question", 'bonjour, j’ai une petite question', 'petite question', 'je peux te poser une question ?', "j'ai 2 questions", 'can I ask you a question?', 'quick question'])(
    'is announced: %s',
    (message) => expect(announcesAQuestion(message)).toBe(true),
  );

  it.each(["j'ai une question sur kajabi", 'question : comment faire un reel ?', 'Je reviens vers vous demain avec mes questions', 'quelle est ta question ?'])('is not: %s', (message) =>
    expect(announcesAQuestion(message)).toBe(false),
  );

  it('gets the clarifying question in a conversation under way too, not an answer from the knowledge base (a probe of `pnpm start`, 2026-12-05)', () => {
    const history: HistoryMessage[] = [
      { role: 'user', content: 'bonjour', agent: null },
      { role: 'assistant', content: 'Bonjour ! Je suis Audrey… Sur quoi est-ce que tu travailles en ce moment ?', agent: 'audrey' },
    ];
    expect(new KeywordRouter().decide({ message: "j'ai une question", history })).toMatchObject({ kind: 'clarify', agent: 'audrey', method: 'local' });
    expect(new KeywordRouter().decide({ message: "j'ai une question sur mes reels", history })).toMatchObject({ kind: 'answer', agent: 'carole' });
  });
});
