import type { OutgoingMessage } from '../client/v2-chat-client.ts';
import { readConversationScopedList, writeConversationScopedList } from './conversation-scoped-list.ts';
import { UNSENT_MESSAGES_STORAGE_KEY } from './visitor-identity.ts';

/**
 * The visitor's messages shown as waiting to go that the server surely does not hold: never posted
 * yet (queued behind another), or refused with a 429 (held by the rate limit, "partira tout seul").
 * Kept in localStorage so that a reload does not drop them without a word: the widget loaded again
 * shows them and sends them, with their Idempotency-Key. A message whose post may have reached the
 * server is not kept here (sent again, it could show twice beside the history; the first post of a
 * conversation has its own way back, token-claiming-post.ts).
 */
interface StoredUnsentMessages {
  conversation_id: string;
  messages: Array<{ text: string; idempotency_key: string; sent_at: string }>;
}

type StoredUnsentMessage = StoredUnsentMessages['messages'][number];

export function rememberUnsentMessages(conversationId: string, messages: readonly OutgoingMessage[]): void {
  const stored: StoredUnsentMessage[] = messages.map((message) => ({ text: message.text, idempotency_key: message.idempotencyKey, sent_at: message.sentAt }));
  writeConversationScopedList(UNSENT_MESSAGES_STORAGE_KEY, conversationId, stored);
}

/** The messages kept for `conversationId`, oldest first ([] when none, or kept for another conversation). */
export function unsentMessagesOf(conversationId: string, userId: string): OutgoingMessage[] {
  return readConversationScopedList<StoredUnsentMessage>(UNSENT_MESSAGES_STORAGE_KEY, conversationId, (message) =>
    [message?.text, message?.idempotency_key, message?.sent_at].every((field) => typeof field === 'string' && field !== ''),
  ).map((message) => ({ userId, conversationId, text: message.text, idempotencyKey: message.idempotency_key, sentAt: message.sent_at }));
}
