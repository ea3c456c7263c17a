import type { StoredMessage } from '../contract/chat-schemas.ts';
import type { Logger } from '../logging/logger.ts';
import type { ConversationEvent } from './conversation-event.ts';
import { conversationTransitions, reasonOfTransition, type ConversationState, type OperatorAction, type StateChangeReason } from './conversation-state.ts';
import { ConversationHeldByAnotherOperatorError, ConversationNotFoundError, ConversationStateConflictError } from './handover-errors.ts';
import type { HandoverCancelResult } from './handover-cancel.ts';
import { queueWaitingNotice, type HandoverQueue, type HandoverWebhookEventType } from './handover-queue.ts';
import type { ConversationHandoverRow, HandoverStore, HeldVisitorMessage, HoldOutcome, PendingHandoverWebhookEvent, TransitionOutcome } from './handover-store.ts';
import { handoverNotifyJobData } from './handover-webhook-outbox.ts';
import { EVENT_RETRY_DELAYS_MS, OrderedEventRetry } from './ordered-event-retry.ts';

/**
 * The hand-over as the rest of the product uses it: every state change and human message goes to
 * the store (the truth, atomic), then to the conversation's event stream (live: visitor widget,
 * operators' inbox), then, for the events the team wants to hear about, to the signed webhook
 * (`handover` queue; the store writes the webhook event with the change, and the worker's outbox
 * sweep queues one the desk could not). Event and webhook publication never undo a stored write:
 * an event Redis refuses is tried again in the background, in order (ordered-event-retry.ts), and
 * readers still find the write in the database.
 */

export interface ConversationEventSink {
  publish(event: ConversationEvent): Promise<string>;
}

export interface HandoverDeskOptions {
  store: HandoverStore;
  events: ConversationEventSink;
  /** The `handover` queue; null: no webhook events and no waiting notice (tests, tools). */
  queue: HandoverQueue | null;
  /** Webhook events are queued only when a URL is configured. */
  webhookConfigured: boolean;
  /** Delay of the "nobody joined yet" notice after an escalation. */
  operatorWaitSeconds: number;
  logger: Logger;
  now?: () => Date;
  /** Pauses between the background attempts of a refused event (default EVENT_RETRY_DELAYS_MS; [] for none). */
  eventRetryDelaysMs?: readonly number[];
}

/**
 * Why the desk refused an operator's join / hand-back / close, as data (the route turns it into its
 * 409, the tests read it): another operator already holds the conversation (two operators clicked
 * "Rejoindre" at once and this one lost, or it was taken earlier), or the state does not allow it.
 */
export type OperatorActionRefusal =
  /** A join of a conversation someone else holds; `operatorName`: who joined, as the join recorded it. */
  | { reason: 'taken_by_another_operator'; conversationId: string; operatorName: string | null }
  | { reason: 'state_does_not_allow'; conversationId: string; action: OperatorAction; state: ConversationState; allowedFrom: readonly ConversationState[] };

export type OperatorActionResult = { done: true; outcome: TransitionOutcome } | { done: false; refusal: OperatorActionRefusal };

/** French refusals of operator actions, by action. */
const conflictMessages: Record<OperatorAction | 'reply', string> = {
  join: "Impossible de rejoindre cette conversation : elle n'attend pas de personne.",
  handback: "Impossible de rendre la main : aucune personne ne tient cette conversation.",
  close: 'Cette conversation est déjà fermée.',
  reply: "Impossible de répondre : rejoins d'abord cette conversation (elle n'est pas tenue par une personne).",
};

/**
 * What an operator reads when the state refuses the action. A hand-back of a conversation the agents
 * already answer (a retry whose first answer was lost reads as one) or that is closed says so.
 */
function conflictMessageOf(action: OperatorAction, state: ConversationState): string {
  if (action === 'handback' && state === 'ai') return 'Les assistantes ont déjà la main sur cette conversation (rendue plus tôt, ou jamais confiée à une personne).';
  if (action === 'handback' && state === 'closed') return conflictMessages.close;
  return conflictMessages[action];
}

/** The error (409) an operator gets for a refusal; every reason has its own. */
export function operatorActionRefusalError(refusal: OperatorActionRefusal): ConversationHeldByAnotherOperatorError | ConversationStateConflictError {
  switch (refusal.reason) {
    case 'taken_by_another_operator':
      return new ConversationHeldByAnotherOperatorError({ conversationId: refusal.conversationId, operatorName: refusal.operatorName, action: 'join' });
    case 'state_does_not_allow':
      return new ConversationStateConflictError({
        conversationId: refusal.conversationId,
        action: refusal.action,
        state: refusal.state,
        allowedFrom: refusal.allowedFrom,
        message: conflictMessageOf(refusal.action, refusal.state),
      });
  }
}

export class HandoverDesk {
  private readonly logger: Logger;
  private readonly now: () => Date;
  private readonly events: OrderedEventRetry;

  constructor(private readonly options: HandoverDeskOptions) {
    this.logger = options.logger.child({ component: 'handover-desk' });
    this.now = options.now ?? (() => new Date());
    this.events = new OrderedEventRetry(options.events, this.logger, options.eventRetryDelaysMs ?? EVENT_RETRY_DELAYS_MS);
  }

