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

  it('drops everything with a zero budget, and a too-long last message', () => {
    expect(windowHistoryByTokens(history, 0).messages).toEqual([]);
    const long: HistoryMessage[] = [{ role: 'user', content: 'x'.repeat(10_000), agent: null }];
    expect(windowHistoryByTokens(long, 100).messages).toEqual([]);
  });

  it('bounds by tokens, not by message count: many short turns fit where few long ones do not', () => {
    const short = Array.from({ length: 20 }, (_, index) => exchange(index, 2)).flat();
    const long = Array.from({ length: 20 }, (_, index) => exchange(index, 200)).flat();
    expect(windowHistoryByTokens(short, 600).messages.length).toBeGreaterThan(windowHistoryByTokens(long, 600).messages.length);
  });
});
