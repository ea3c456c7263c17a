import { z } from 'zod';
import type { RouteDecision, RouteDecisionFacts, RouteInput, Router } from '../../capabilities/capabilities.ts';
import { routeTargetSchema } from '../../contract/chat-schemas.ts';
import { ProviderAttemptLog } from '../resilience/provider-attempt.ts';
import { ProviderTransientError } from '../resilience/provider-errors.ts';
import { ROUTER_ESCALATION_CATEGORIES, routerMessages } from './agent-prompts.ts';
import type { ChatModelChain } from './chat-model-chain.ts';

const routerAnswerSchema = z.object({
  agent: z.preprocess((value) => (typeof value === 'string' ? value.trim().toLowerCase() : value), routeTargetSchema),
  confidence: z.coerce.number().min(0).max(1).catch(0.5),
  reasoning: z.string().max(2000).catch(''),
  /** The message is too vague to route: ask a clarifying question (agents only). */
  clarify: z.boolean().optional().catch(false),
  /** Why a person must take over (escalations only). */
  category: z.enum(ROUTER_ESCALATION_CATEGORIES).optional().catch(undefined),
});

export type RouterAnswer = z.infer<typeof routerAnswerSchema>;

/** The route decision of the router model's answer (an escalation without category asks for a person). */
export function routeDecisionOf(answer: RouterAnswer, facts: Omit<RouteDecisionFacts, 'confidence' | 'reasoning'>): RouteDecision {
  const described = { ...facts, confidence: answer.confidence, reasoning: answer.reasoning.trim() };
  if (answer.agent === 'escalate') return { kind: 'escalate', agent: 'escalate', category: answer.category ?? 'human', ...described };
  return { kind: answer.clarify ? 'clarify' : 'answer', agent: answer.agent, ...described };
}

/** Reads the router model's JSON answer (tolerating text around the object). */
export function parseRouterAnswer(text: string): RouterAnswer | null {
  const start = text.indexOf('{');
  const end = text.lastIndexOf('}');
  if (start < 0 || end <= start) return null;
  try {
    const parsed = routerAnswerSchema.safeParse(JSON.parse(text.slice(start, end + 1)));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * The orchestrator through OpenRouter (ORCHESTRATOR_MODEL chain, JSON mode, not streamed). Throws
 * ProviderError subclasses (an answer that is not a valid decision: ProviderTransientError with code
 * `provider_malformed_response`); `RouterWithLocalFallback` turns them into the local router's decision.
 */
export class OpenRouterRouter implements Router {
  constructor(
    private readonly chain: ChatModelChain,
    private readonly settings: { maxCompletionTokens: number },
  ) {}

  async route(input: RouteInput, signal?: AbortSignal): Promise<RouteDecision> {
    const attemptLog = new ProviderAttemptLog();
    const result = await this.chain.complete(
      { messages: routerMessages(input), maxTokens: this.settings.maxCompletionTokens, temperature: 0, jsonMode: true },
      attemptLog,
      signal,
    );
    const decision = parseRouterAnswer(result.text);
    if (!decision) {
      throw new ProviderTransientError({
        provider: 'openrouter',
        model: result.servedModel,
        message: `router answer is not a routing decision: ${result.text.slice(0, 200)}`,
        code: 'provider_malformed_response',
      });
    }
    return routeDecisionOf(decision, { method: 'llm', usage: result.usage, model: result.servedModel, attempts: attemptLog.attempts });
  }
}
