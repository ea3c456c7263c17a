import { describe, expect, it } from 'vitest';
import { asksWhetherAnArrangementIsAllowed } from './billing-arrangement-question.ts';

describe('whether an arrangement is allowed, asked without asking for it (billing-arrangement-question.ts)', () => {
  it.each(['Puis-je payer en plusieurs fois ?', "est-ce qu'on peut payer en 3 mensualités ?", 'vous acceptez les chèques ?'])('%s: the knowledge base may answer', (message) => {
    expect(asksWhetherAnArrangementIsAllowed(message)).toBe(true);
  });

  it.each([
    "je viens de perdre mon travail et je n'arrive plus à payer les mensualités. Est-ce qu'on peut trouver un arrangement ?",
    'je peux plus payer, est-ce qu on peut étaler les mensualités ?',
    'je voudrais payer en 3 fois',
  ])('%s: her own case, for a person', (message) => {
    expect(asksWhetherAnArrangementIsAllowed(message)).toBe(false);
  });
});
