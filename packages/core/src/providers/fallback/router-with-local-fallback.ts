import type { RouteDecision, RouteInput, Router } from '../../capabilities/capabilities.ts';
import type { Logger } from '../../logging/logger.ts';
import { AllModelsFailedError, ProviderCallAbortedError, ProviderError } from '../resilience/provider-errors.ts';

/**
 * The LLM router first; when it fails (every model failed, fatal error, unreadable decision, budget),
 * the local router decides, with `method: 'fallback'`. The job's abort is rethrown.
 */
export class RouterWithLocalFallback implements Router {
  constructor(
    private readonly live: Router,
    private readonly local: Router,
    private readonly logger: Logger,
  ) {}

  async route(input: RouteInput, signal?: AbortSignal): Promise<RouteDecision> {
    try {
      const decision = await this.live.route(input, signal);
      return { ...decision, attempts: decision.attempts ?? [] };
    } catch (error) {
      if (!(error instanceof ProviderError) || error instanceof ProviderCallAbortedError) throw error;
      this.logger.warn({ error_code: error.code, error: error.message }, 'LLM router failed: the local router decides');
      const decision = await this.local.route(input, signal);
      return { ...decision, method: 'fallback', attempts: error instanceof AllModelsFailedError ? error.attempts : [] };
    }
  }
}
