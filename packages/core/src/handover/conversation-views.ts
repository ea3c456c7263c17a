import { z } from 'zod';
import { messageAuthorSchema, storedMessageSchema } from '../contract/chat-schemas.ts';
import { operatorViewSchema } from './conversation-event.ts';
import { conversationStateSchema, stateChangeReasonSchema } from './conversation-state.ts';
import type { ConversationHandoverRow } from './handover-store.ts';

/** HTTP shapes of the hand-over (visitor and operator routes), shared by the API and its tests. */

/** GET /api/v2/conversations/:id */
export const conversationViewSchema = z.object({
  conversation_id: z.string(),
  state: conversationStateSchema,
  operator: operatorViewSchema.nullable(),
  waiting_since: z.string().nullable(),
  state_changed_at: z.string().nullable(),
  version: z.number().int().nonnegative(),
  /** Messages of the visitor not answered yet (follow them at /api/v2/chat/jobs/:id/events). */
  pending_job_ids: z.array(z.string()),
  /** Their text, while their job holds it (the database stores a question with its answer). */
  pending_messages: z.array(z.object({ job_id: z.string(), message: z.string(), received_at: z.string().nullable() })).optional(),
  /** Id of the newest event of the conversation stream (resume from it), null when none. */
  last_event_id: z.string().nullable(),
});
export type ConversationView = z.infer<typeof conversationViewSchema>;

/** One conversation in the operators' list. */
export const operatorConversationSummarySchema = z.object({
  conversation_id: z.string(),
  user_id: z.string().nullable(),
  state: conversationStateSchema,
  operator: operatorViewSchema.nullable(),
  waiting_since: z.string().nullable(),
  /** Seconds since waiting_since (null when not waiting). */
  waiting_seconds: z.number().int().nonnegative().nullable(),
  state_changed_at: z.string().nullable(),
  /**
   * Why the state last changed (at state_changed_at), as the event stream's `reason`: a conversation
   * back with the agents was `handed_back` by an operator or `cancelled` by the visitor (they
   * withdrew their request). Null when that change predates the record (migration 0022).
   */
  state_change_reason: stateChangeReasonSchema.nullable().meta({
    description:
      'Why the state last changed, at state_changed_at (as the `reason` of the event stream): `cancelled` when the visitor withdrew their hand-over request, `handed_back` when an operator gave the conversation back to the agents. Null when that change predates the record.',
  }),
  last_message_at: z.string().nullable(),
  version: z.number().int().nonnegative(),
  escalation: z.object({ id: z.string(), category: z.string(), status: z.string() }).nullable(),
  last_message: z
    .object({
      content: z.string(),
      role: z.enum(['user', 'assistant']),
      author: messageAuthorSchema.meta({
        description: 'Who wrote it, as a stored message\'s `author`: `system` is a notice of the hand-over (the "nobody is available" one), not an answer.',
      }),
    })
    .nullable(),
  last_visitor_message: z.string().nullable().meta({
    description:
      "What the visitor last wrote (its first 280 characters), null when nothing: a waiting case's last message is the automatic hand-over reply or notice, the same for every case.",
  }),
});
export type OperatorConversationSummary = z.infer<typeof operatorConversationSummarySchema>;

export const operatorConversationListSchema = z.object({
  state: z.string(),
  count: z.number().int().nonnegative(),
  conversations: z.array(operatorConversationSummarySchema),
});

export const operatorConversationDetailSchema = operatorConversationSummarySchema.extend({
  messages: z.array(storedMessageSchema),
});

export const operatorMessageCreatedSchema = z.object({ conversation_id: z.string(), message: storedMessageSchema });

export function operatorSummaryOf(row: ConversationHandoverRow, now: Date): OperatorConversationSummary {
  const waitingSeconds =
    row.state === 'waiting_human' && row.waitingSince !== null
      ? Math.max(0, Math.floor((now.getTime() - Date.parse(row.waitingSince)) / 1000))
      : null;
  return {
    conversation_id: row.conversationId,
    user_id: row.userId,
    state: row.state,
    operator: row.state === 'human' && row.operatorName ? { name: row.operatorName } : null,
    waiting_since: row.waitingSince,
    waiting_seconds: waitingSeconds,
    state_changed_at: row.changedAt,
    state_change_reason: row.changeReason,
    last_message_at: row.lastMessageAt,
    version: row.version,
    escalation: row.escalation,
    last_message:
      row.lastMessage === null ? null : { content: row.lastMessage.content.slice(0, 280), role: row.lastMessage.role, author: row.lastMessage.author },
    last_visitor_message: row.lastVisitorMessage === null ? null : row.lastVisitorMessage.slice(0, 280),
  };
}
