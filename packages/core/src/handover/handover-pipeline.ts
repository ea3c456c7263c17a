import type { ChatExchange, ConversationStore, StoredExchange } from '../capabilities/capabilities.ts';
import { chatResultSchema, type ChatResult } from '../contract/chat-schemas.ts';
import type { Logger } from '../logging/logger.ts';
import type { ChatPipeline } from '../pipeline/pipeline-contract.ts';
import type { HandoverDesk } from './handover-desk.ts';

/** Model name on the result of a message that went to a person (no model was called). */
export const HANDED_TO_PERSON_MODEL = 'handover-person';

/**
 * The chat pipeline with the hand-over around it. It runs inside the worker's per-conversation
 * order (only the conversation's head job runs), so the state it reads is the state this message
 * meets: a message queued while an agent answer ran is handled after it, under the new state.
 *
 * 1. The message is offered to the person first (HandoverDesk.holdVisitorMessage, one atomic SQL
 *    call): while the conversation is `waiting_human` or `human`, it is stored for the person,
 *    streamed to the inbox, notified to the webhook, and the job completes with
 *    `handled_by: "person"`. The agents' pipeline does not run: no provider call.
 * 2. Otherwise the agents' pipeline runs. When it escalated (not a follow-up the router kept with
 *    the team only from context), the conversation moves to `waiting_human` AFTER the reply is
 *    stored; a re-run after a crash in between returns the stored reply and moves it then
 *    (idempotent), so nothing slips through and nothing is lost.
 *
 * `personCanAnswerHere` (operator-inbox-advert.ts: an API serves the operators' inbox) is asked once
 * per handed-over message: when nobody can answer, the reply says so (escalation-reply.ts) and the
 * conversation stays with the agents, its next messages answered instead of held for nobody. Without
 * it, a person can (as before). `personCanAnswerHereRecently` (the same, as read lately: no Redis read
 * per message) is passed to the agents' pipeline: its other replies then offer no person either, they
 * say to contact the agency directly (ChatPipelineHooks).
 */
export function withHandover(
  pipeline: ChatPipeline,
  desk: HandoverDesk,
  logger: Logger,
  options: { personCanAnswerHere?(): Promise<boolean>; personCanAnswerHereRecently?(): Promise<boolean> } = {},
): ChatPipeline {
  const log = logger.child({ component: 'handover-pipeline' });
  const askWhetherAPersonCanAnswer = options.personCanAnswerHere ?? (() => Promise.resolve(true));
  return {
    async run(job, hooks) {
      const started = performance.now();
      const { data, jobId } = job;
      hooks.signal?.throwIfAborted();
      const hold = await desk.holdVisitorMessage({
        conversationId: data.conversation_id,
        userId: data.user_id,
        jobId,
        text: data.message,
        sentAt: data.sent_at,
      });
      if (hold.held) {
        log.info({ jobId, conversationId: data.conversation_id, state: hold.state, created: hold.created }, 'message went to the person holding the conversation');
        return heldResult(jobId, data.conversation_id, hold.message.createdAt, performance.now() - started);
      }
      // Asked at most once per run: the reply's words and the state it leaves agree.
      let personCanAnswer: Promise<boolean> | undefined;
      const personCanAnswerHere = () => (personCanAnswer ??= askWhetherAPersonCanAnswer());
      const result = await pipeline.run(job, {
        ...hooks,
        withTheAgents: true,
        personCanAnswerHere,
        ...(options.personCanAnswerHereRecently ? { personCanAnswerHereRecently: options.personCanAnswerHereRecently } : {}),
      });
      if (result.agent === 'escalate' && result.escalated && result.routing.method !== 'context') {
        if (await personCanAnswerHere()) await desk.escalated(data.conversation_id, data.user_id);
        else log.info({ jobId, conversationId: data.conversation_id }, 'handed over with no operator inbox served: the conversation stays with the agents');
      }
      return result.handled_by === undefined ? { ...result, handled_by: 'agent' } : result;
    },
  };
}

function heldResult(jobId: string, conversationId: string, storedAt: string, elapsedMs: number): ChatResult {
  const total = Math.max(0, Math.round(elapsedMs * 100) / 100);
  return chatResultSchema.parse({
    job_id: jobId,
    conversation_id: conversationId,
    message: '',
    agent: 'escalate',
    confidence: 1,
    reasoning: 'Message transmis à la personne de l’équipe qui suit cette conversation.',
    timestamp: storedAt,
    escalated: true,
    sources: [],
    model: HANDED_TO_PERSON_MODEL,
    usage: { prompt_tokens: 0, completion_tokens: 0, cost_usd: 0 },
    timings_ms: { route: 0, retrieve: 0, rerank: 0, generate: 0, total },
    routing: { method: 'context', confidence: 1, latency_ms: 0 },
    offline: false,
    handled_by: 'person',
  });
}

/**
 * The conversation store with every newly stored agent reply announced on the conversation's
 * event stream (the visitor's widget and the operators' inbox see it live, with its message id).
 */
export function withAnnouncedReplies<Store extends ConversationStore>(store: Store, desk: Pick<HandoverDesk, 'announceMessage'>): Store {
  const persistExchange = async (exchange: ChatExchange): Promise<{ stored: StoredExchange; created: boolean }> => {
    const persisted = await store.persistExchange(exchange);
    if (persisted.created) {
      await desk.announceMessage({
        id: persisted.stored.assistantMessageId,
        conversation_id: exchange.conversationId,
        role: 'assistant',
        content: persisted.stored.assistantMessage,
        agent: persisted.stored.agent,
        job_id: exchange.jobId,
        created_at: persisted.stored.answeredAt,
        sources: exchange.sources,
        author: 'agent',
      });
    }
    return persisted;
  };
  // Every other method is the store's own, bound to it (private state stays reachable).
  return new Proxy(store, {
    get(target, property) {
      if (property === 'persistExchange') return persistExchange;
      const value = Reflect.get(target, property, target) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
