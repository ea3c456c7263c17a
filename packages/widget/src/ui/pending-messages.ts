import { readConversationScopedList, writeConversationScopedList } from './conversation-scoped-list.ts';
import { PENDING_MESSAGES_STORAGE_KEY } from './visitor-identity.ts';

/**
 * The visitor's own messages that have no answer yet, by job id, beside the conversation id in
 * localStorage (the visitor's device only): the API stores a message with its answer, so after a
 * reload the widget shows the question again above the answer it resumes. Forgotten once answered,
 * and with the conversation ("Nouvelle conversation", "Effacer mes conversations").
 */
interface PendingMessages {
  conversation_id: string;
  messages: Array<{ job_id: string; text: string }>;
}

/** At most this many (a visitor never has more unanswered messages than the rate limit). */
const MAX_PENDING = 20;

function readPending(conversationId: string): PendingMessages['messages'] {
  return readConversationScopedList<PendingMessages['messages'][number]>(
    PENDING_MESSAGES_STORAGE_KEY,
    conversationId,
    (message) => typeof message?.job_id === 'string' && typeof message.text === 'string',
  );
}

function writePending(conversationId: string, messages: PendingMessages['messages']): void {
  writeConversationScopedList(PENDING_MESSAGES_STORAGE_KEY, conversationId, messages, MAX_PENDING);
}

export function rememberPendingMessage(conversationId: string, jobId: string, text: string): void {
  writePending(conversationId, [...readPending(conversationId).filter((message) => message.job_id !== jobId), { job_id: jobId, text }]);
}

export function forgetPendingMessage(conversationId: string, jobId: string): void {
  const pending = readPending(conversationId);
  if (pending.some((message) => message.job_id === jobId)) writePending(conversationId, pending.filter((message) => message.job_id !== jobId));
}

export function pendingMessageText(conversationId: string, jobId: string): string | undefined {
  return readPending(conversationId).find((message) => message.job_id === jobId)?.text;
}
