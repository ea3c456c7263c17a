/**
 * The ids a job's stored JSON (its data, result or progress) names, read by field, never by
 * substring: a conversation id, a user id and an escalation id are all free text chosen by clients,
 * so a conversation named like someone's user id must not make erasing it touch that user's jobs.
 *
 * Fields read, at any depth: `conversation_id` / `conversationId` and `conversation.id`
 * (conversations), `user_id` / `userId` (users), `escalation_id` / `escalationId` (escalation cases).
 */

export interface NamedIdentifiers {
  conversationIds: Set<string>;
  userIds: Set<string>;
  escalationIds: Set<string>;
}

const CONVERSATION_FIELDS = new Set(['conversation_id', 'conversationId']);
const USER_FIELDS = new Set(['user_id', 'userId']);
const ESCALATION_FIELDS = new Set(['escalation_id', 'escalationId']);
/** Deeper than any job payload we write: a hostile or corrupt value stops there. */
const MAX_DEPTH = 8;

export function identifiersNamedIn(jsonTexts: ReadonlyArray<string | null | undefined>): NamedIdentifiers {
  const named: NamedIdentifiers = { conversationIds: new Set(), userIds: new Set(), escalationIds: new Set() };
  for (const text of jsonTexts) {
    if (typeof text !== 'string' || text === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      continue; // plain text (a failure reason): it names nothing by field
    }
    collect(value, named, 0);
  }
  return named;
}

function collect(value: unknown, named: NamedIdentifiers, depth: number): void {
  if (depth > MAX_DEPTH || value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const item of value) collect(item, named, depth + 1);
    return;
  }
  for (const [key, field] of Object.entries(value as Record<string, unknown>)) {
    if (typeof field === 'string') {
      if (CONVERSATION_FIELDS.has(key)) named.conversationIds.add(field);
      else if (USER_FIELDS.has(key)) named.userIds.add(field);
      else if (ESCALATION_FIELDS.has(key)) named.escalationIds.add(field);
    } else if (key === 'conversation' && field !== null && typeof field === 'object' && typeof (field as { id?: unknown }).id === 'string') {
      named.conversationIds.add((field as { id: string }).id);
      collect(field, named, depth + 1);
    } else {
      collect(field, named, depth + 1);
    }
  }
}

/** True when `named` shares an id of the same kind with the erased ones. */
export function namesAnyOf(named: NamedIdentifiers, erased: { conversationIds: ReadonlySet<string>; userIds: ReadonlySet<string>; escalationIds: ReadonlySet<string> }): boolean {
  for (const id of named.conversationIds) if (erased.conversationIds.has(id)) return true;
  for (const id of named.userIds) if (erased.userIds.has(id)) return true;
  for (const id of named.escalationIds) if (erased.escalationIds.has(id)) return true;
  return false;
}
