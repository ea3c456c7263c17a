import { HttpStatusError, isRetryableRequestError, NetworkError, RateLimitedError } from '../client/chat-client-errors.ts';
import type { ErrorBanner } from './error-banner.ts';
import type { SubmissionOutcome } from './ordered-submissions.ts';

/**
 * What the widget does when a message could not be submitted, as data: wait out the rate limit
 * (the text goes back in the input), start a new conversation (this one is no longer the visitor's:
 * token lost, or erased), offer "Réessayer" (the same idempotency key: never sent twice) when another
 * attempt may succeed, or say so (the message itself was refused: 400, 413, 422).
 */
export type SubmitFailureAction =
  | { kind: 'rate_limited'; retryAfterSeconds: number }
  | { kind: 'conversation_lost' }
  | { kind: 'offer_retry'; text: string }
  | { kind: 'tell'; text: string };

export const CONVERSATION_LOST_TEXT = "Cette conversation n'est plus accessible : une nouvelle conversation a commencé. Renvoie ton message.";
export const NETWORK_ERROR_TEXT = 'Connexion impossible pour le moment. Vérifie ta connexion puis réessaie.';

/** While a post is tried again: what its last attempt met, the visitor's connection or the server. */
export const RETRY_NOTICES = {
  network: 'Connexion instable, nouvelle tentative…',
  unavailable: 'Le service est momentanément indisponible, nouvelle tentative…',
  server: 'Le serveur n’a pas pu prendre ton message, nouvelle tentative…',
} as const;

/** A 503 is the server saying it cannot serve now (Redis or the database away), not the visitor's connection. */
export function retryNoticeOf(error: unknown): string {
  if (error instanceof HttpStatusError) return error.status === 503 ? RETRY_NOTICES.unavailable : RETRY_NOTICES.server;
  return RETRY_NOTICES.network;
}

export function submitFailureActionOf(error: unknown): SubmitFailureAction {
  if (error instanceof RateLimitedError) return { kind: 'rate_limited', retryAfterSeconds: error.retryAfterSeconds };
  if (error instanceof HttpStatusError && [401, 403, 410].includes(error.status)) return { kind: 'conversation_lost' };
  if (error instanceof NetworkError) return { kind: 'offer_retry', text: NETWORK_ERROR_TEXT };
  if ((error as { kind?: string }).kind === 'http') {
    const message = (error as { serverMessage?: unknown }).serverMessage;
    const text = typeof message === 'string' && message !== '' ? message : NETWORK_ERROR_TEXT;
    // A refusal of this very message (400, 413, 422…) is the same on every attempt: it is not held for another.
    return isRetryableRequestError(error) ? { kind: 'offer_retry', text } : { kind: 'tell', text };
  }
  return { kind: 'tell', text: NETWORK_ERROR_TEXT };
}

/** What the widget lends the failure handling of a post. */
export interface SubmitFailureContext {
  banner: ErrorBanner;
  /** The message box (message-length-guard.ts: a text put back is shown against the length limit, never cut). */
  input: { value: string };
  /** The texts of the messages not yet accepted (the failed one first). */
  unsentTexts(): string[];
  startNewConversation(): void;
  /** Sends the messages held behind a failure again, from the first. */
  resendWaiting(): void;
}

/**
 * A post that failed for good: a rate limit holds it and the messages after it until its countdown
 * ends; a conversation no longer the visitor's starts a new one, every unsent text back in the
 * input; a failure another attempt may cure holds them until "Réessayer", the browser back online
 * or the outbox's own pause; a refusal of the message itself gives it up, its text back in the input.
 */
export function outcomeOfSubmitFailure(error: unknown, text: string, context: SubmitFailureContext): SubmissionOutcome {
  const action = submitFailureActionOf(error);
  switch (action.kind) {
    case 'rate_limited':
      context.banner.showRateLimit(action.retryAfterSeconds, context.unsentTexts().length);
      return { kind: 'stalled', resumeAfterMs: action.retryAfterSeconds * 1000 };
    case 'conversation_lost': {
      const unsent = context.unsentTexts();
      context.startNewConversation();
      context.input.value = (unsent.length > 0 ? unsent : [text]).join('\n\n');
      context.banner.show(CONVERSATION_LOST_TEXT, undefined);
      return { kind: 'dropped' };
    }
    case 'offer_retry':
      context.banner.showRetryable(action.text, () => context.resendWaiting());
      return { kind: 'stalled' };
    case 'tell':
      if (context.input.value === '') context.input.value = text;
      context.banner.show(action.text, undefined);
      return { kind: 'dropped' };
  }
}
