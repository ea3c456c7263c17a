import type {
  AcknowledgeHandoverDecision,
  ClarifyDecision,
  EscalateDecision,
  RefuseInstructionsDecision,
} from '../capabilities/capabilities.ts';
import { promptVersionOf } from '../agents/agent-prompt-library.ts';
import { ALREADY_WITH_THE_TEAM_REPLY, escalationReply } from '../agents/escalation-reply.ts';
import { speaksOfOwnHealth } from '../local/escalation-out-of-scope.ts';
import { tellsOfHerLoss } from '../local/bereavement.ts';
import { urgentHelpOf } from '../agents/urgent-help.ts';
import { asksWhatTheChatIs, assistantIdentityReply } from '../agents/assistant-identity.ts';
import { clarifyingQuestion, instructionsRefusal, questionInvitation } from '../agents/persona-replies.ts';
import { afterAnExpertPick } from '../local/reply-to-the-last-turn.ts';
import { smallTalkOf, smallTalkReply } from '../agents/small-talk.ts';
import { splitIntoDeltas } from '../local/extractive-answerer.ts';
import { PERSONA_REPLY_MODEL } from './pipeline-deps.ts';
import { elapsedSince, type TurnInput, type TurnReply } from './turn-reply.ts';

/** A fixed text, streamed in pieces like a written answer; no model is called. */
function fixedReply(text: string, model: string, turn: TurnInput, extra: Pick<TurnReply, 'promptVersion' | 'escalation'> = {}): TurnReply {
  const started = performance.now();
  for (const delta of splitIntoDeltas(text)) turn.hooks.onDelta?.(delta);
  return {
    text,
    model,
    offline: false,
    sources: [],
    usages: [],
    attempts: [],
    timings: { retrieve: 0, rerank: 0, generate: elapsedSince(started) },
    ...extra,
  };
}

/**
 * The persona asks what the message is about (no retrieval, not escalated), says what the chat is
 * when that is the question, answers small talk (a greeting, thanks, a goodbye) in a line, or, picked in answer to the
 * clarifying question before any question was asked, asks for it. The
 * clarifying question and the identity reply offer a person, or where none can answer in this chat
 * (turn.personCanAnswerHere false), say to contact the agency directly.
 */
export function clarifyingReply(decision: ClarifyDecision, turn: TurnInput): TurnReply {
  const smallTalk = smallTalkOf(turn.message);
  const offers = { personCanAnswerHere: turn.personCanAnswerHere };
  const text =
    smallTalk !== null
      ? smallTalkReply(smallTalk, decision.agent, turn.message)
      : asksWhatTheChatIs(turn.message)
        ? assistantIdentityReply(decision.agent, offers)
        : afterAnExpertPick(turn.message, turn.history).kind === 'no_question_yet'
          ? questionInvitation(decision.agent)
          : clarifyingQuestion(decision.agent, offers);
  return fixedReply(text, PERSONA_REPLY_MODEL, turn, { promptVersion: promptVersionOf(decision.agent) });
}

/**
 * The hand-over reply (first where to get help now, for distress or an emergency; care first when the visitor speaks of
 * their own health; when no person can answer in this chat, it says so instead of promising one); the case is opened by
 * the persist step.
 */
export const escalationHandoverReply = (decision: EscalateDecision, turn: TurnInput, personCanAnswerHere = true): TurnReply =>
  fixedReply(
    escalationReply(decision.category, urgentHelpOf(turn.message), {
      ownHealth: decision.category === 'out_of_scope' && speaksOfOwnHealth(turn.message),
      bereavement: tellsOfHerLoss(turn.message),
      personCanAnswerHere,
    }),
    decision.model,
    turn,
    { escalation: { category: decision.category } },
  );

/** A follow-up of a conversation already with the team: acknowledged, no second case. */
export const handoverAcknowledgement = (decision: AcknowledgeHandoverDecision, turn: TurnInput): TurnReply =>
  fixedReply(ALREADY_WITH_THE_TEAM_REPLY, decision.model, turn);

/** The persona declines to reveal its instructions. */
export const instructionsRefusalReply = (decision: RefuseInstructionsDecision, turn: TurnInput): TurnReply =>
  fixedReply(instructionsRefusal(decision.agent), PERSONA_REPLY_MODEL, turn, { promptVersion: promptVersionOf(decision.agent) });
