import { describe, expect, it } from 'vitest';
import { isInfrastructureFault } from './infrastructure-fault.ts';
import { RequestBudget, RequestBudgetSpentError } from './request-budget.ts';

describe('a request budget', () => {
  it('lets a step start while one step deadline is left of it, then refuses with a 503 dependency_unavailable', () => {
    let now = 1_000;
    const budget = new RequestBudget({ budgetMs: 2_000, stepDeadlineMs: 800, now: () => now });
    expect(() => budget.beforeStep('claim')).not.toThrow();
    now += 1_200;
    expect(budget.remainingMs()).toBe(800);
    expect(() => budget.beforeStep('owner lookup')).not.toThrow();
    now += 1;
    const refusal = (() => {
      try {
        budget.beforeStep('owner lookup');
      } catch (error) {
        return error;
      }
      return undefined;
    })();
    expect(refusal).toBeInstanceOf(RequestBudgetSpentError);
    expect(refusal).toMatchObject({ status: 503, code: 'dependency_unavailable', step: 'owner lookup' });
    expect(isInfrastructureFault(refusal)).toBe(true);
  });
});
