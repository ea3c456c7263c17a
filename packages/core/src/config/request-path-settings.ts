import { integer } from './setting-types.ts';

/**
 * Settings of the API's request path (docs/durability.md, "Fail fast on the request path"): part of
 * the one configuration schema (config.ts), kept in a file of their own.
 */
export const requestPathSettings = {
  /**
   * Time budget of a `POST /api/v2/chat`, from its body read to its answer (0: none). Each of its
   * steps (erasure markers, claim, owner lookup, client windows, admission, job creation) has its own
   * API_DEPENDENCY_TIMEOUT_MS; a step is started only while the budget still holds one such deadline,
   * otherwise the post answers 503 with Retry-After, what it did taken back. 6 s by default: a bound
   * on the worst case (a database handshake of several round trips, every step near its deadline),
   * above the 3–4 s a first post takes with Redis 700 ms away, which still succeeds: a lower budget
   * turns that slow success into a 503 every retry meets again.
   */
  API_REQUEST_BUDGET_MS: integer(6_000, 0, 60_000),
};

/**
 * A budget below one step's deadline refuses every post before its first step, dependencies healthy
 * or not (each step starts only while one API_DEPENDENCY_TIMEOUT_MS is left): refused at start.
 */
export function requestBudgetProblemOf(config: { API_REQUEST_BUDGET_MS: number; API_DEPENDENCY_TIMEOUT_MS: number }): string | undefined {
  const { API_REQUEST_BUDGET_MS: budgetMs, API_DEPENDENCY_TIMEOUT_MS: stepMs } = config;
  if (budgetMs === 0 || budgetMs >= stepMs) return undefined;
  return `API_REQUEST_BUDGET_MS: ${budgetMs} ms ne laisse pas une échéance API_DEPENDENCY_TIMEOUT_MS (${stepMs} ms) au premier appel : chaque message serait refusé (503). Mets 0 (aucun budget) ou au moins ${stepMs}.`;
}
