import { z } from 'zod';
import { stateChangeReasonSchema, type StateChangeReason } from '../contract/chat-schemas.ts';

/**
 * The hand-over state of a conversation (column conversations.handover_state, migration 0009):
 *
 *   ai ──escalate──▶ waiting_human ──join──▶ human ──handback──▶ ai
 *                          │  └──handback──▶ ai       └──close──▶ closed
 *                          └──close──▶ closed          (ai ──close──▶ closed)
 *
 * The visitor withdraws a hand-over nobody joined yet: waiting_human ──cancel──▶ ai.
 *
 * A visitor's message in a closed conversation reopens it to `ai`. While a person holds the
 * conversation (`waiting_human`, `human`), visitor messages are stored for the person and the
 * agents do not answer.
 */
export const conversationStateSchema = z.enum(['ai', 'waiting_human', 'human', 'closed']);
export type ConversationState = z.infer<typeof conversationStateSchema>;

/** States in which a person, not the agents, answers the visitor. */
export const HELD_BY_A_PERSON: readonly ConversationState[] = ['waiting_human', 'human'];

export const isHeldByAPerson = (state: ConversationState): boolean => HELD_BY_A_PERSON.includes(state);

/** Why the state changed: in the contract, which the long-poll's answer carries too. */
export { stateChangeReasonSchema, type StateChangeReason };

/** One state change: the states it starts from, the state it leaves, and why (stored with the state). */
export interface ConversationTransition {
  from: readonly ConversationState[];
  to: ConversationState;
  reason: StateChangeReason;
}

/** Every change of state, as data: the router's escalation and the operators' actions. */
export const conversationTransitions = {
  escalate: { from: ['ai'], to: 'waiting_human', reason: 'escalated' },
  // From the agents too: an operator reading a conversation that goes wrong takes it over before the
  // visitor asks (the next message goes to them; an answer the agents are writing still arrives).
  join: { from: ['ai', 'waiting_human'], to: 'human', reason: 'joined' },
  handback: { from: ['waiting_human', 'human'], to: 'ai', reason: 'handed_back' },
  close: { from: ['ai', 'waiting_human', 'human'], to: 'closed', reason: 'closed' },
  // The visitor's own: only while nobody joined (a person who is there answers, not the agents).
  cancel: { from: ['waiting_human'], to: 'ai', reason: 'cancelled' },
} as const satisfies Record<string, ConversationTransition>;

export type ConversationTransitionName = keyof typeof conversationTransitions;
export type OperatorAction = Exclude<ConversationTransitionName, 'escalate' | 'cancel'>;

export const reasonOfTransition: Record<ConversationTransitionName, StateChangeReason> = {
  escalate: conversationTransitions.escalate.reason,
  join: conversationTransitions.join.reason,
  handback: conversationTransitions.handback.reason,
  close: conversationTransitions.close.reason,
  cancel: conversationTransitions.cancel.reason,
};
