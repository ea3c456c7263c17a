import type { AppConfig } from '../../config/config.ts';
import type { ChatPipeline } from '../../pipeline/pipeline-contract.ts';
import { createChatQueue } from '../chat-queue.ts';
import { ChatSubmitter } from '../chat-submitter.ts';
import { startChatWorker } from '../chat-worker.ts';
import { JobEventHub } from '../job-event-hub.ts';
import { ConversationRateLimiter } from '../rate-limiter.ts';
import { okAnswerSlowOnLent } from './recording-pipeline.ts';
import type { RedisTestContext } from './redis-test-context.ts';
import { submitAcceptedMessage } from './submit-accepted.ts';

export interface QueueTestStackOptions {
  pipeline?: ChatPipeline;
  /** Passed to the submitter (0: every message behind an unstarted head is self-starting). */
  selfStartingBurstGapMs?: number;
}

/**
 * Tests: one chat queue with its submitter (100 messages a minute per conversation), an event hub
 * and a worker process's worker, on the test context's Redis; `close` stops them in order.
 */
export function startQueueTestStack(context: RedisTestContext, config: AppConfig, options: QueueTestStackOptions = {}) {
  const queue = createChatQueue({ connection: context.redis, config });
  const rateLimiter = new ConversationRateLimiter(context.redis, context.keys, { limit: 100, windowSeconds: 60 });
  const { selfStartingBurstGapMs } = options;
  const submitter = new ChatSubmitter({ redis: context.redis, queue, keys: context.keys, rateLimiter, config, logger: context.logger, selfStartingBurstGapMs });
  const hub = new JobEventHub({ config, logger: context.logger });
  const worker = startChatWorker({ config, logger: context.logger, pipeline: options.pipeline ?? okAnswerSlowOnLent });
  const submit = (conversationId: string, message: string) => submitAcceptedMessage(submitter, conversationId, message);
  const close = async () => {
    await worker.close();
    await hub.close();
    await queue.close();
  };
  return { queue, rateLimiter, submitter, hub, worker, submit, close };
}
