/**
 * The visitor's ids, in the same localStorage keys as the agency's previous widget
 * (`lac_user_id`, `lac_conversation_id`, a UUID v4), so the new widget takes over
 * visitors' conversations in place. Works when storage is unavailable (private
 * mode, sandboxed frames): the ids then live for the page only.
 */
export const USER_ID_STORAGE_KEY = 'lac_user_id';
export const CONVERSATION_ID_STORAGE_KEY = 'lac_conversation_id';
/** Beside the conversation id: `{"conversation_id", "token"}`, the token only counts for that conversation. */
export const CONVERSATION_TOKEN_STORAGE_KEY = 'lac_conversation_token';

/**
 * The id of a conversation this widget started and has not posted into yet: the server knows nothing
 * of it, so there is no history to ask for (asking without a token would only get a 401).
 */
export const UNSENT_CONVERSATION_STORAGE_KEY = 'lac_conversation_unsent';

/** The visitor's messages not answered yet (see pending-messages.ts): shown again after a reload. */
export const PENDING_MESSAGES_STORAGE_KEY = 'lac_pending_messages';
/**
 * The first post of a conversation (the one its token comes back with) until that answer came back:
 * sent again, with its Idempotency-Key, by a widget loaded without the token (see token-claiming-post.ts).
 */
export const TOKEN_CLAIMING_POST_STORAGE_KEY = 'lac_token_claiming_post';
/**
 * The visitor's messages not accepted yet, one entry a tab (`lac_unsent_messages.<tab id>`, see
 * unsent-messages.ts): sent after a reload. The bare key is an older widget's (no tab).
 */
export const UNSENT_MESSAGES_STORAGE_KEY = 'lac_unsent_messages';
/** The conversations this browser had before the current one, with their tokens: erased with it ("Effacer mes conversations"). */
export const PREVIOUS_CONVERSATIONS_STORAGE_KEY = 'lac_previous_conversations';
/** How many earlier conversations are remembered (the oldest are forgotten first). */
const MAX_PREVIOUS_CONVERSATIONS = 20;

const memoryFallback = new Map<string, string>();

export function readStored(key: string): string | undefined {
  try {
    if (globalThis.localStorage) return globalThis.localStorage.getItem(key) ?? undefined;
  } catch {
    // storage blocked: fall back to memory
  }
  return memoryFallback.get(key);
}

export function removeStored(key: string): void {
  memoryFallback.delete(key);
  try {
    globalThis.localStorage?.removeItem(key);
  } catch {
    // storage blocked: memory only
  }
}

export function writeStored(key: string, value: string): void {
  memoryFallback.set(key, value);
  try {
    globalThis.localStorage?.setItem(key, value);
  } catch {
    // storage blocked: memory only
  }
}

/** The stored keys that start with `prefix` (localStorage, or the page's memory when it is blocked). */
export function storedKeysStartingWith(prefix: string): string[] {
  const keys = new Set(Array.from(memoryFallback.keys()));
  try {
    const storage = globalThis.localStorage;
    for (let index = 0; storage && index < storage.length; index += 1) {
      const key = storage.key(index);
      if (key !== null) keys.add(key);
    }
  } catch {
    // storage blocked: memory only
  }
  return Array.from(keys).filter((key) => key.startsWith(prefix));
}

