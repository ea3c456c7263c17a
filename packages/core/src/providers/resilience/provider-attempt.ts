import type { ProviderAttempt } from '../../capabilities/provider-attempt.ts';

export type { AttemptOutcome, ProviderAttempt } from '../../capabilities/provider-attempt.ts';

/** Collects the attempts of one capability call (and, when shared, of one job). */
export class ProviderAttemptLog {
  readonly attempts: ProviderAttempt[] = [];
  add(attempt: ProviderAttempt): void {
    this.attempts.push(attempt);
  }
}
