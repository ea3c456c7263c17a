/**
 * One call attempt to a provider, as kept on the job result and logged. `status` is the outcome:
 * `ok`, or the disposition of the error (`retry`, `fallback`, `fatal`), or `skipped_circuit_open`,
 * `skipped_budget` when the call was not made.
 */
export type AttemptOutcome = 'ok' | 'retry' | 'fallback' | 'fatal' | 'skipped_circuit_open' | 'skipped_budget' | 'aborted';

export interface ProviderAttempt {
  provider: 'openrouter' | 'openai' | 'cohere';
  /** Role of the call: router, audrey, carole, embedding, rerank. */
  role: string;
  requestedModel: string;
  /** Model the vendor says served the call (OpenRouter may route), null when no response. */
  servedModel: string | null;
  status: AttemptOutcome;
  /** Upstream HTTP status when a response was received (200 on success). */
  httpStatus: number | null;
  latencyMs: number;
  /** Attempt number on this model, from 1. */
  attempt: number;
  costUsd: number;
  errorCode?: string;
  errorMessage?: string;
}
