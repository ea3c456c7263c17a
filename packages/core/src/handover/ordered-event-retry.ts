import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../logging/logger.ts';
import type { ConversationEvent } from './conversation-event.ts';

/**
 * Publishes the hand-over's conversation events so that one Redis refused for a few seconds does not
 * drop them. An event is tried at once; when Redis refuses it (a Redis Cluster master failing over
 * takes 3 to 6 s, and the API's commands give up after 800 ms), it is tried again in the background,
 * and every later event of the same conversation waits behind it, so a conversation's events still
 * reach its stream in the order they happened. The write itself is already stored (the database is
 * the truth): an event that never lands only leaves the live views (the visitor's thread, the inbox)
 * short of it until they read the conversation again.
 *
 * Measured before this: an operator replying every 250 ms to 4 conversations while their master was
 * killed (`kill -9`, the replica took over) lost 2 to 3 replies per conversation from the visitor's
 * open stream, in both API processes; the replies answered 201 and were stored.
 */

/** Pauses between the background attempts: about 30 s in all, several times a failover's length. */
export const EVENT_RETRY_DELAYS_MS: readonly number[] = [250, 500, 1_000, 2_000, 4_000, 8_000, 15_000];

export interface EventPublisher {
  /** `attemptId`: the same on every attempt of one event; an attempt after one that landed appends nothing. */
  publish(event: ConversationEvent, options?: { attemptId?: string }): Promise<string>;
}

export class OrderedEventRetry {
  /** Per conversation: the background attempts its events wait behind. */
  private readonly backlog = new Map<string, Promise<void>>();

  constructor(
    private readonly publisher: EventPublisher,
    private readonly logger: Logger,
    private readonly retryDelaysMs: readonly number[] = EVENT_RETRY_DELAYS_MS,
  ) {}

  /**
   * Resolves once the event is published, or once it is left to the background (never rejects):
   * the caller's write is stored either way.
   */
  async publish(event: ConversationEvent): Promise<void> {
    const conversationId = event.conversation_id;
    // One id for every attempt: an attempt that timed out here may still land (the cluster client
    // sends what it queued once the slot has a master again), and a later one then appends nothing.
    const attemptId = randomUUID();
    const behind = this.backlog.get(conversationId);
    if (behind !== undefined) {
      this.queue(conversationId, behind.then(() => this.attempt(event, attemptId, [0, ...this.retryDelaysMs])));
      return;
    }
    try {
      await this.publisher.publish(event, { attemptId });
    } catch (error) {
      this.logger.warn({ conversationId, type: event.type, err: errorName(error) }, 'conversation event not published yet: tried again in the background');
      this.queue(conversationId, this.attempt(event, attemptId, this.retryDelaysMs));
    }
  }

  /** Conversations with events still waiting to be published (tests, shutdown). */
  get pendingConversations(): number {
    return this.backlog.size;
  }

  /** Waits until every event tried in the background has landed or been given up. */
  async settled(): Promise<void> {
    while (this.backlog.size > 0) await Promise.all([...this.backlog.values()]);
  }

  private queue(conversationId: string, attempts: Promise<void>): void {
    const chain = attempts.finally(() => {
      if (this.backlog.get(conversationId) === chain) this.backlog.delete(conversationId);
    });
    this.backlog.set(conversationId, chain);
  }

  private async attempt(event: ConversationEvent, attemptId: string, delaysMs: readonly number[]): Promise<void> {
    let lastError: unknown;
    for (const delayMs of delaysMs) {
      if (delayMs > 0) await sleep(delayMs);
      try {
        await this.publisher.publish(event, { attemptId });
        return;
      } catch (error) {
        lastError = error;
      }
    }
    this.logger.error(
      { conversationId: event.conversation_id, type: event.type, err: errorName(lastError) },
      'conversation event not published (stored all the same): open streams miss it until they read the conversation again',
    );
  }
}

/** A log line names the error and the start of its message (Redis' errors quote no argument), never the event (it may quote what a visitor wrote). */
function errorName(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message.slice(0, 80)}` : String(error);
}
