import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { SupabaseClient } from '@supabase/supabase-js';
import { dataOf } from '../database/supabase-client.ts';
import { authorFieldsOf } from '../store/message-author.ts';
import { handoverWebhookEventTypeSchema } from './handover-queue.ts';
import { conversationStateSchema, stateChangeReasonSchema, type ConversationState, type StateChangeReason } from './conversation-state.ts';
import type {
  ConversationHandoverRow,
  HandoverStore,
  HeldVisitorMessage,
  HoldOutcome,
  OperatorMessageOutcome,
  PendingHandoverWebhookEvent,
  StoredHandoverMessage,
  SystemNoticeRequest,
  TransitionOutcome,
  TransitionRequest,
} from './handover-store.ts';

/**
 * The HandoverStore over migration 0009's SQL functions. The functions hold the logic (atomic
 * under the conversation's row lock); this class only names arguments and maps rows, so the `pg`
 * pool and Supabase REST (`rpc`) share it through a `SqlFunctionCaller`.
 */

/**
 * A reply's Idempotency-Key as stored (`messages.job_id` = 'operator-reply:<this>', unique across
 * conversations while the function looks it up in its own conversation): the key hashed with the
 * conversation id, so the same key in another conversation stores that reply (it was a 500: the
 * unique index refused it), and no id or key of any length or character makes two pairs collide.
 */
export function conversationScopedReplyKey(conversationId: string, clientKey: string): string {
  return createHash('sha256').update(JSON.stringify([conversationId, clientKey])).digest('hex');
}

/** Calls a set-returning SQL function with named arguments; answers its rows. */
export type SqlFunctionCaller = (name: string, args: Record<string, unknown>) => Promise<Array<Record<string, unknown>>>;

export function pgFunctionCaller(pool: pg.Pool): SqlFunctionCaller {
  return async (name, args) => {
    const names = Object.keys(args);
    const placeholders = names.map((argument, index) => `${argument} => $${index + 1}`).join(', ');
    const result = await pool.query(`SELECT * FROM ${name}(${placeholders})`, names.map((argument) => args[argument]));
    return result.rows as Array<Record<string, unknown>>;
  };
}

export function supabaseFunctionCaller(client: SupabaseClient): SqlFunctionCaller {
  return async (name, args) => dataOf<Array<Record<string, unknown>>>(`rpc ${name}`, await client.rpc(name, args));
}

const isoOrNull = (value: unknown): string | null =>
  value === null || value === undefined ? null : new Date(value as string | Date).toISOString();
const stateOf = (value: unknown): ConversationState => conversationStateSchema.parse(value);
/** A reason this version does not know (written by a newer one) reads as none rather than failing the list. */
const reasonOf = (value: unknown): StateChangeReason | null => stateChangeReasonSchema.safeParse(value).data ?? null;
const textOrNull = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));

/** The last message's role and author, as a stored message's (0025; a database without it reads the agents for every assistant message). */
function lastMessageWriterOf(row: Record<string, unknown>): Pick<NonNullable<ConversationHandoverRow['lastMessage']>, 'role' | 'author'> {
  const role = row.last_message_role === 'user' ? 'user' : 'assistant';
  return { role, author: authorFieldsOf({ role, author: row.last_message_author }).author };
}

function handoverRowOf(row: Record<string, unknown>): ConversationHandoverRow {
  return {
    conversationId: String(row.conversation_id),
    userId: textOrNull(row.user_id),
    state: stateOf(row.state),
    version: Number(row.version),
    operatorName: textOrNull(row.operator_name),
    changedAt: isoOrNull(row.changed_at),
    changeReason: reasonOf(row.state_reason),
    waitingSince: isoOrNull(row.waiting_since),
    lastMessageAt: isoOrNull(row.last_message_at),
    createdAt: isoOrNull(row.created_at),
    escalation:
      row.escalation_id === null || row.escalation_id === undefined
        ? null
        : { id: String(row.escalation_id), category: String(row.escalation_category), status: String(row.escalation_status) },
    lastMessage:
      row.last_message === null || row.last_message === undefined
        ? null
        : { content: String(row.last_message), ...lastMessageWriterOf(row) },
    lastVisitorMessage: textOrNull(row.last_visitor_message),
  };
}

export class SqlFunctionHandoverStore implements HandoverStore {
  constructor(private readonly call: SqlFunctionCaller) {}

  async transition(request: TransitionRequest): Promise<TransitionOutcome | null> {
    const [row] = await this.call('handover_transition', {
      p_conversation_id: request.conversationId,
      p_from: [...request.from],
      p_to: request.to,
      p_operator_name: request.operatorName ?? null,
      p_user_id: request.createForUserId ?? null,
      p_reason: request.reason ?? null,
    });
    if (!row) return null;
    return {
      conversationId: String(row.conversation_id),
      state: stateOf(row.state),
      version: Number(row.version),
      operatorName: textOrNull(row.operator_name),
      changedAt: isoOrNull(row.changed_at),
      waitingSince: isoOrNull(row.waiting_since),
      previousState: stateOf(row.previous_state),
      transitioned: row.transitioned === true,
    };
  }

