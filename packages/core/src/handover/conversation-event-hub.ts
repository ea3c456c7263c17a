import { randomUUID } from 'node:crypto';
import type { Cluster, Redis } from 'ioredis';
import type { RedisClient } from '../redis/redis-connection.ts';
import type { Logger } from '../logging/logger.ts';
import type { RedisKeys } from '../redis/redis-keys.ts';
import { KeyedListeners } from '../redis/keyed-listeners.ts';
import { conversationEventSchema, type ConversationEventEntry } from './conversation-event.ts';
import { erasedConversationAnnounced } from '../privacy/erasure-announcement.ts';
import type { ErasedConversations } from '../privacy/erased-conversations.ts';
import { SubscriptionCheckLedger } from './subscription-check-ledger.ts';

/**
 * Conversation events for one API process. ONE subscription per process (SUBSCRIBE on the shared
 * channel, see ConversationEventPublisher), fanned out in memory to per-conversation listeners:
 * an open SSE stream or long-poll costs a Map entry, never a Redis command or connection.
 *
 * Announcements missed while the subscription was down are not lost: the events stay in each
 * conversation's stream, and listeners get `resync` after a reconnect so they read what they
 * missed (`readAfter`).
 *
 * An erasure's announcement is not kept anywhere: a listener added just after it was published (its
 * request passed the access check an instant before the erasure) would never hear of it. With
 * `erased`, each new listener and, after a reconnect, every watched conversation is checked against
 * the erasure markers (set before the announcement), and gets `erased` when its conversation has one.
 */
type ConversationSignal =
  | { kind: 'event'; entry: ConversationEventEntry }
  /**
   * Read back what the subscription missed. `sinceMs`: the gap began after this time (stream ids are
   * times): live events may have come after it already, so reading after the last one sent is not enough.
   */
  | { kind: 'resync'; sinceMs?: number }
  /** The conversation was erased (privacy/erasure-announcement.ts): its listeners stop. */
  | { kind: 'erased' }
  /** To the inbox's listeners (every conversation): one was erased, its id only; the inbox drops it from its screen. */
  | { kind: 'conversation_erased'; conversationId: string };
export type ConversationEventListener = (signal: ConversationSignal) => void;

/** The key of the listeners of every conversation (the operators' inbox): a control character is never part of a conversation id (contract/text-rules.ts). */
const EVERY_CONVERSATION = '\u0000every-conversation';
/**
 * A subscriber waits for no reply between messages, so a half-open socket would go unnoticed (no
 * command pending, nothing for the dead-socket timeout to time): a PING this often gives it a reply
 * to wait for, and a dead socket is replaced within DEAD_SOCKET_TIMEOUT_MS (redis-connection.ts).
 */
const SUBSCRIBER_PING_INTERVAL_MS = 10_000;
/**
 * Each hub announces itself on the channel this often, numbered; one of its own announcements that
 * never came back means the subscription missed messages, and its listeners resync. On a Redis
 * Cluster the client moves the subscription to another node by itself, emitting nothing: a node
 * that hung 12 s (SIGSTOP) cost one API process every event of those seconds, on every open stream.
 */
const SUBSCRIPTION_CHECK_INTERVAL_MS = 2_000;
/** None of its own announcements back for this long: the subscriber connection is replaced (a node that hangs with its socket open). */
const SUBSCRIPTION_STALL_MS = 10_000;
/**
 * One of its own announcements heard this long after it was sent: the subscription was stalled
 * meanwhile, and its listeners resync even when no number is missing. A Redis Cluster node that hung
 * 15 s under the subscription gave its backlog back afterwards with the hub's checks all there, in
 * order, but an event of those seconds missing (the cluster bus between nodes drops what it held).
 */
const SUBSCRIPTION_CHECK_LATE_MS = 5_000;
/** A resync reads back from the last check heard promptly, at most this long before the one that showed the stall. */
const SUBSCRIPTION_CHECK_MAX_LOOKBACK_MS = 60_000;

