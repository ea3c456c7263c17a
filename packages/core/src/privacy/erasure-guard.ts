import type { ChatExchange, ConversationStore } from '../capabilities/capabilities.ts';
import { AppError } from '../errors/app-error.ts';
import { DependencyFaultLog } from '../logging/dependency-fault-log.ts';
import type { Logger } from '../logging/logger.ts';
import type { ChatWorkerHandle } from '../queue/chat-worker.ts';
import type { ConversationEraser } from './conversation-eraser.ts';
import type { ErasedConversations } from './erased-conversations.ts';

/** A message of an erased conversation: nothing is stored, the job ends (never retried). */
export class ConversationErasedWhileRunningError extends AppError {
  constructor() {
    super({ message: 'conversation erased while its message was being answered', code: 'conversation_erased', status: 410, retryable: false });
  }
}

/**
 * The worker side of erasure: the conversation store refuses to store an exchange of an erased
 * conversation (checked right before the write), and when a job of an erased conversation ends
 * (completed or failed), the conversation is erased again — the job itself included, now that it
 * is no longer locked — so what it wrote meanwhile does not come back.
 */
export function guardStoreAgainstErasure(store: ConversationStore, erased: ErasedConversations): ConversationStore {
  return new Proxy(store, {
    get(target, property, receiver) {
      if (property === 'persistExchange') {
        return async (exchange: ChatExchange) => {
          if (await erased.isErased(exchange.conversationId)) throw new ConversationErasedWhileRunningError();
          return target.persistExchange(exchange);
        };
      }
      const value = Reflect.get(target, property, receiver) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

export function eraseAfterJobsOfErasedConversations(options: {
  handle: Pick<ChatWorkerHandle, 'worker'>;
  erased: ErasedConversations;
  eraser: ConversationEraser;
  logger: Logger;
}): void {
  const { erased, eraser, logger } = options;
  // While Redis is away every finished job's check fails alike: one line, a summary per interval,
  // one at recovery (it tells nothing of an erasure: most conversations were never erased).
  const checkFaults = new DependencyFaultLog(logger, { component: 'erasure-guard' });
  const onJobEnd = (job: { data?: unknown } | undefined) => {
    const conversationId = (job?.data as { conversation_id?: unknown } | undefined)?.conversation_id;
    if (typeof conversationId !== 'string') return;
    void (async () => {
      let wasErased: boolean;
      try {
        wasErased = await erased.isErased(conversationId);
        checkFaults.recovery('finished jobs are checked for erasure again');
      } catch (error) {
        checkFaults.failure(error, 'could not check whether the conversation of a finished job was erased');
        return;
      }
      if (!wasErased) return;
      try {
        await eraser.eraseConversations([conversationId]);
      } catch (error) {
        logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'could not erase after a job of an erased conversation');
      }
    })();
  };
  options.handle.worker.on('completed', (job) => onJobEnd(job));
  options.handle.worker.on('failed', (job) => onJobEnd(job));
}
