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
   * otherwise the post answers 503 with Retry-After, what it did taken back. Near the deadline a first
   * post took about 4 s before it.
   */
  API_REQUEST_BUDGET_MS: integer(3_000, 0, 60_000),
};