export class ConversationEventHub {
  private readonly listeners: KeyedListeners<ConversationSignal>;
  private readonly channel: string;
  private ready: Promise<void>;
  private subscribedOnce = false;
  private closed = false;
  private readonly subscriberPing: NodeJS.Timeout;
  private readonly subscriptionCheck: NodeJS.Timeout;
  private readonly hubId = randomUUID();
  private sentChecks = 0;
  private readonly checks: SubscriptionCheckLedger;
  private replacedAt = 0;

  constructor(
    private readonly options: {
      /** A dedicated connection: it enters subscriber mode (closed by close()). */
      subscriber: RedisClient;
      /** A command connection for stream reads (not closed by the hub). */
      reader: RedisClient;
      keys: RedisKeys;
      logger: Logger;
      /** The erasure markers: a listener added after an erasure's announcement still gets `erased`. */
      erased?: Pick<ErasedConversations, 'isErased'>;
      /**
       * The subscription checks' timing (default: a check every 2 s, heard 5 s or more after it
       * was sent = late). Shorter in a test, so that a stall shows in seconds fewer.
       */
      subscriptionChecks?: { intervalMs: number; lateMs: number };
    },
  ) {
    const checkTiming = options.subscriptionChecks ?? { intervalMs: SUBSCRIPTION_CHECK_INTERVAL_MS, lateMs: SUBSCRIPTION_CHECK_LATE_MS };
    this.checks = new SubscriptionCheckLedger({ ...checkTiming, maxLookbackMs: SUBSCRIPTION_CHECK_MAX_LOOKBACK_MS });
    this.channel = options.keys.conversationEventsChannel();
    this.listeners = new KeyedListeners<ConversationSignal>((error) =>
      options.logger.error({ err: error instanceof Error ? error.message : String(error) }, 'conversation event listener threw'),
    );
    const { subscriber } = options;
    subscriber.on('message', (channel: string, payload: string) => {
      if (channel === this.channel) this.dispatch(payload);
    });
    subscriber.on('ready', () => {
      // ioredis re-subscribes by itself after a reconnect; listeners catch up from the streams.
      if (!this.subscribedOnce) return;
      // Erasures announced while the subscription was down were missed too.
      this.afterGap();
    });
    this.ready = subscriber.subscribe(this.channel).then(() => {
      this.subscribedOnce = true;
    });
    this.ready.catch((error: unknown) => options.logger.warn({ err: String(error) }, 'conversation events: subscribe failed'));
    this.subscriberPing = setInterval(() => {
      if (!this.closed) subscriber.ping().catch(() => undefined);
    }, SUBSCRIBER_PING_INTERVAL_MS);
    this.subscriberPing.unref();
    this.subscriptionCheck = setInterval(() => this.checkSubscription(), checkTiming.intervalMs);
    this.subscriptionCheck.unref();
  }

  /** Announces the next check; replaces the subscriber connection when none came back for too long. */
  private checkSubscription(): void {
    if (this.closed || !this.subscribedOnce) return;
    const sequence = (this.sentChecks += 1);
    this.options.reader.publish(this.channel, JSON.stringify({ subscription_check: this.hubId, sequence, sent_at_ms: Date.now() })).catch(() => undefined);
    // The last check heard stays as it is: the gap found when checks come back again starts there.
    const lastHeardOrReplaced = Math.max(this.checks.lastHeardAt ?? Date.now(), this.replacedAt);
    if (Date.now() - lastHeardOrReplaced < SUBSCRIPTION_STALL_MS) return;
    this.options.logger.warn('conversation events: own checks not heard back, subscriber connection replaced');
    this.replacedAt = Date.now();
    const { subscriber } = this.options;
    // ioredis' Cluster keeps its subscriber connection private; ended, it picks a node again and re-subscribes.
    const clusterSubscriber = (subscriber as unknown as { subscriber?: { getInstance(): Redis | null } }).subscriber;
    if ((subscriber as Cluster).isCluster) clusterSubscriber?.getInstance()?.disconnect();
    else (subscriber as Redis).disconnect(true);
  }

