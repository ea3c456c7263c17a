/**
 * Every Redis key of ours, in one place. Keys of one conversation share the
 * hash tag `{c:<conversation id>}` so a Lua script touching them all stays in
 * one Redis Cluster slot; conversations spread over slots. BullMQ's own keys
 * use the prefix as given (`<prefix>:<queue>:...`).
 *
 * Conversation ids are free strings: they are encoded (encodeURIComponent) so
 * that `{`, `}` and `:` inside an id cannot break the hash tag or the layout.
 */
export class RedisKeys {
  constructor(readonly prefix: string) {}

  private conversationTag(conversationId: string): string {
    return `{c:${encodeURIComponent(conversationId)}}`;
  }

  /** Sorted set of accepted message timestamps (sliding-window rate limit). */
  rateLimit(conversationId: string): string {
    return `${this.prefix}:rl:${this.conversationTag(conversationId)}`;
  }

  /** List of job ids of the conversation not yet finished, in arrival order (head runs). */
  conversationOrder(conversationId: string): string {
    return `${this.prefix}:order:${this.conversationTag(conversationId)}`;
  }

  /** Per-conversation arrival counter. */
  conversationSequence(conversationId: string): string {
    return `${this.prefix}:seq:${this.conversationTag(conversationId)}`;
  }

  /** Set of job ids of the conversation that finished (kept for a while, for re-runs after crashes). */
  conversationFinished(conversationId: string): string {
    return `${this.prefix}:done:${this.conversationTag(conversationId)}`;
  }

  /** Which pickup (job id + BullMQ token) currently runs the conversation's head job. */
  conversationLease(conversationId: string): string {
    return `${this.prefix}:lease:${this.conversationTag(conversationId)}`;
  }

  idempotency(key: string): string {
    return `${this.prefix}:idem:${encodeURIComponent(key)}`;
  }

  /** Daily spend counters, reservations (provider layer). */
  dailySpend(day: string): string {
    return `${this.prefix}:spend:${day}`;
  }

  /** Daily operation counters (HTTP 5xx answers) for the owner's dashboard. */
  dailyOperations(day: string): string {
    return `${this.prefix}:ops:${day}`;
  }
}
