import type { OutgoingMessage } from '../client/v2-chat-client.ts';
import { readConversationToken, readStored, removeStored, TOKEN_CLAIMING_POST_STORAGE_KEY, writeStored } from './visitor-identity.ts';

/**
 * The first message of a conversation is the post its token comes back with. On a slow connection
 * the visitor may reload (or leave for another page of the site) after the API stored it and before
 * its answer came back: the token was lost with that answer, and with it the conversation (its
 * history unreadable, the next post refused as a stranger's, a new conversation started). So that
 * post is kept in localStorage until its answer comes back, and a widget loaded without the token
 * posts it again, with the same Idempotency-Key and body: the API answers a retry of the creating
 * post with the same job and the token again (docs/security.md), and never stores the message twice.
 */
interface StoredTokenClaimingPost {
  conversation_id: string;
  user_id: string;
  text: string;
  idempotency_key: string;
  sent_at: string;
}

export function rememberTokenClaimingPost(message: OutgoingMessage): void {
  const stored: StoredTokenClaimingPost = {
    conversation_id: message.conversationId,
    user_id: message.userId,
    text: message.text,
    idempotency_key: message.idempotencyKey,
    sent_at: message.sentAt,
  };
  writeStored(TOKEN_CLAIMING_POST_STORAGE_KEY, JSON.stringify(stored));
}

/** Its answer came back (the token is kept), or the message itself was refused. */
export function forgetTokenClaimingPost(conversationId: string): void {
  const stored = readTokenClaimingPost();
  if (stored?.conversation_id === conversationId) removeStored(TOKEN_CLAIMING_POST_STORAGE_KEY);
}

/** The first post of `conversationId` to send again: kept, and the token it would have brought is missing. */
export function tokenClaimingPostToResend(conversationId: string, userId: string): OutgoingMessage | undefined {
  const stored = readTokenClaimingPost();
  if (stored === undefined || stored.conversation_id !== conversationId || stored.user_id !== userId) return undefined;
  if (readConversationToken(conversationId) !== undefined) {
    removeStored(TOKEN_CLAIMING_POST_STORAGE_KEY);
    return undefined;
  }
  return { userId, conversationId, text: stored.text, idempotencyKey: stored.idempotency_key, sentAt: stored.sent_at };
}

function readTokenClaimingPost(): StoredTokenClaimingPost | undefined {
  const raw = readStored(TOKEN_CLAIMING_POST_STORAGE_KEY);
  if (raw === undefined) return undefined;
  try {
    const parsed = JSON.parse(raw) as Partial<StoredTokenClaimingPost>;
    const fields = [parsed.conversation_id, parsed.user_id, parsed.text, parsed.idempotency_key, parsed.sent_at];
    return fields.every((field) => typeof field === 'string' && field !== '') ? (parsed as StoredTokenClaimingPost) : undefined;
  } catch {
    return undefined;
  }
}
