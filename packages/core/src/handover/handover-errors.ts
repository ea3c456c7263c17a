import { AppError } from '../errors/app-error.ts';
import type { ConversationState } from './conversation-state.ts';

/** No conversation with this id (operator routes). */
export class ConversationNotFoundError extends AppError {
  constructor(conversationId: string) {
    super({ message: 'Conversation introuvable.', code: 'conversation_not_found', status: 404, retryable: false, details: { conversation_id: conversationId } });
  }
}

/** The action is not possible in the conversation's current state (409, the state and what was allowed). */
export class ConversationStateConflictError extends AppError {
  constructor(options: { conversationId: string; action: string; state: ConversationState; allowedFrom: readonly ConversationState[]; message: string }) {
    super({
      message: options.message,
      code: 'conversation_state_conflict',
      status: 409,
      retryable: false,
      details: { conversation_id: options.conversationId, action: options.action, state: options.state, allowed_from: [...options.allowedFrom] },
    });
  }
}

/**
 * Another operator holds the conversation (409, `conversation_held_by_another_operator`, with
 * `operator`: their name as their join recorded it, null when it recorded none): only the person who
 * joined writes to the visitor (`action: 'reply'`), and a join finds the conversation taken
 * (`action: 'join'`: a colleague's join won the race, or came earlier).
 */
export class ConversationHeldByAnotherOperatorError extends AppError {
  constructor(options: { conversationId: string; operatorName: string | null; action?: 'reply' | 'join' }) {
    super({
      message: heldByAnotherMessage(options.action ?? 'reply', options.operatorName),
      code: 'conversation_held_by_another_operator',
      status: 409,
      retryable: false,
      details: { conversation_id: options.conversationId, operator: options.operatorName === null ? null : { name: options.operatorName } },
    });
  }
}

function heldByAnotherMessage(action: 'reply' | 'join', operatorName: string | null): string {
  if (action === 'join') return `Impossible de rejoindre cette conversation : ${operatorName ?? 'une autre personne de l’équipe'} l’a déjà prise.`;
  return `${operatorName ?? 'Une autre personne de l’équipe'} a rejoint cette conversation : c’est cette personne qui répond au visiteur.`;
}
