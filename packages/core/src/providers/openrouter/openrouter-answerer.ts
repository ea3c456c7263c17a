import type { Answerer, AnswerHooks, AnswerInput, AnswerOutput } from '../../capabilities/capabilities.ts';
import { ProviderAttemptLog, type ProviderAttempt } from '../resilience/provider-attempt.ts';
import { agentMessages } from './agent-prompts.ts';
import type { ChatModelChain } from './chat-model-chain.ts';

/** AnswerOutput plus the provider attempts made for it (to put on the job result). */
export interface LiveAnswerOutput extends AnswerOutput {
  attempts: ProviderAttempt[];
  /** The model first asked for by the chain link that answered (model is the one that served). */
  requestedModel: string;
}

/**
 * The agents (Audrey, Carole) through OpenRouter: one model chain per agent, streamed, deltas handed to
 * `hooks.onDelta` as they arrive. Throws ProviderError subclasses (AllModelsFailedError,
 * ProviderStreamBrokenError with the partial text, ProviderCallAbortedError), each carrying `attempts`
 * where relevant; `AnswererWithOfflineFallback` turns failures before the first token into the offline answer.
 */
export class OpenRouterAnswerer implements Answerer {
  constructor(
    private readonly chains: { audrey: ChatModelChain; carole: ChatModelChain },
    private readonly settings: { maxCompletionTokens: number; temperature?: number },
  ) {}

  async answer(input: AnswerInput, hooks: AnswerHooks, signal?: AbortSignal): Promise<LiveAnswerOutput> {
    const attemptLog = new ProviderAttemptLog();
    const result = await this.chains[input.agent].complete(
      {
        messages: agentMessages(input),
        maxTokens: this.settings.maxCompletionTokens,
        temperature: this.settings.temperature ?? 0.4,
        onDelta: (delta) => hooks.onDelta?.(delta),
      },
      attemptLog,
      signal,
    );
    return {
      text: result.text,
      model: result.servedModel,
      requestedModel: result.requestedModel,
      usage: result.usage,
      offline: false,
      attempts: attemptLog.attempts,
    };
  }
}
