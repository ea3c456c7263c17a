import type { Reranker, RerankResult, RetrievedChunk } from '../../capabilities/capabilities.ts';
import { zeroUsage } from '../../capabilities/capabilities.ts';
import type { Logger } from '../../logging/logger.ts';
import type { ProviderAttempt } from '../resilience/provider-attempt.ts';
import { attemptsOfFailure, ProviderCallAbortedError, ProviderError } from '../resilience/provider-errors.ts';

export const RETRIEVAL_ORDER_MODEL = 'retrieval-order';

export interface RerankResultWithAttempts extends RerankResult {
  attempts: ProviderAttempt[];
  /** True when the live reranker failed and the retrieval order was kept. */
  fellBack: boolean;
}

/**
 * The live reranker first; when it fails, the chunks keep their retrieval order (first `topN`, scores
 * unchanged) and `model` says `retrieval-order` (docs/properties.md, property 3). The job's abort is rethrown.
 */
export class RerankerWithRetrievalOrderFallback implements Reranker {
  constructor(
    private readonly live: Reranker,
    private readonly logger: Logger,
  ) {}

  get model(): string {
    return this.live.model;
  }

  async rerank(query: string, chunks: RetrievedChunk[], topN: number, signal?: AbortSignal): Promise<RerankResultWithAttempts> {
    try {
      const result = await this.live.rerank(query, chunks, topN, signal);
      return { ...result, attempts: result.attempts ?? [], fellBack: false };
    } catch (error) {
      if (!(error instanceof ProviderError) || error instanceof ProviderCallAbortedError) throw error;
      this.logger.warn({ error_code: error.code, error: error.message }, 'rerank failed: keeping the retrieval order');
      const attempts = attemptsOfFailure(error);
      return { chunks: chunks.slice(0, topN), usage: zeroUsage(), model: RETRIEVAL_ORDER_MODEL, attempts, fellBack: true };
    }
  }
}