  async addOperatorMessage(input: { conversationId: string; operatorName?: string; fallbackName?: string; text: string; clientKey?: string }): Promise<OperatorMessageOutcome | null> {
    const [row] = await this.call('handover_operator_message', {
      p_conversation_id: input.conversationId,
      p_operator_name: input.operatorName ?? null,
      p_content: input.text,
      p_fallback_name: input.fallbackName ?? null,
      p_client_key: input.clientKey === undefined ? null : conversationScopedReplyKey(input.conversationId, input.clientKey),
    });
    if (!row) return null;
    if (!row.message_id) {
      // Refused: the state says why, or the operator who holds the conversation (0015).
      return { state: stateOf(row.state), message: null, ...(row.operator_name ? { heldBy: String(row.operator_name) } : {}) };
    }
    return {
      state: stateOf(row.state),
      message: {
        id: String(row.message_id),
        createdAt: isoOrNull(row.created_at)!,
        operatorName: String(row.operator_name),
        content: String(row.content ?? input.text),
        created: row.created !== false,
      },
    };
  }

  async holdVisitorMessage(message: HeldVisitorMessage): Promise<HoldOutcome> {
    const [row] = await this.call('handover_hold_visitor_message', {
      p_conversation_id: message.conversationId,
      p_user_id: message.userId,
      p_job_id: message.jobId,
      p_content: message.text,
      p_sent_at: message.sentAt,
    });
    if (!row) throw new Error('handover_hold_visitor_message returned no row');
    const state = stateOf(row.state);
    const version = Number(row.version);
    if (row.held === true) {
      return {
        held: true,
        state,
        version,
        message: { id: String(row.message_id), createdAt: isoOrNull(row.created_at)! },
        created: row.created === true,
      };
    }
    return { held: false, state, version, reopened: row.reopened === true };
  }

  async addSystemNotice(request: SystemNoticeRequest): Promise<StoredHandoverMessage | null> {
    const [row] = await this.call('handover_system_notice', {
      p_conversation_id: request.conversationId,
      p_state: request.state,
      p_version: request.version,
      p_key: request.key,
      p_content: request.text,
    });
    return row ? { id: String(row.message_id), createdAt: isoOrNull(row.created_at)! } : null;
  }

  async list(options: { states?: readonly ConversationState[]; limit?: number }): Promise<ConversationHandoverRow[]> {
    const rows = await this.call('handover_conversations', {
      p_states: options.states ? [...options.states] : null,
      p_limit: options.limit ?? 100,
    });
    return rows.map(handoverRowOf);
  }

  async get(conversationId: string): Promise<ConversationHandoverRow | null> {
    const [row] = await this.call('handover_conversations', { p_states: null, p_limit: 1, p_conversation_id: conversationId });
    return row ? handoverRowOf(row) : null;
  }

  async pendingWebhookEvents(options: { settledSeconds: number; keepSeconds: number; limit: number }): Promise<PendingHandoverWebhookEvent[]> {
    const rows = await this.call('handover_webhook_outbox_pending', {
      p_settled_seconds: options.settledSeconds,
      p_keep_seconds: options.keepSeconds,
      p_limit: options.limit,
    });
    return rows.map((row) => ({
      eventKey: String(row.event_key),
      type: handoverWebhookEventTypeSchema.parse(row.event_type),
      occurredAt: isoOrNull(row.occurred_at)!,
      conversation: {
        conversationId: String(row.conversation_id),
        state: stateOf(row.state),
        version: Number(row.version),
        operatorName: textOrNull(row.operator_name),
        waitingSince: isoOrNull(row.waiting_since),
      },
      message:
        row.message_id === null || row.message_id === undefined
          ? null
          : { id: String(row.message_id), content: String(row.message_content), created_at: isoOrNull(row.message_created_at)!, job_id: textOrNull(row.message_job_id) },
    }));
  }

  async markWebhookEventsQueued(eventKeys: readonly string[]): Promise<number> {
    if (eventKeys.length === 0) return 0;
    const [row] = await this.call('handover_webhook_outbox_mark_queued', { p_event_keys: [...eventKeys] });
    return Number(row?.marked ?? 0);
  }

  async pruneWebhookEvents(keepSeconds: number): Promise<number> {
    const [row] = await this.call('handover_webhook_outbox_prune', { p_keep_seconds: keepSeconds });
    return Number(row?.pruned ?? 0);
  }
}
