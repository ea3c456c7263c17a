import { describe, expect, it } from 'vitest';
import type { HistoryMessage } from '../capabilities/capabilities.ts';
import { estimateMessageTokens, estimateTokens, windowHistoryByTokens } from './history-window.ts';

const exchange = (index: number, words: number): HistoryMessage[] => [
  { role: 'user', content: `Question ${index} ${'mot '.repeat(words)}`.trim(), agent: null },
  { role: 'assistant', content: `Réponse ${index} ${'texte '.repeat(words)}`.trim(), agent: 'audrey' },
];

describe('estimateTokens', () => {
  it('grows with the text, about 3.5 characters per token', () => {
    expect(estimateTokens('')).toBe(0);
    expect(estimateTokens('a'.repeat(35))).toBe(10);
    expect(estimateTokens('é'.repeat(35))).toBe(10);
  });
});

describe('windowHistoryByTokens', () => {
  const history = [0, 1, 2, 3, 4].flatMap((index) => exchange(index, 40));

  it('keeps everything when it fits', () => {
    const window = windowHistoryByTokens(history, 100_000);
    expect(window.messages).toEqual(history);
    expect(window.dropped).toBe(0);
  });

  it('keeps the most recent messages within the budget, whole, starting with a question', () => {
    const perMessage = Math.max(...history.map(estimateMessageTokens));
    const budget = perMessage * 3 + 1; // room for three messages: the window must not start with an orphan answer
    const window = windowHistoryByTokens(history, budget);
    expect(window.estimatedTokens).toBeLessThanOrEqual(budget);
    expect(window.messages).toEqual(history.slice(-2));
    expect(window.messages[0]!.role).toBe('user');
    expect(window.dropped).toBe(history.length - 2);
  });

  it('drops everything with a zero budget, or one too small for a useful piece of the last message', () => {
    expect(windowHistoryByTokens(history, 0).messages).toEqual([]);
    const long: HistoryMessage[] = [{ role: 'user', content: 'x'.repeat(10_000), agent: null }];
    expect(windowHistoryByTokens(long, 10).messages).toEqual([]);
  });

  it('keeps the latest exchange shortened, question first, when even it does not fit whole', () => {
    const longAnswer = `Réponse : ${'une étape détaillée de la séquence, '.repeat(80)}fin.`;
    const conversation: HistoryMessage[] = [
      ...exchange(0, 10),
      { role: 'user', content: 'Comment automatiser mes emails avec Kajabi ?', agent: null },
      { role: 'assistant', content: longAnswer, agent: 'audrey' },
    ];
    const budget = 300;
    expect(estimateMessageTokens(conversation.at(-1)!)).toBeGreaterThan(budget);
    const window = windowHistoryByTokens(conversation, budget);
    expect(window.messages.map((message) => message.role)).toEqual(['user', 'assistant']);
    expect(window.messages[0]!.content).toBe('Comment automatiser mes emails avec Kajabi ?');
    expect(window.messages[1]!.content.startsWith('Réponse : une étape détaillée')).toBe(true);
    expect(window.messages[1]!.content.endsWith(' …')).toBe(true);
    expect(window.messages[1]!.agent).toBe('audrey');
    expect(window.estimatedTokens).toBe(window.messages.reduce((sum, message) => sum + estimateMessageTokens(message), 0));
    expect(window.estimatedTokens).toBeLessThanOrEqual(budget);
    expect(window.estimatedTokens).toBeGreaterThan(budget * 0.8);
    expect(window.dropped).toBe(2);
    // A long question before a short answer gets what the answer leaves, not a third.
    const longQuestion: HistoryMessage[] = [
      { role: 'user', content: `Voici tout mon contexte : ${'ma situation en détail, '.repeat(100)}et ma question.`, agent: null },
      { role: 'assistant', content: 'Réponse courte.', agent: 'carole' },
    ];
    const questionFirst = windowHistoryByTokens(longQuestion, 300);
    expect(questionFirst.messages[1]!.content).toBe('Réponse courte.');
    expect(questionFirst.estimatedTokens).toBeLessThanOrEqual(300);
    expect(questionFirst.estimatedTokens).toBeGreaterThan(280);
    // An emoji of several joined code points is never cut in the middle.
    const family = '👩‍👩‍👧';
    const emoji: HistoryMessage[] = [{ role: 'user', content: `${family} `.repeat(400), agent: null }];
    const cutText = windowHistoryByTokens(emoji, 60).messages[0]!.content;
    expect(cutText.replace(' …', '').split(' ').filter((piece) => piece !== '').every((piece) => piece === family)).toBe(true);
    // A long question alone is shortened too.
    const long: HistoryMessage[] = [{ role: 'user', content: 'mot '.repeat(2_000), agent: null }];
    const single = windowHistoryByTokens(long, 100);
    expect(single.messages).toHaveLength(1);
    expect(single.estimatedTokens).toBeLessThanOrEqual(100);
  });

  it('bounds by tokens, not by message count: many short turns fit where few long ones do not', () => {
    const short = Array.from({ length: 20 }, (_, index) => exchange(index, 2)).flat();
    const long = Array.from({ length: 20 }, (_, index) => exchange(index, 200)).flat();
    expect(windowHistoryByTokens(short, 600).messages.length).toBeGreaterThan(windowHistoryByTokens(long, 600).messages.length);
  });
});
