import { DependencyUnavailableError } from './app-error.ts';

/**
 * A request's time budget (API_REQUEST_BUDGET_MS): a tokenless first post makes five or six round
 * trips to Redis and the database one after the other, each with its own deadline
 * (API_DEPENDENCY_TIMEOUT_MS), and near that deadline it took about 4 s before its 202 or 503.
 * A step is started only while the budget still holds one step's deadline: a step is never cut in
 * the middle (its own deadline does that, with its own take-back), and the request answers 503 with
 * Retry-After within the budget instead. The caller takes back what its earlier steps did.
 */
export class RequestBudget {
  private readonly endsAt: number;
  private readonly stepDeadlineMs: number;
  private readonly now: () => number;

  constructor(options: { budgetMs: number; stepDeadlineMs: number; startedAt?: number; now?: () => number }) {
    this.now = options.now ?? Date.now;
    this.endsAt = (options.startedAt ?? this.now()) + options.budgetMs;
    this.stepDeadlineMs = options.stepDeadlineMs;
  }

  remainingMs(): number {
    return this.endsAt - this.now();
  }

  /** Throws RequestBudgetSpentError when `step` could not end within the budget (less than one step's deadline left). */
  beforeStep(step: string): void {
    const remainingMs = this.remainingMs();
    if (remainingMs < this.stepDeadlineMs) throw new RequestBudgetSpentError(step, remainingMs);
  }
}

/** What core code asks of a budget: a check before each step (absent: no budget). */
export type StepBudget = Pick<RequestBudget, 'beforeStep'>;

/** The request's budget would not hold `step`: answered 503 `dependency_unavailable` with Retry-After. */
export class RequestBudgetSpentError extends DependencyUnavailableError {
  readonly step: string;
  constructor(step: string, remainingMs: number) {
    super('dependency', `request budget nearly spent before ${step} (${Math.max(0, Math.round(remainingMs))} ms left): dependencies too slow`);
    this.step = step;
  }
}