  /** One of this hub's checks came back: the ledger tells whether the subscription may have missed messages meanwhile. */
  private heardCheck(sequence: number, sentAtMs: number | undefined): void {
    const verdict = this.checks.heard(sequence, sentAtMs, Date.now());
    if (verdict === null) return;
    this.options.logger.warn({ reason: verdict.reason }, 'conversation events: own checks show a stalled subscription, listeners resync');
    this.afterGap(verdict.resyncSinceMs);
  }

  /** The subscription missed messages: listeners read them back, and erasures announced meanwhile are found. */
  private afterGap(sinceMs?: number): void {
    this.broadcastResync(sinceMs);
    for (const conversationId of this.listeners.keys()) if (conversationId !== EVERY_CONVERSATION) this.announceIfErased(conversationId);
  }

  waitUntilReady(): Promise<void> {
    return this.ready;
  }

  /** Conversations with at least one listener (metrics, benchmark). */
  get watchedConversationCount(): number {
    return this.listeners.keyCount - (this.listeners.has(EVERY_CONVERSATION) ? 1 : 0);
  }

  subscribe(conversationId: string, listener: ConversationEventListener): () => void {
    const unsubscribe = this.listeners.add(conversationId, listener);
    this.announceIfErased(conversationId);
    return unsubscribe;
  }

  /**
   * `erased` to the conversation's listeners (those still subscribed when the answer comes) when it
   * carries an erasure marker: any of them would end on it, as on the announcement.
   */
  private announceIfErased(conversationId: string): void {
    const { erased, logger } = this.options;
    if (erased === undefined) return;
    erased.isErased(conversationId).then(
      (isErased) => {
        if (isErased && !this.closed) this.listeners.emit(conversationId, { kind: 'erased' });
      },
      (error: unknown) => logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'conversation events: erasure check failed'),
    );
  }

  /** Every conversation's events (the operators' inbox stream). */
  subscribeAll(listener: ConversationEventListener): () => void {
    return this.listeners.add(EVERY_CONVERSATION, listener);
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
    let announcement: {
      id?: unknown;
      conversation_id?: unknown;
      event?: unknown;
      erased?: unknown;
      subscription_check?: unknown;
      sequence?: unknown;
      sent_at_ms?: unknown;
    };
    try {
      announcement = JSON.parse(payload) as typeof announcement;
    } catch {
      this.options.logger.warn('conversation events: unreadable announcement ignored');
      return;
    }
    if (announcement.subscription_check !== undefined) {
      if (announcement.subscription_check === this.hubId && typeof announcement.sequence === 'number') {
        this.heardCheck(announcement.sequence, typeof announcement.sent_at_ms === 'number' ? announcement.sent_at_ms : undefined);
      }
      return;
    }
    const erased = erasedConversationAnnounced(announcement);
    if (erased !== null) {
      this.listeners.emit(erased, { kind: 'erased' });
      this.listeners.emit(EVERY_CONVERSATION, { kind: 'conversation_erased', conversationId: erased });
      return;
    }
    if (typeof announcement.conversation_id !== 'string' || typeof announcement.id !== 'string') return;
    if (!this.listeners.has(announcement.conversation_id) && !this.listeners.has(EVERY_CONVERSATION)) return;
    const parsed = conversationEventSchema.safeParse(announcement.event);
    if (!parsed.success) return;
    const signal: ConversationSignal = { kind: 'event', entry: { id: announcement.id, event: parsed.data } };
    this.listeners.emit(announcement.conversation_id, signal);
    this.listeners.emit(EVERY_CONVERSATION, signal);
  }

  private broadcastResync(sinceMs?: number): void {
    this.listeners.emitToAll(sinceMs === undefined ? { kind: 'resync' } : { kind: 'resync', sinceMs });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.subscriberPing);
    clearInterval(this.subscriptionCheck);
    this.listeners.clear();
    // Not QUIT: a subscriber has nothing to finish, and its connection (no command deadline) waited
    // for QUIT's reply forever on a black-holed or stopped Redis, holding the API's shutdown until
    // its backstop. Closing the socket ends the subscriptions on the server too.
    this.options.subscriber.disconnect();
  }
}
