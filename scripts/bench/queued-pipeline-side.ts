/**
 * `pnpm bench`'s measured side: the product's queue path (ChatSubmitter → chat worker with the
 * conversation gate → JobEventHub) with every pipeline step instant (scripts/bench/instant-steps.ts),
 * so the figures are the cost of our queueing: idempotency + rate limit + per-conversation order +
 * events + persistence hand-off.
 */
import { randomUUID } from 'node:crypto';
import {
  ChatJobReader,
  ChatSubmitter,
  completedJobViewOf,
  ConversationRateLimiter,
  createChatPipeline,
  createChatQueue,
  createRedisConnection,
  JobEventHub,
  recentOperatorInboxServedReader,
  RedisKeys,
  startChatWorker,
  type AppConfig,
  type ChatJobView,
  type ChatPipeline,
  type ChatResult,
  type Logger,
} from '@lac/core';
import { InMemoryConversationStore, instantAnswerer, instantEmbedder, instantReranker, instantRetriever, instantRouter } from './instant-steps.ts';
import { CompletionCounter, type BenchSide } from './bench-side.ts';

interface PipelineRun {
  start: number;
  end: number;
}

export interface QueuedPipelineSide extends BenchSide {
  /**
   * Hand-off: a conversation's next queued message starting after the previous one ends, in ms.
   * `conversations` × 20 messages, all queued while the worker is paused, so submissions do not
   * compete with hand-offs. Throws if a message started before the previous one of its conversation ended.
   */
  handoffs(conversations: number): Promise<HandoffRun>;
}

export interface HandoffRun {
  /** Each message's start minus the end of the one before it in its conversation, in ms. */
  gaps: number[];
  /** Messages run per second from the worker's resume until the last ended: each conversation gets a turn every `conversations / messagesPerSecond`. */
  messagesPerSecond: number;
}

/**
 * `--queue-only` (a diagnostic, not the measure the targets are judged on): the pipeline's first run
 * is real, every later one returns a copy of that result under its own job and conversation ids,
 * after the same existing-reply read and the same one-reply-per-job store write. What is left is
 * the queue machinery alone, without the pipeline's local steps (prompt-injection check, keyword
 * routing, query normalisation, source selection, result validation), which the instant models do
 * not remove: on the 2-core machine, 30–40 µs of Node CPU a message out of the queued side's 160–180.
 */
function fixedAnswerPipeline(real: ChatPipeline, conversations: InMemoryConversationStore): ChatPipeline {
  let template: ChatResult | undefined;
  return {
    async run(job, hooks) {
      if (template === undefined) return (template = await real.run(job, hooks));
      const { jobId, data } = job;
      const context = await conversations.loadContext(data.conversation_id, jobId);
      if (context.existingReply) return { ...template, job_id: jobId, conversation_id: data.conversation_id, message: context.existingReply.assistantMessage };
      const answeredAt = new Date().toISOString();
      await conversations.persistExchange({
        jobId,
        conversationId: data.conversation_id,
        userId: data.user_id,
        userMessage: data.message,
        userSentAt: data.sent_at,
        assistantMessage: template.message,
        agent: template.agent,
        escalated: template.escalated,
        confidence: template.confidence,
        routingMethod: template.routing.method,
        model: template.model,
        sources: template.sources,
        usage: template.usage,
        timings: template.timings_ms,
        latencyMs: 0,
        answeredAt,
      });
      return { ...template, job_id: jobId, conversation_id: data.conversation_id, timestamp: answeredAt };
    },
  };
}

