import type { HistoryMessage } from '../capabilities/capabilities.ts';
import { lazyChildLogger } from '../logging/lazy-child-logger.ts';
import type { Logger } from '../logging/logger.ts';
import { resultFromStoredReply } from './chat-result.ts';
import { clarifyUnlessKnowledgeAnswers } from './clarify-unless-knowledge-answers.ts';
import { persistAndPublish } from './persist-and-publish.ts';
import type { ChatPipeline, ChatPipelineHooks } from './pipeline-contract.ts';
import type { ChatPipelineDeps } from './pipeline-deps.ts';
import { replyForDecision } from './reply-for-decision.ts';
import { contactQuestionAnswered } from './contact-questions.ts';
import { routeTurn } from './route-turn.ts';
import { elapsedSince } from './turn-reply.ts';

export { attemptView } from './chat-result.ts';
export { PERSONA_REPLY_MODEL, STORED_REPLY_MODEL, type ChatPipelineDeps, type ChatPipelineSettings } from './pipeline-deps.ts';

/**
 * One chat job: load the conversation → decide (route-turn.ts: a `RouteDecision`; a clarification
 * becomes an answer when a document answers the message, clarify-unless-knowledge-answers.ts) → write the reply
 * of that decision's kind (reply-for-decision.ts) → store and publish (persist-and-publish.ts).
 *
 * - When this job was already answered (a re-run after a crash), the stored reply is returned and
 *   nothing is answered twice; an escalated one is dispatched again (idempotent).
 * - hooks.signal is checked between steps and passed to every call.
 * - Provider attempts of every live call are put on the result (`attempts`), with the agent prompt
 *   version (`prompt_version`).
 */
/**
 * The history with the team's replies (an escalation, an operator's messages: agent `escalate`) kept
 * as text but naming no agent, for a conversation no person holds any more (ChatPipelineHooks
 * `withTheAgents`): the router then reads the expert before the hand-over as the previous one.
 */
export function withoutTheTeamsVoice(history: readonly HistoryMessage[]): HistoryMessage[] {
  return history.map((message) => (message.role === 'assistant' && message.agent === 'escalate' ? { ...message, agent: null } : message));
}

export function createChatPipeline(deps: ChatPipelineDeps): ChatPipeline {
  const now = deps.now ?? (() => new Date());
  const logger = deps.logger.child({ component: 'chat-pipeline' });

  /** A re-run of an escalated job: the case may not have reached the queue before the crash. */
  async function redispatchEscalation(jobId: string, log: Logger): Promise<void> {
    if (!deps.escalations) return;
    const outcome = await deps.escalations.dispatchForJob(jobId);
    log.info({ outcome }, 'escalation of a re-run job dispatched again');
  }

  return {
    async run(job, hooks: ChatPipelineHooks) {
      const { signal } = hooks;
      const { jobId, data } = job;
      const started = performance.now();
      const log = lazyChildLogger(logger, { jobId, conversationId: data.conversation_id, attempt: job.attempt });
      signal?.throwIfAborted();

      const context = await deps.conversations.loadContext(data.conversation_id, jobId, deps.settings.historyMessages);
      if (context.existingReply !== null) {
        log.info('job already answered: returning the stored reply');
        if (context.existingReply.agent === 'escalate') await redispatchEscalation(jobId, log);
        return resultFromStoredReply(jobId, data.conversation_id, context.existingReply, elapsedSince(started));
      }
      signal?.throwIfAborted();

      const history = hooks.withTheAgents ? withoutTheTeamsVoice(context.history) : context.history;
      // Asked beside the routing, once: every reply but the hand-over offers a person or not from this answer (a failed
      // ask counts as a person can, as the hand-over's own read does).
      const personCanAnswerHere = (hooks.personCanAnswerHereRecently?.() ?? Promise.resolve(true)).catch(() => true);
      const turn = await routeTurn(deps, { message: data.message, history }, log, signal);
      signal?.throwIfAborted();
      const checkStarted = performance.now();
      // A question only on how to reach the agency is answered even when no page names it (contact-questions.ts).
      const decision = contactQuestionAnswered(await clarifyUnlessKnowledgeAnswers(deps, { decision: turn.decision, message: data.message, embedding: turn.embedding }, log, signal), data.message);
      // The knowledge check is part of deciding: its time counts in the routing stage.
      const routed = { ...turn, decision, routeMs: turn.routeMs + elapsedSince(checkStarted) };
      signal?.throwIfAborted();
      const reply = await replyForDecision(deps, routed.decision, {
        message: data.message,
        history,
        searchText: routed.searchText,
        embedding: routed.embedding,
        hooks,
        personCanAnswerHere: await personCanAnswerHere,
        log,
      });
      signal?.throwIfAborted();
      return persistAndPublish({ ...deps, now }, { jobId, data, started, log }, routed, reply);
    },
  };
}