/** RFC 4122 version 4, from crypto.randomUUID or crypto.getRandomValues (non-secure pages). */
export function createUuidV4(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Ids accepted by the API: 1–128 characters. Anything else stored under our keys is replaced. */
function isUsableId(value: string | undefined): value is string {
  return value !== undefined && value.length >= 1 && value.length <= 128;
}

export function readOrCreateUserId(): string {
  const stored = readStored(USER_ID_STORAGE_KEY);
  if (isUsableId(stored)) return stored;
  const created = createUuidV4();
  writeStored(USER_ID_STORAGE_KEY, created);
  return created;
}

export function readConversationId(): string | undefined {
  const stored = readStored(CONVERSATION_ID_STORAGE_KEY);
  return isUsableId(stored) ? stored : undefined;
}

export function readOrCreateConversationId(): string {
  return readConversationId() ?? startNewConversation();
}

/**
 * "Nouvelle conversation": a fresh UUID v4 replaces the stored conversation id (and its token). The
 * one it replaces is remembered with its token, to be erased with the next erasure, unless it was
 * itself just erased (`rememberCurrent: false`).
 */
export function startNewConversation(options: { rememberCurrent?: boolean } = {}): string {
  const current = readConversationId();
  const currentToken = current === undefined ? undefined : readConversationToken(current);
  if (options.rememberCurrent !== false && current !== undefined && currentToken !== undefined) {
    const previous = readPreviousConversations().filter((entry) => entry.conversationId !== current);
    writePreviousConversations([...previous, { conversationId: current, token: currentToken }].slice(-MAX_PREVIOUS_CONVERSATIONS));
  }
  const created = createUuidV4();
  removeStored(CONVERSATION_TOKEN_STORAGE_KEY);
  removeStored(PENDING_MESSAGES_STORAGE_KEY);
  removeStored(TOKEN_CLAIMING_POST_STORAGE_KEY);
  for (const key of storedKeysStartingWith(UNSENT_MESSAGES_STORAGE_KEY)) removeStored(key);
  writeStored(CONVERSATION_ID_STORAGE_KEY, created);
  writeStored(UNSENT_CONVERSATION_STORAGE_KEY, created);
  return created;
}

/** True while this widget's own new conversation has never been posted into (nothing on the server). */
export function isUnsentConversation(conversationId: string): boolean {
  return readStored(UNSENT_CONVERSATION_STORAGE_KEY) === conversationId;
}

/** The first post of the conversation is on its way: from now on the server may know it. */
export function markConversationSent(conversationId: string): void {
  if (isUnsentConversation(conversationId)) removeStored(UNSENT_CONVERSATION_STORAGE_KEY);
}

/** The stored token of this conversation, if any. */
export function readConversationToken(conversationId: string): string | undefined {
  const stored = readStored(CONVERSATION_TOKEN_STORAGE_KEY);
  if (stored === undefined) return undefined;
  try {
    const parsed = JSON.parse(stored) as { conversation_id?: unknown; token?: unknown };
    return parsed.conversation_id === conversationId && typeof parsed.token === 'string' ? parsed.token : undefined;
  } catch {
    return undefined;
  }
}

export function storeConversationToken(conversationId: string, token: string): void {
  writeStored(CONVERSATION_TOKEN_STORAGE_KEY, JSON.stringify({ conversation_id: conversationId, token }));
}

/** The conversations this browser had before the current one, with their tokens (oldest first). */
export function readPreviousConversations(): Array<{ conversationId: string; token: string }> {
  try {
    const parsed = JSON.parse(readStored(PREVIOUS_CONVERSATIONS_STORAGE_KEY) ?? '[]') as unknown;
    if (!Array.isArray(parsed)) return [];
    return parsed.filter(
      (entry): entry is { conversationId: string; token: string } =>
        typeof entry === 'object' && entry !== null && isUsableId((entry as { conversationId?: string }).conversationId) && typeof (entry as { token?: unknown }).token === 'string',
    );
  } catch {
    return [];
  }
}

/** An earlier conversation is gone (erased) or can no longer be erased from here: forgotten. */
export function forgetPreviousConversation(conversationId: string): void {
  writePreviousConversations(readPreviousConversations().filter((entry) => entry.conversationId !== conversationId));
}

function writePreviousConversations(entries: ReadonlyArray<{ conversationId: string; token: string }>): void {
  if (entries.length === 0) removeStored(PREVIOUS_CONVERSATIONS_STORAGE_KEY);
  else writeStored(PREVIOUS_CONVERSATIONS_STORAGE_KEY, JSON.stringify(entries));
}