  get store(): HandoverStore {
    return this.options.store;
  }

  /**
   * The router escalated: ai -> waiting_human (creates the conversation when new). Idempotent: a
   * conversation found already waiting (this job's re-run after its first run stored the change and
   * failed before announcing it, or a second escalating message) is announced again; the webhook
   * event and the waiting notice are keyed by the state's version, so they are not doubled.
   */
  async escalated(conversationId: string, userId: string): Promise<TransitionOutcome | null> {
    const outcome = await this.options.store.transition({ conversationId, ...conversationTransitions.escalate, createForUserId: userId });
    if (outcome !== null && (outcome.transitioned || outcome.state === 'waiting_human')) {
      await this.announceState(outcome, 'escalated');
      const noticeQueued = await this.scheduleWaitingNotice(conversationId, outcome.version);
      await this.notify('conversation.waiting_human', outcome, undefined, `${conversationId}|${outcome.version}|waiting`, noticeQueued);
    }
    return outcome;
  }

  /** join / handback / close by an operator; throws ConversationNotFoundError, or the error of its refusal (`operatorActionRefusalError`). */
  async act(action: OperatorAction, conversationId: string, operatorName: string): Promise<TransitionOutcome> {
    const result = await this.attempt(action, conversationId, operatorName);
    if (!result.done) throw operatorActionRefusalError(result.refusal);
    return result.outcome;
  }

  /** join / handback / close by an operator: done, or why not (throws ConversationNotFoundError). */
  async attempt(action: OperatorAction, conversationId: string, operatorName: string): Promise<OperatorActionResult> {
    const transition = conversationTransitions[action];
    const outcome = await this.options.store.transition({ conversationId, ...transition, operatorName });
    if (outcome === null) throw new ConversationNotFoundError(conversationId);
    if (!outcome.transitioned) {
      // Joining again as the same person is a no-op, not a conflict: announced again (the first join
      // may have been stored and its answer or its announcement lost; readers ignore a repeat).
      if (action === 'join' && outcome.state === 'human' && outcome.operatorName === operatorName) {
        await this.announceState(outcome, reasonOfTransition[action]);
        return { done: true, outcome };
      }
      // The conversation does wait for a person: another one took it (a join lost to a colleague's,
      // both under the row lock, or one made earlier). Saying "it does not wait" was false.
      if (action === 'join' && outcome.state === 'human') {
        return { done: false, refusal: { reason: 'taken_by_another_operator', conversationId, operatorName: outcome.operatorName } };
      }
      return { done: false, refusal: { reason: 'state_does_not_allow', conversationId, action, state: outcome.state, allowedFrom: transition.from } };
    }
    this.logger.info({ conversationId, action, from: outcome.previousState, to: outcome.state }, 'conversation state changed by an operator');
    await this.announceState(outcome, reasonOfTransition[action]);
    if (action === 'handback') await this.notify('conversation.handed_back', outcome, undefined, `${conversationId}|${outcome.version}|handback`);
    return { done: true, outcome };
  }

  /** The visitor withdraws a hand-over nobody joined yet (see handover-cancel.ts); throws ConversationNotFoundError. */
  async cancelByVisitor(conversationId: string): Promise<HandoverCancelResult> {
    const outcome = await this.options.store.transition({ conversationId, ...conversationTransitions.cancel });
    if (outcome === null) throw new ConversationNotFoundError(conversationId);
    if (!outcome.transitioned && outcome.state === 'human') return { done: false, refusal: { reason: 'operator_joined', conversationId, operatorName: outcome.operatorName } };
    if (!outcome.transitioned) return { done: false, refusal: { reason: 'not_waiting', conversationId, state: outcome.state } };
    this.logger.info({ conversationId, from: outcome.previousState, to: outcome.state }, 'hand-over withdrawn by the visitor');
    await this.announceState(outcome, reasonOfTransition.cancel);
    await this.notify('conversation.handover_cancelled', outcome, undefined, `${conversationId}|${outcome.version}|cancel`);
    return { done: true, outcome };
  }

  /**
   * An operator's reply (only while the conversation is `human`), signed `operatorName` when given,
   * else by the person who joined, else `fallbackName`. `clientKey` (the request's Idempotency-Key):
   * a retry whose first attempt was stored gets that reply back (`created` false), stored once.
   */
  async reply(conversationId: string, names: { operatorName?: string; fallbackName: string }, text: string, clientKey?: string): Promise<{ message: StoredMessage; created: boolean }> {
    const outcome = await this.options.store.addOperatorMessage({ conversationId, ...names, text, ...(clientKey === undefined ? {} : { clientKey }) });
    if (outcome === null) throw new ConversationNotFoundError(conversationId);
    if (outcome.message === null && outcome.heldBy !== undefined) throw new ConversationHeldByAnotherOperatorError({ conversationId, operatorName: outcome.heldBy });
    if (outcome.message === null) {
      throw new ConversationStateConflictError({ conversationId, action: 'reply', state: outcome.state, allowedFrom: ['human'], message: conflictMessages.reply });
    }
    const message: StoredMessage = {
      id: outcome.message.id,
      conversation_id: conversationId,
      role: 'assistant',
      content: outcome.message.content,
      agent: 'escalate',
      job_id: null,
      created_at: outcome.message.createdAt,
      author: 'human',
      operator_name: outcome.message.operatorName,
    };
    // A retry with the same key gets the reply stored the first time, announced again (readers know it by its id).
    await this.publish({ type: 'message', conversation_id: conversationId, message });
    return { message, created: outcome.message.created };
  }

