import type { RouteDecision, RouteInput, Router } from '../capabilities/capabilities.ts';
import type { Logger } from '../logging/logger.ts';
import { urgentHelpOf } from './urgent-help.ts';

/**
 * The orchestrator's routing policy (ROUTER_MODE):
 * - `local_first` (default): the local router decides; the LLM router is asked only when the local
 *   confidence is below ROUTER_LLM_CONFIDENCE_THRESHOLD (vague messages, weak or conflicting keywords);
 * - `always_llm`: the LLM router decides every message;
 * - `local_only`: never the LLM (also what every mode becomes without an LLM router, i.e. no key).
 * In local_first, a confident local escalation (≥ ESCALATION_KEEP_CONFIDENCE) is never sent to the LLM:
 * missing a person who asks for help is worse than one extra escalation.
 * In every mode, a message in distress or describing a medical emergency (urgent-help.ts) is the local
 * router's: it hands it to a person at once, and the reply gives the emergency numbers.
 * The LLM router is expected to fall back on its own (RouterWithLocalFallback: method `fallback`).
 */

export type RouterMode = 'local_first' | 'always_llm' | 'local_only';

export const ESCALATION_KEEP_CONFIDENCE = 0.8;

export interface LocalFirstRouterOptions {
  mode: RouterMode;
  /** Local decisions below this confidence go to the LLM router (local_first). */
  threshold: number;
  logger: Logger;
}

export class LocalFirstRouter implements Router {
  private readonly logger: Logger;

  constructor(
    private readonly local: Router & { readonly model?: string },
    private readonly llm: (Router & { readonly model?: string }) | null,
    private readonly options: LocalFirstRouterOptions,
  ) {
    this.logger = options.logger.child({ component: 'local-first-router' });
  }

  /** What decides, for reports (eval, logs). */
  get model(): string {
    const localName = this.local.model ?? 'local';
    if (this.llm === null || this.options.mode === 'local_only') return localName;
    return `${this.options.mode}(${localName} < ${this.options.threshold} -> llm)`;
  }

  get mode(): RouterMode {
    return this.llm === null ? 'local_only' : this.options.mode;
  }

  async route(input: RouteInput, signal?: AbortSignal): Promise<RouteDecision> {
    if (this.llm === null || this.options.mode === 'local_only') return this.local.route(input, signal);
    // In local_first the local router hands distress and emergencies over itself (a confident escalation, kept below).
    if (this.options.mode === 'always_llm') return urgentHelpOf(input.message) !== null ? this.local.route(input, signal) : this.llm.route(input, signal);

    const local = await this.local.route(input, signal);
    if (local.kind === 'escalate' && local.confidence >= ESCALATION_KEEP_CONFIDENCE) return local;
    if (local.confidence >= this.options.threshold) return local;
    signal?.throwIfAborted();
    const decided = await this.llm.route(input, signal);
    this.logger.debug(
      { local: { kind: local.kind, agent: local.agent, confidence: local.confidence }, llm: { kind: decided.kind, agent: decided.agent, method: decided.method } },
      'local router unsure: the LLM router decided',
    );
    if (decided.method === 'fallback') return { ...decided, reasoning: local.reasoning, confidence: local.confidence };
    return decided;
  }
}
