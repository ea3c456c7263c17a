import type { RedisClient } from '../redis/redis-connection.ts';
import type { Logger } from '../logging/logger.ts';
import type { RedisKeys } from '../redis/redis-keys.ts';
import { conversationEventSchema, type ConversationEventEntry } from './conversation-event.ts';

/**
 * Conversation events for one API process. ONE subscription per process (SUBSCRIBE on the shared
 * channel, see ConversationEventPublisher), fanned out in memory to per-conversation listeners:
 * an open SSE stream or long-poll costs a Map entry, never a Redis command or connection.
 *
 * Announcements missed while the subscription was down are not lost: the events stay in each
 * conversation's stream, and listeners get `resync` after a reconnect so they read what they
 * missed (`readAfter`).
 */
export type ConversationEventListener = (signal: { kind: 'event'; entry: ConversationEventEntry } | { kind: 'resync' }) => void;

export class ConversationEventHub {
  private readonly listeners = new Map<string, Set<ConversationEventListener>>();
  /** Listeners of every conversation (the operators' inbox). */
  private readonly everyConversationListeners = new Set<ConversationEventListener>();
  private readonly channel: string;
  private ready: Promise<void>;
  private subscribedOnce = false;
  private closed = false;

  constructor(
    private readonly options: {
      /** A dedicated connection: it enters subscriber mode (closed by close()). */
      subscriber: RedisClient;
      /** A command connection for stream reads (not closed by the hub). */
      reader: RedisClient;
      keys: RedisKeys;
      logger: Logger;
    },
  ) {
    this.channel = options.keys.conversationEventsChannel();
    const { subscriber } = options;
    subscriber.on('message', (channel: string, payload: string) => {
      if (channel === this.channel) this.dispatch(payload);
    });
    subscriber.on('ready', () => {
      // ioredis re-subscribes by itself after a reconnect; listeners catch up from the streams.
      if (this.subscribedOnce) this.broadcastResync();
    });
    this.ready = subscriber.subscribe(this.channel).then(() => {
      this.subscribedOnce = true;
    });
    this.ready.catch((error: unknown) => options.logger.warn({ err: String(error) }, 'conversation events: subscribe failed'));
  }

  waitUntilReady(): Promise<void> {
    return this.ready;
  }

  /** Conversations with at least one listener (metrics, benchmark). */
  get watchedConversationCount(): number {
    return this.listeners.size;
  }

  subscribe(conversationId: string, listener: ConversationEventListener): () => void {
    let set = this.listeners.get(conversationId);
    if (!set) {
      set = new Set();
      this.listeners.set(conversationId, set);
    }
    set.add(listener);
    return () => {
      const current = this.listeners.get(conversationId);
      if (!current) return;
      current.delete(listener);
      if (current.size === 0) this.listeners.delete(conversationId);
    };
  }

  /** Every conversation's events (the operators' inbox stream). */
  subscribeAll(listener: ConversationEventListener): () => void {
    this.everyConversationListeners.add(listener);
    return () => this.everyConversationListeners.delete(listener);
  }

  /** Events of the conversation after `afterId` (all kept ones when absent), oldest first. */
  async readAfter(conversationId: string, afterId: string | undefined, count = 500): Promise<ConversationEventEntry[]> {
    const raw = (await this.options.reader.xrange(
      this.options.keys.conversationEvents(conversationId),
      afterId === undefined ? '-' : `(${afterId}`,
      '+',
      'COUNT',
      count,
    )) as Array<[string, string[]]>;
    const entries: ConversationEventEntry[] = [];
    for (const [id, fields] of raw) {
      const index = fields.indexOf('event');
      const parsed = index >= 0 ? conversationEventSchema.safeParse(JSON.parse(fields[index + 1] ?? 'null')) : undefined;
      if (parsed?.success) entries.push({ id, event: parsed.data });
    }
    return entries;
  }

  /** Id of the conversation's newest event, or undefined when it has none. */
  async lastEventId(conversationId: string): Promise<string | undefined> {
    const raw = (await this.options.reader.xrevrange(this.options.keys.conversationEvents(conversationId), '+', '-', 'COUNT', 1)) as Array<
      [string, string[]]
    >;
    return raw[0]?.[0];
  }

  private dispatch(payload: string): void {
    let announcement: { id?: unknown; conversation_id?: unknown; event?: unknown };
    try {
      announcement = JSON.parse(payload) as typeof announcement;
    } catch {
      this.options.logger.warn('conversation events: unreadable announcement ignored');
      return;
    }
    if (typeof announcement.conversation_id !== 'string' || typeof announcement.id !== 'string') return;
    const set = this.listeners.get(announcement.conversation_id);
    if (!set && this.everyConversationListeners.size === 0) return;
    const parsed = conversationEventSchema.safeParse(announcement.event);
    if (!parsed.success) return;
    const entry = { id: announcement.id, event: parsed.data };
    for (const listener of [...(set ?? []), ...this.everyConversationListeners]) this.safely(listener, { kind: 'event', entry });
  }

  private broadcastResync(): void {
    for (const set of [...this.listeners.values(), this.everyConversationListeners]) {
      for (const listener of [...set]) this.safely(listener, { kind: 'resync' });
    }
  }

  private safely(listener: ConversationEventListener, signal: Parameters<ConversationEventListener>[0]): void {
    try {
      listener(signal);
    } catch (error) {
      this.options.logger.error({ err: error instanceof Error ? error.message : String(error) }, 'conversation event listener threw');
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.listeners.clear();
    this.everyConversationListeners.clear();
    await this.options.subscriber.quit().catch(() => this.options.subscriber.disconnect());
  }
}
