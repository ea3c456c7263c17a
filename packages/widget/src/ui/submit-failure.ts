import { HttpStatusError, NetworkError, RateLimitedError } from '../client/chat-client-errors.ts';

/**
 * What the widget does when a message could not be submitted, as data: wait out the rate limit
 * (the text goes back in the input), start a new conversation (this one is no longer the visitor's:
 * token lost, or erased), offer "Réessayer" (the same idempotency key: never sent twice), or say so.
 */
export type SubmitFailureAction =
  | { kind: 'rate_limited'; retryAfterSeconds: number }
  | { kind: 'conversation_lost' }
  | { kind: 'offer_retry'; text: string }
  | { kind: 'tell'; text: string };

export const CONVERSATION_LOST_TEXT = "Cette conversation n'est plus accessible : une nouvelle conversation a commencé. Renvoie ton message.";
export const NETWORK_ERROR_TEXT = 'Connexion impossible pour le moment. Vérifie ta connexion puis réessaie.';

export function submitFailureActionOf(error: unknown): SubmitFailureAction {
  if (error instanceof RateLimitedError) return { kind: 'rate_limited', retryAfterSeconds: error.retryAfterSeconds };
  if (error instanceof HttpStatusError && [401, 403, 410].includes(error.status)) return { kind: 'conversation_lost' };
  if (error instanceof NetworkError) return { kind: 'offer_retry', text: NETWORK_ERROR_TEXT };
  if ((error as { kind?: string }).kind === 'http') {
    const message = (error as { serverMessage?: unknown }).serverMessage;
    return { kind: 'offer_retry', text: typeof message === 'string' && message !== '' ? message : NETWORK_ERROR_TEXT };
  }
  return { kind: 'tell', text: NETWORK_ERROR_TEXT };
}
