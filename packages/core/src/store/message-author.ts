import type { MessageAuthor } from '../contract/chat-schemas.ts';

/**
 * Who wrote a stored message, from its row (migration 0009): the visitor (role user), a person of
 * the team (author 'human', with the operator's display name), a hand-over notice (author
 * 'system'), else the agents.
 */
export function authorFieldsOf(row: {
  role: 'user' | 'assistant';
  author?: unknown;
  operator_name?: string | null;
}): { author: MessageAuthor; operator_name?: string | null } {
  if (row.role === 'user') return { author: 'visitor' };
  if (row.author === 'human') return { author: 'human', operator_name: row.operator_name ?? null };
  if (row.author === 'system') return { author: 'system' };
  return { author: 'agent' };
}
