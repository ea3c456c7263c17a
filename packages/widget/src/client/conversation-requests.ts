import { HttpStatusError, isRetryableReadError, RateLimitedError } from './chat-client-errors.ts';
import { conversationSnapshotOf, type ConversationSnapshot } from './chat-reply.ts';
import { requestJson } from './http-json-request.ts';
import { retryWithBackoff } from './retry-with-backoff.ts';

/**
 * The visitor's conversation-level requests besides messages: the hand-over snapshot a reloaded
 * widget resumes from, erasure ("Effacer mes conversations") and the withdrawal of a hand-over
 * request. All send the conversation's token as `Authorization: Bearer`.
 */
function conversationUrl(apiBaseUrl: string, conversationId: string): string {
  return `${apiBaseUrl.replace(/\/+$/, '')}/api/v2/conversations/${encodeURIComponent(conversationId)}`;
}

function authorizationOf(token: string | undefined): Record<string, string> {
  return token ? { Authorization: `Bearer ${token}` } : {};
}

/**
 * GET /api/v2/conversations/:id: state, operator, unanswered messages, newest event id. Undefined
 * when the API has no such conversation (or no hand-over), or it is not readable with this token.
 */
export async function loadConversationSnapshot(apiBaseUrl: string, conversationId: string, token: string | undefined): Promise<ConversationSnapshot | undefined> {
  try {
    const response = await retryWithBackoff(
      () => requestJson(conversationUrl(apiBaseUrl, conversationId), { method: 'GET', headers: authorizationOf(token), timeoutMs: 15_000 }),
      { attempts: 3, baseDelayMs: 400, maxDelayMs: 3000, shouldRetry: isRetryableReadError },
    );
    return conversationSnapshotOf(response.body);
  } catch (error) {
    // 405: this API serves no conversation state (the hand-over is off): there is no snapshot to read.
    if (error instanceof HttpStatusError && [401, 403, 404, 405, 410].includes(error.status)) return undefined;
    throw error;
  }
}

/**
 * DELETE /api/v2/conversations/:id: erases the conversation on the server. Resolves when it is gone
 * (erased now, or already: 404/410); rejects with NetworkError / HttpStatusError otherwise.
 */
export async function eraseConversation(apiBaseUrl: string, conversationId: string, token: string | undefined): Promise<void> {
  try {
    await retryWithBackoff(
      () => requestJson(conversationUrl(apiBaseUrl, conversationId), { method: 'DELETE', headers: authorizationOf(token), timeoutMs: 20_000 }),
      { attempts: 3, baseDelayMs: 400, maxDelayMs: 3000, shouldRetry: isRetryableReadError },
    );
  } catch (error) {
    if (error instanceof HttpStatusError && [404, 410].includes(error.status)) return;
    throw error;
  }
}

/** What POST …/handover/cancel answered: withdrawn (the conversation as it now is), or why not. */
export type HandoverCancelAnswer =
  | { kind: 'cancelled'; snapshot: ConversationSnapshot | undefined }
  | { kind: 'operator_joined' }
  | { kind: 'not_waiting' };

/**
 * POST /api/v2/conversations/:id/handover/cancel: the visitor withdraws a hand-over nobody joined
 * yet. Tried again only after a short 429 (too many requests of this client at work: the API refused
 * it before doing anything); never after a lost answer or a 5xx, since the withdrawal may have been
 * done and a retry would read `not_waiting`. Rejects with NetworkError / HttpStatusError for anything
 * but a 200 or a 409.
 */
export async function cancelHandover(apiBaseUrl: string, conversationId: string, token: string | undefined): Promise<HandoverCancelAnswer> {
  try {
    const response = await retryWithBackoff(
      () => requestJson(`${conversationUrl(apiBaseUrl, conversationId)}/handover/cancel`, { method: 'POST', headers: authorizationOf(token), timeoutMs: 15_000 }),
      { attempts: 3, baseDelayMs: 400, maxDelayMs: 3000, shouldRetry: isRefusedBeforeWork },
    );
    return { kind: 'cancelled', snapshot: conversationSnapshotOf(response.body) };
  } catch (error) {
    if (error instanceof HttpStatusError && error.status === 409) return { kind: error.code === 'handover_operator_joined' ? 'operator_joined' : 'not_waiting' };
    throw error;
  }
}

/** A 429 asking to wait a few seconds at most: the request was refused before any work, so sending it again is safe. */
function isRefusedBeforeWork(error: unknown): boolean {
  return error instanceof RateLimitedError && error.retryAfterSeconds <= 5;
}
