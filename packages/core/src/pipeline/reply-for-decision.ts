import type { RouteDecision } from '../capabilities/capabilities.ts';
import { answerFromKnowledge } from './answer-from-knowledge.ts';
import { clarifyingReply, escalationHandoverReply, handoverAcknowledgement, instructionsRefusalReply } from './persona-reply-writers.ts';
import type { ChatPipelineDeps } from './pipeline-deps.ts';
import type { TurnInput, TurnReply } from './turn-reply.ts';

/** One reply writer per decision kind; a new kind of decision gets its writer here (the compiler asks for it). */
export async function replyForDecision(deps: ChatPipelineDeps, decision: RouteDecision, turn: TurnInput): Promise<TurnReply> {
  switch (decision.kind) {
    case 'answer':
      return answerFromKnowledge(deps, decision, turn);
    case 'clarify':
      return clarifyingReply(decision, turn);
    case 'escalate':
      return escalationHandoverReply(decision, turn, (await turn.hooks.personCanAnswerHere?.()) ?? true);
    case 'acknowledge_handover':
      return handoverAcknowledgement(decision, turn);
    case 'refuse_instructions':
      return instructionsRefusalReply(decision, turn);
    default:
      return unknownDecision(decision);
  }
}

function unknownDecision(decision: never): never {
  throw new Error(`no reply writer for the route decision ${JSON.stringify(decision)}`);
}
