import { readStored, removeStored, writeStored } from './visitor-identity.ts';

/**
 * A list kept in one localStorage entry for one conversation (`{"conversation_id", "messages": [...]}`):
 * read back only for that conversation, only its well-formed items (the entry is the visitor's own
 * device's, but may be left by an older widget or edited); written empty, the entry goes.
 */
export function readConversationScopedList<Item>(key: string, conversationId: string, isItem: (item: Partial<Item> | undefined) => boolean): Item[] {
  const stored = readStored(key);
  if (stored === undefined) return [];
  try {
    const parsed = JSON.parse(stored) as { conversation_id?: unknown; messages?: unknown };
    if (parsed.conversation_id !== conversationId || !Array.isArray(parsed.messages)) return [];
    return (parsed.messages as Array<Partial<Item> | undefined>).filter(isItem) as Item[];
  } catch {
    return [];
  }
}

/** Keeps `items` (at most the last `max`) for `conversationId`; none: the entry is removed. */
export function writeConversationScopedList<Item>(key: string, conversationId: string, items: readonly Item[], max = Number.POSITIVE_INFINITY): void {
  if (items.length === 0) removeStored(key);
  else writeStored(key, JSON.stringify({ conversation_id: conversationId, messages: items.slice(-max) }));
}
