import type { MessageAuthor } from '../contract/chat-schemas.ts';
import type { ConversationState, StateChangeReason } from './conversation-state.ts';
import type { HandoverWebhookEventType } from './handover-queue.ts';

/**
 * The hand-over writes and reads (migration 0009's SQL functions), one interface for the `pg` and
 * the Supabase REST stores. Every write is one function call: atomic, ordered by the
 * conversation's row lock.
 */

export interface ConversationHandoverRow {
  conversationId: string;
  userId: string | null;
  state: ConversationState;
  /** Counts state changes (a delayed notice acts only on the version it saw). */
  version: number;
  operatorName: string | null;
  changedAt: string | null;
  /** Why the state last changed (migration 0022); null when that change is older than the migration. */
  changeReason: StateChangeReason | null;
  /** Since when the conversation waits for a person (waiting_human; kept while human). */
  waitingSince: string | null;
  lastMessageAt: string | null;
  createdAt: string | null;
  escalation: { id: string; category: string; status: string } | null;
  /** `author` (migration 0025): who wrote it, as a stored message's (`system`: a notice of the hand-over). */
  lastMessage: { content: string; role: 'user' | 'assistant'; author: MessageAuthor } | null;
  /** What the visitor last wrote (migration 0024): a waiting case's last message is the automatic reply. Null when none. */
  lastVisitorMessage: string | null;
}

export interface TransitionRequest {
  conversationId: string;
  from: readonly ConversationState[];
  to: ConversationState;
  /** Stored with the state; without it, the reason `to` implies (a return to `ai` reads as a hand-back). */
  reason?: StateChangeReason;
  operatorName?: string;
  /** Creates the conversation (and its user) when missing: an escalation of a first message. */
  createForUserId?: string;
}

export interface TransitionOutcome {
  conversationId: string;
  state: ConversationState;
  version: number;
  operatorName: string | null;
  changedAt: string | null;
  waitingSince: string | null;
  previousState: ConversationState;
  /** False: the state was not one of `from`; nothing changed (`state` is the current one). */
  transitioned: boolean;
}

export interface StoredHandoverMessage {
  id: string;
  createdAt: string;
}

export interface OperatorMessageOutcome {
  state: ConversationState;
  /**
   * null: refused (the conversation is not held by a person, or by another one: `heldBy`). With a
   * client key already used, the reply stored then (`created` false, its own content).
   */
  message: (StoredHandoverMessage & { operatorName: string; content: string; created: boolean }) | null;
  /** Refused because another operator holds the conversation: their name. */
  heldBy?: string;
}

export interface HeldVisitorMessage {
  conversationId: string;
  userId: string;
  jobId: string;
  text: string;
  sentAt: string;
}

export type HoldOutcome =
  /** A person holds the conversation: the message is stored (`created` false on a re-run), no answer. */
  | { held: true; state: ConversationState; version: number; message: StoredHandoverMessage; created: boolean }
  /** The agents answer; `reopened`: the conversation was closed and is `ai` again. */
  | { held: false; state: ConversationState; version: number; reopened: boolean };

export interface SystemNoticeRequest {
  conversationId: string;
  /** Stored only while the conversation is still in this state at this version. */
  state: ConversationState;
  version: number;
  /** Stored once per key (messages.job_id of the notice row). */
  key: string;
  text: string;
}

/**
 * A webhook event stored with the change it tells (migration 0023's outbox), not yet known queued.
 * `eventKey` is the key the event id derives from; `message`: the held visitor message, when one.
 */
export interface PendingHandoverWebhookEvent {
  eventKey: string;
  type: HandoverWebhookEventType;
  occurredAt: string;
  conversation: { conversationId: string; state: ConversationState; version: number; operatorName: string | null; waitingSince: string | null };
  message: { id: string; content: string; created_at: string; job_id: string | null } | null;
}

export interface HandoverStore {
  /** null: no such conversation (and no createForUserId). */
  transition(request: TransitionRequest): Promise<TransitionOutcome | null>;
  /**
   * Signed `operatorName`, else the name of the person who joined, else `fallbackName`.
   * null: no such conversation.
   */
  /** `clientKey`: the reply's Idempotency-Key; the same key gives back the reply stored the first time. */
  addOperatorMessage(input: { conversationId: string; operatorName?: string; fallbackName?: string; text: string; clientKey?: string }): Promise<OperatorMessageOutcome | null>;
  holdVisitorMessage(message: HeldVisitorMessage): Promise<HoldOutcome>;
  /** The notice when stored now; null when the state moved on or it was stored before. */
  addSystemNotice(request: SystemNoticeRequest): Promise<StoredHandoverMessage | null>;
  list(options: { states?: readonly ConversationState[]; limit?: number }): Promise<ConversationHandoverRow[]>;
  get(conversationId: string): Promise<ConversationHandoverRow | null>;
  /** The outbox's events not known queued, stored `settledSeconds` to `keepSeconds` ago, oldest first. */
  pendingWebhookEvents(options: { settledSeconds: number; keepSeconds: number; limit: number }): Promise<PendingHandoverWebhookEvent[]>;
  /** The events now in the queue (by event key); answers how many were still unmarked. */
  markWebhookEventsQueued(eventKeys: readonly string[]): Promise<number>;
  /** Forgets the outbox's events stored more than `keepSeconds` ago, queued or not; answers how many. */
  pruneWebhookEvents(keepSeconds: number): Promise<number>;
}
