import type { RedisClient } from '../redis/redis-connection.ts';
import { LuaScript } from '../redis/lua-script.ts';
import type { RedisKeys } from '../redis/redis-keys.ts';
import type { ConversationEvent } from './conversation-event.ts';

const appendScript = new LuaScript(new URL('./lua/conversation-event-append.lua', import.meta.url));

export interface ConversationEventPublisherOptions {
  /** Approximate most events kept per conversation for resumption (default 500). */
  maxEventsPerConversation?: number;
  /** How long a quiet conversation's events stay resumable (default 7 days). */
  retentionSeconds?: number;
}

/**
 * Publishes conversation events (API: operator actions; worker: answers, held messages, state
 * changes): appended to the conversation's stream and announced on the one shared channel, in
 * one Lua step (conversation-event-append.lua). Returns the event's id.
 */
export class ConversationEventPublisher {
  private readonly maxEvents: number;
  private readonly retentionSeconds: number;

  constructor(
    private readonly redis: RedisClient,
    private readonly keys: RedisKeys,
    options: ConversationEventPublisherOptions = {},
  ) {
    this.maxEvents = options.maxEventsPerConversation ?? 500;
    this.retentionSeconds = options.retentionSeconds ?? 7 * 24 * 3600;
  }

  /**
   * `attemptId`: the same for every attempt of one event (OrderedEventRetry): an attempt that finds
   * an earlier one landed appends nothing and answers that entry's id (an event is there once).
   */
  async publish(event: ConversationEvent, options: { attemptId?: string } = {}): Promise<string> {
    const id = await appendScript.run(
      this.redis,
      [this.keys.conversationEvents(event.conversation_id)],
      [this.keys.conversationEventsChannel(), event.conversation_id, JSON.stringify(event), this.maxEvents, this.retentionSeconds, options.attemptId ?? ''],
    );
    return String(id);
  }
}
