import { AppError } from '../errors/app-error.ts';
import type { ConversationState } from './conversation-state.ts';
import type { TransitionOutcome } from './handover-store.ts';

/**
 * The visitor withdraws their hand-over request (waiting_human -> ai, `HandoverDesk.cancelByVisitor`):
 * a hand-over made by mistake, or one they no longer want, no longer locks them out of the agents.
 * Refused, as data, when an operator already holds the conversation (the person is there: the visitor
 * talks to them) or when nothing waits (the agents already answer, or the conversation is closed).
 * Messages sent while it waited stay stored as they were (held for a person); the next one goes to
 * the agents.
 */
export type HandoverCancelRefusal =
  | { reason: 'operator_joined'; conversationId: string; operatorName: string | null }
  | { reason: 'not_waiting'; conversationId: string; state: ConversationState };

export type HandoverCancelResult = { done: true; outcome: TransitionOutcome } | { done: false; refusal: HandoverCancelRefusal };

/** The refusal of a cancel (409): `handover_operator_joined` (with the person's name) or `handover_not_waiting`. */
export class HandoverCancelRefusedError extends AppError {
  constructor(refusal: HandoverCancelRefusal) {
    super(
      refusal.reason === 'operator_joined'
        ? {
            message: `${refusal.operatorName ?? 'Une personne de l’équipe'} a déjà rejoint la conversation et te répond ici.`,
            code: 'handover_operator_joined',
            status: 409,
            retryable: false,
            details: { conversation_id: refusal.conversationId, state: 'human', operator: refusal.operatorName === null ? null : { name: refusal.operatorName } },
          }
        : {
            message: 'Aucune demande de mise en relation n’est en attente pour cette conversation.',
            code: 'handover_not_waiting',
            status: 409,
            retryable: false,
            details: { conversation_id: refusal.conversationId, state: refusal.state },
          },
    );
  }
}
