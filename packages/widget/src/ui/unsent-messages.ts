import type { OutgoingMessage } from '../client/v2-chat-client.ts';
import { readConversationScopedList, writeConversationScopedList } from './conversation-scoped-list.ts';
import type { TabClaims } from './tab-claims.ts';
import { removeStored, storedKeysStartingWith, UNSENT_MESSAGES_STORAGE_KEY } from './visitor-identity.ts';

/**
 * The visitor's messages shown as waiting to go, not accepted yet: queued behind another, refused
 * with a 429 (held by the rate limit, "partira tout seul"), or posted with no answer back yet
 * (`posted`: the server may hold it or not). Kept in localStorage so that a reload does not drop
 * them without a word: the widget loaded again shows them and posts them, with their
 * Idempotency-Key (the API answers a repeated key with the same job: a posted one is stored once,
 * and shown once beside the thread read at load, reposted-messages.ts).
 *
 * Each tab keeps its own, under `lac_unsent_messages.<tab id>`: a tab writes only its own entry (never
 * over another tab's), and a page takes over another's only once that page is gone (tab-claims.ts):
 * a reload sends the reloaded tab's messages, never those another open tab is holding and sending.
 */
interface StoredUnsentMessages {
  conversation_id: string;
  messages: Array<{ text: string; idempotency_key: string; sent_at: string; posted?: boolean }>;
}

type StoredUnsentMessage = StoredUnsentMessages['messages'][number];

export interface UnsentMessage {
  message: OutgoingMessage;
  /** Posted, its answer not back: the server may hold it. */
  posted: boolean;
}

/**
 * Keeps `messages` as this tab's; `keepStored`: during the takeover at load, the ones already moved
 * to this tab's entry and not in `messages` yet stay there (before them).
 */
export function rememberUnsentMessages(tabId: string, conversationId: string, messages: readonly UnsentMessage[], keepStored = false): void {
  const stored = messages.map(toStored);
  const keys = new Set(stored.map((message) => message.idempotency_key));
  const kept = keepStored ? readStoredList(keyOf(tabId), conversationId).filter((message) => !keys.has(message.idempotency_key)) : [];
  writeConversationScopedList(keyOf(tabId), conversationId, [...kept, ...stored]);
}

/**
 * At load: the messages the gone pages kept for `conversationId` (this tab's previous page first
 * waited for), oldest first, now this page's; live tabs' are left to them. Kept for another
 * conversation, they are forgotten with their page.
 */
export async function takeOverUnsentMessages(claims: TabClaims, conversationId: string, userId: string): Promise<UnsentMessage[]> {
  const ownKey = keyOf(claims.tabId);
  const taken: StoredUnsentMessage[] = [];
  const keys = storedKeysStartingWith(UNSENT_MESSAGES_STORAGE_KEY).filter((key) => key !== ownKey && ownerOf(key) !== undefined);
  await Promise.all(
    keys.map((key) =>
      claims.whenGone(ownerOf(key)!, () => {
        const theirs = readStoredList(key, conversationId);
        const own = readStoredList(ownKey, conversationId);
        const known = new Set(own.map((message) => message.idempotency_key));
        const moved = theirs.filter((message) => !known.has(message.idempotency_key));
        taken.push(...moved);
        // Moved in one step, while the gone page's lock is held: never in two entries, never in none.
        writeConversationScopedList(ownKey, conversationId, [...own, ...moved]);
        removeStored(key);
      }),
    ),
  );
  return taken
    .sort((a, b) => (a.sent_at < b.sent_at ? -1 : a.sent_at > b.sent_at ? 1 : 0))
    .map((message) => ({
      message: { userId, conversationId, text: message.text, idempotencyKey: message.idempotency_key, sentAt: message.sent_at },
      posted: message.posted === true,
    }));
}

function keyOf(tabId: string): string {
  return `${UNSENT_MESSAGES_STORAGE_KEY}.${tabId}`;
}

/** The tab a key belongs to ('' for an older widget's bare key), undefined for a key not of this list. */
function ownerOf(key: string): string | undefined {
  if (key === UNSENT_MESSAGES_STORAGE_KEY) return '';
  return key.startsWith(`${UNSENT_MESSAGES_STORAGE_KEY}.`) ? key.slice(UNSENT_MESSAGES_STORAGE_KEY.length + 1) : undefined;
}

function toStored({ message, posted }: UnsentMessage): StoredUnsentMessage {
  return { text: message.text, idempotency_key: message.idempotencyKey, sent_at: message.sentAt, ...(posted ? { posted } : {}) };
}

function readStoredList(key: string, conversationId: string): StoredUnsentMessage[] {
  return readConversationScopedList<StoredUnsentMessage>(key, conversationId, (message) =>
    [message?.text, message?.idempotency_key, message?.sent_at].every((field) => typeof field === 'string' && field !== ''),
  );
}
