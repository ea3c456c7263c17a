import type { OutgoingMessage } from '../client/v2-chat-client.ts';
import { readStored, removeStored, UNSENT_MESSAGES_STORAGE_KEY, writeStored } from './visitor-identity.ts';

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

export function rememberUnsentMessages(conversationId: string, messages: readonly OutgoingMessage[]): void {
  if (messages.length === 0) return removeStored(UNSENT_MESSAGES_STORAGE_KEY);
  const stored: StoredUnsentMessages = {
    conversation_id: conversationId,
    messages: messages.map((message) => ({ text: message.text, idempotency_key: message.idempotencyKey, sent_at: message.sentAt })),
  };
  writeStored(UNSENT_MESSAGES_STORAGE_KEY, JSON.stringify(stored));
}

/** The messages kept for `conversationId`, oldest first ([] when none, or kept for another conversation). */
export function unsentMessagesOf(conversationId: string, userId: string): OutgoingMessage[] {
  const raw = readStored(UNSENT_MESSAGES_STORAGE_KEY);
  if (raw === undefined) return [];
  try {
    const parsed = JSON.parse(raw) as Partial<StoredUnsentMessages>;
    if (parsed.conversation_id !== conversationId || !Array.isArray(parsed.messages)) return [];
    return parsed.messages
      .filter((message) => [message?.text, message?.idempotency_key, message?.sent_at].every((field) => typeof field === 'string' && field !== ''))
      .map((message) => ({ userId, conversationId, text: message.text, idempotencyKey: message.idempotency_key, sentAt: message.sent_at }));
  } catch {
    return [];
  }
}
