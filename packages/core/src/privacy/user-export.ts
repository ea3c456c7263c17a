import { escalationViewOf } from '../escalation/escalation-record.ts';
import { escalationFromRow, type EscalationRow } from '../escalation/escalation-row.ts';
import type { UserExport } from './privacy-store.ts';

/** Rows as a store reads them (`pg` gives Date, PostgREST ISO strings), assembled into the export document. */

type Timestamp = Date | string;

export interface ExportUserRow {
  id: string;
  email: string | null;
  name: string | null;
  created_at: Timestamp | null;
}

export interface ExportConversationRow {
  id: string;
  user_id: string | null;
  status: string | null;
  created_at: Timestamp | null;
  last_message_at: Timestamp | null;
}

export interface ExportMessageRow {
  id: string;
  conversation_id: string;
  role: 'user' | 'assistant';
  content: string;
  agent: string | null;
  agent_type?: string | null;
  job_id: string | null;
  created_at: Timestamp;
}

const isoOrNull = (value: Timestamp | null): string | null => (value === null ? null : new Date(value).toISOString());

function agentOf(row: ExportMessageRow): string | null {
  if (row.agent) return row.agent;
  if (row.role !== 'assistant') return null;
  return row.agent_type === 'automation' ? 'audrey' : row.agent_type === 'creation' ? 'carole' : null;
}

export function assembleUserExport(input: {
  userId: string;
  conversationIds: readonly string[];
  user: ExportUserRow | undefined;
  conversations: readonly ExportConversationRow[];
  messages: readonly ExportMessageRow[];
  escalations: readonly EscalationRow[];
}): UserExport {
  const messagesByConversation = new Map<string, ExportMessageRow[]>();
  const at = (row: ExportMessageRow) => new Date(row.created_at).getTime();
  const byTime = [...input.messages].sort((a, b) => at(a) - at(b) || (a.role === b.role ? 0 : a.role === 'user' ? -1 : 1));
  for (const message of byTime) {
    const list = messagesByConversation.get(message.conversation_id) ?? [];
    list.push(message);
    messagesByConversation.set(message.conversation_id, list);
  }
  // Conversations named only by an escalation case or a message (no stored row) are still listed.
  const storedIds = new Set(input.conversations.map((row) => row.id));
  const conversations: ExportConversationRow[] = [
    ...input.conversations,
    ...input.conversationIds
      .filter((id) => !storedIds.has(id))
      .map((id) => ({ id, user_id: null, status: null, created_at: null, last_message_at: null })),
  ];
  const { user } = input;
  return {
    user_id: input.userId,
    exported_at: new Date().toISOString(),
    user: user === undefined ? null : { id: user.id, email: user.email, name: user.name, created_at: isoOrNull(user.created_at) },
    conversations: conversations.map((conversation) => ({
      id: conversation.id,
      user_id: conversation.user_id,
      status: conversation.status,
      created_at: isoOrNull(conversation.created_at),
      last_message_at: isoOrNull(conversation.last_message_at),
      messages: (messagesByConversation.get(conversation.id) ?? []).map((message) => ({
        id: String(message.id),
        role: message.role,
        content: message.content,
        agent: agentOf(message),
        job_id: message.job_id,
        created_at: new Date(message.created_at).toISOString(),
      })),
    })),
    escalations: input.escalations.map((row) => escalationViewOf(escalationFromRow(row))),
  };
}
