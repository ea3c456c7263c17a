import type { Answerer, AnswerHooks, AnswerInput, AnswerOutput } from '../../capabilities/capabilities.ts';
import type { Logger } from '../../logging/logger.ts';
import { CONTACT_THE_AGENCY_DIRECTLY } from '../../agents/agency-contact.ts';
import { HUMAN_HELP_AGENCY_CONTACT, HUMAN_HELP_OFFER } from '../openrouter/agent-prompts.ts';
import type { ProviderAttempt } from '../resilience/provider-attempt.ts';
import { AllModelsFailedError, ProviderCallAbortedError, ProviderError, ProviderStreamBrokenError } from '../resilience/provider-errors.ts';

export interface AnswerWithAttempts extends AnswerOutput {
  attempts: ProviderAttempt[];
}

/**
 * Live answerer first; when it fails BEFORE its first token (every model failed, a fatal error, the
 * budget refused every model), the offline answer written from the sources by the local answerer, plus
 * an offer of human help (where no person can answer in this chat, AnswerInput `personCanAnswerHere` false: where to
 * contact the agency directly). Never after the first token: a ProviderStreamBrokenError (partial text kept on
 * it) and the job's abort are rethrown, the job fails.
 */
export class AnswererWithOfflineFallback implements Answerer {
  constructor(
    private readonly live: Answerer,
    private readonly offline: Answerer,
    private readonly logger: Logger,
  ) {}

  async answer(input: AnswerInput, hooks: AnswerHooks, signal?: AbortSignal): Promise<AnswerWithAttempts> {
    try {
      const output = await this.live.answer(input, hooks, signal);
      return { ...output, attempts: output.attempts ?? [] };
    } catch (error) {
      if (!(error instanceof ProviderError) || error instanceof ProviderStreamBrokenError || error instanceof ProviderCallAbortedError) throw error;
      const attempts = error instanceof AllModelsFailedError ? error.attempts : [];
      this.logger.warn({ agent: input.agent, error_code: error.code, error: error.message }, 'every chat model failed: answering offline from the sources');
      const offline = await this.offline.answer(input, hooks, signal);
      // Not twice: an offline answer that already says how to reach a person (offline-answer-notices.ts) gets no note.
      const personCanAnswerHere = input.personCanAnswerHere ?? true;
      if (offline.text.includes(personCanAnswerHere ? "une personne de l'équipe" : CONTACT_THE_AGENCY_DIRECTLY)) return { ...offline, offline: true, attempts };
      const note = personCanAnswerHere ? HUMAN_HELP_OFFER : HUMAN_HELP_AGENCY_CONTACT;
      const separator = '\n\n';
      hooks.onDelta?.(separator + note);
      return { ...offline, text: offline.text + separator + note, offline: true, attempts };
    }
  }
}