export async function openQueuedPipelineSide(options: {
  config: AppConfig;
  submitConcurrency: number;
  logger: Logger;
  /** `--queue-only`: see fixedAnswerPipeline. */
  queueOnly?: boolean;
}): Promise<QueuedPipelineSide> {
  const { config, logger } = options;
  const redis = createRedisConnection(config, { connectionName: 'bench:api', logger });
  const keys = new RedisKeys(config.QUEUE_PREFIX);
  const queue = createChatQueue({ connection: redis, config });
  const rateLimiter = new ConversationRateLimiter(redis, keys, { limit: config.RATE_LIMIT_MESSAGES, windowSeconds: config.RATE_LIMIT_WINDOW_SECONDS });
  const submitter = new ChatSubmitter({ redis, queue, keys, rateLimiter, config, logger });
  const conversations = new InMemoryConversationStore();
  const reader = new ChatJobReader({ queue, redis, keys, conversations });
  const hub = new JobEventHub({ config, logger, connection: redis });
  await hub.waitUntilReady();

  const runs = new Map<string, PipelineRun>();
  let recordRuns = false;
  const realPipeline = createChatPipeline({
    embedder: instantEmbedder,
    reranker: instantReranker,
    router: instantRouter,
    answerer: instantAnswerer,
    retriever: instantRetriever,
    conversations,
    settings: { historyMessages: 10, initialResults: 20, rerankTopN: 3, similarityThreshold: 0 },
    logger,
  });
  const inner = options.queueOnly ? fixedAnswerPipeline(realPipeline, conversations) : realPipeline;
  // As the worker (services/worker/src/main.ts): whether to offer a person, from the inbox advert read at most every 30 s.
  const personCanAnswerHereRecently = recentOperatorInboxServedReader(redis, keys, logger);
  const pipeline: ChatPipeline = {
    async run(job, hooks) {
      const start = performance.now();
      const result = await inner.run(job, { ...hooks, personCanAnswerHereRecently });
      if (recordRuns) runs.set(job.jobId, { start, end: performance.now() });
      return result;
    },
  };
  const worker = await startChatWorker({ config, pipeline, logger });
  const completions = new CompletionCounter(worker.worker);

  const submitOne = async (conversationId: string, message: string) => {
    const outcome = await submitter.submit({ user_id: `u-${conversationId}`, conversation_id: conversationId, message }, { requestId: randomUUID() });
    if (outcome.kind !== 'accepted') throw new Error(`submit refused: ${outcome.kind}`);
    return outcome.jobId;
  };

  return {
    name: 'queued pipeline',
    // The widget's submit then long-poll: as the API's wait-for-job-end, the view comes from the
    // completed event, read from Redis otherwise. 20 conversations take turns (ids unique to the round).
    async latencySample(round, index) {
      const started = performance.now();
      const jobId = await submitOne(`seq-r${round}-${index % 20}`, `Message séquentiel ${index}`);
      let completedView: ChatJobView | null = null;
      const unsubscribe = hub.subscribe(jobId, (event) => {
        if (event.type === 'completed') completedView = completedJobViewOf(jobId, event.returnValue);
      });
      const outcome = await hub.waitForTerminal(jobId, 30_000);
      unsubscribe();
      const view = completedView ?? (await reader.getJobView(jobId));
      if (outcome !== 'completed' || view?.status !== 'completed') throw new Error(`job ${jobId} ended ${outcome}`);
      return performance.now() - started;
    },
    throughputRound(round, messages, conversationCount) {
      return completions.timeRound(messages, options.submitConcurrency, (i) => submitOne(`r${round}-conv-${i % conversationCount}`, `Message ${i}`));
    },
    async handoffs(conversationCount) {
      runs.clear();
      recordRuns = true;
      await worker.worker.pause();
      const handoffJobs: string[][] = [];
      await Promise.all(
        Array.from({ length: conversationCount }, async (_, c) => {
          const ids: string[] = [];
          for (let m = 0; m < 20; m++) ids.push(await submitOne(`handoff-${c}`, `Relais ${m}`));
          handoffJobs[c] = ids;
        }),
      );
      const allHandedOff = Promise.all(handoffJobs.flat().map((jobId) => hub.waitForTerminal(jobId, 60_000)));
      const resumedAt = performance.now();
      worker.worker.resume();
      await allHandedOff;
      const lastEnd = Math.max(...[...runs.values()].map((run) => run.end));
      recordRuns = false;
      const handoffs: number[] = [];
      for (const ids of handoffJobs) {
        for (let m = 1; m < ids.length; m++) {
          const previous = runs.get(ids[m - 1]!);
          const current = runs.get(ids[m]!);
          if (previous && current && current.start >= previous.end) handoffs.push(current.start - previous.end);
          else if (previous && current) throw new Error('order violated: a message started before the previous one ended');
        }
      }
      return { gaps: handoffs, messagesPerSecond: (runs.size * 1000) / (lastEnd - resumedAt) };
    },
    async close() {
      await worker.close();
      await hub.close();
      await queue.close();
      await redis.quit();
    },
  };
}