  /**
   * A visitor's chat job, at its turn in the conversation: stored for the person when one holds the
   * conversation (no agent answer), else left to the agents (a closed conversation reopens). A re-run
   * that finds the message already stored announces it again (its first run may have failed before
   * announcing it): readers know it by its id, the webhook event by the job's.
   */
  async holdVisitorMessage(visitor: HeldVisitorMessage): Promise<HoldOutcome> {
    const outcome = await this.options.store.holdVisitorMessage(visitor);
    if (outcome.held) {
      const message: StoredMessage = {
        id: outcome.message.id,
        conversation_id: visitor.conversationId,
        role: 'user',
        content: visitor.text,
        agent: null,
        job_id: visitor.jobId,
        created_at: outcome.message.createdAt,
        author: 'visitor',
      };
      await this.publish({ type: 'message', conversation_id: visitor.conversationId, message });
      const conversation = { conversationId: visitor.conversationId, state: outcome.state, version: outcome.version, operatorName: null, waitingSince: null };
      await this.notify('conversation.visitor_message', conversation, { id: message.id, content: message.content, created_at: message.created_at, job_id: visitor.jobId }, `visitor|${visitor.jobId}`);
    }
    if (!outcome.held && outcome.reopened) {
      await this.publish({
        type: 'state',
        conversation_id: visitor.conversationId,
        state: 'ai',
        operator: null,
        reason: 'reopened',
        version: outcome.version,
        at: this.now().toISOString(),
      });
    }
    return outcome;
  }

  /** A message stored by the agents' pipeline, for the conversation's live readers. */
  async announceMessage(message: StoredMessage): Promise<void> {
    await this.publish({ type: 'message', conversation_id: message.conversation_id, message });
  }

  list(options: { states?: readonly ConversationState[]; limit?: number }): Promise<ConversationHandoverRow[]> {
    return this.options.store.list(options);
  }

  get(conversationId: string): Promise<ConversationHandoverRow | null> {
    return this.options.store.get(conversationId);
  }

  private async announceState(outcome: TransitionOutcome, reason: StateChangeReason): Promise<void> {
    await this.publish({
      type: 'state',
      conversation_id: outcome.conversationId,
      state: outcome.state,
      operator: outcome.state === 'human' && outcome.operatorName ? { name: outcome.operatorName } : null,
      reason,
      version: outcome.version,
      at: outcome.changedAt ?? this.now().toISOString(),
    });
  }

  private publish(event: ConversationEvent): Promise<void> {
    return this.events.publish(event);
  }

  /**
   * A change's webhook event (outbox, migration 0023): queued when a webhook is configured; its row marked
   * once all it stands for is queued (`noticeQueued`: an escalation's notice). A row with nothing queued
   * here, or a refusal, is left to the outbox sweep (handover-webhook-outbox.ts).
   */
  private async notify(
    type: HandoverWebhookEventType,
    conversation: PendingHandoverWebhookEvent['conversation'],
    message: Record<string, unknown> | undefined,
    eventKey: string,
    noticeQueued?: boolean,
  ): Promise<void> {
    const { queue, store } = this.options;
    if (!queue) return;
    let queued = noticeQueued === true;
    if (this.options.webhookConfigured) {
      const data = handoverNotifyJobData({ eventKey, type, occurredAt: this.now().toISOString(), conversation, message: message ?? null });
      try {
        await queue.add('notify', data, { jobId: data.event_id });
        queued = true;
      } catch (error) {
        this.logger.warn({ conversationId: conversation.conversationId, type, err: String(error) }, 'webhook event not queued: the outbox sweep queues it');
        return;
      }
    }
    if (!queued || noticeQueued === false) return;
    await store.markWebhookEventsQueued([eventKey]).catch((error: unknown) => {
      this.logger.warn({ conversationId: conversation.conversationId, type, err: String(error) }, 'webhook event queued, not marked: the outbox sweep adds it again under its id');
    });
  }

  /** false: Redis refused it, the outbox sweep schedules it (the escalation's row stays unmarked). */
  private async scheduleWaitingNotice(conversationId: string, version: number): Promise<boolean> {
    const { queue } = this.options;
    if (!queue) return true;
    try {
      await queueWaitingNotice(queue, conversationId, version, this.options.operatorWaitSeconds * 1000);
      return true;
    } catch (error) {
      this.logger.warn({ conversationId, err: String(error) }, 'waiting notice not scheduled: the outbox sweep schedules it');
      return false;
    }
  }
}
