import type { Redis } from 'ioredis';
import type { RedisKeys } from '../redis/redis-keys.ts';
import { LuaScript } from '../redis/lua-script.ts';

/**
 * Per-conversation order (DESIGN.md property 1), Redis side. See docs/ordering.md for the whole
 * protocol and its failure analysis. All keys of one conversation share the hash tag `{c:<id>}`.
 */

/** ORDER, SEQUENCE and LEASE of an idle conversation vanish after this long. */
export const CONVERSATION_KEYS_TTL_MS = 7 * 24 * 3600 * 1000;
/** How long FINISHED remembers a job id (re-runs after a crash happen within the stall window). */
export const FINISHED_RETENTION_MS = 24 * 3600 * 1000;

export type AcquireOutcome =
  | { kind: 'head' }
  | { kind: 'wait'; position: number; headJobId: string }
  | { kind: 'already-finished' };

export type ReleaseOutcome = { kind: 'released' | 'not-in-order' | 'stale'; nextHeadJobId: string | null };

const acquireScript = new LuaScript(new URL('./lua/conversation-acquire.lua', import.meta.url));
const releaseScript = new LuaScript(new URL('./lua/conversation-release.lua', import.meta.url));
const healScript = new LuaScript(new URL('./lua/conversation-heal.lua', import.meta.url));

export class ConversationOrder {
  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
  ) {}

  /**
   * Submit side, error path: takes back a job admitted to ORDER whose BullMQ job could not be
   * created. Returns the head afterwards (to promote it when the withdrawn job was the head).
   */
  async withdraw(conversationId: string, jobId: string): Promise<string | null> {
    const order = this.keys.conversationOrder(conversationId);
    const replies = await this.redis.multi().lrem(order, 1, jobId).lindex(order, 0).exec();
    const head = replies?.[1]?.[1];
    return typeof head === 'string' ? head : null;
  }

  /** Submit side: is this job the head of its conversation now? */
  async isHead(conversationId: string, jobId: string): Promise<boolean> {
    return (await this.redis.lindex(this.keys.conversationOrder(conversationId), 0)) === jobId;
  }

  /** Worker side: may this pickup (job id + BullMQ token) run now? */
  async acquire(conversationId: string, jobId: string, token: string): Promise<AcquireOutcome> {
    const k = this.keys;
    const [kind, position, headJobId] = (await acquireScript.run(
      this.redis,
      [
        k.conversationOrder(conversationId),
        k.conversationFinished(conversationId),
        k.conversationSequence(conversationId),
        k.conversationLease(conversationId),
      ],
      [jobId, token, CONVERSATION_KEYS_TTL_MS],
    )) as [string, number, string];
    if (kind === 'finished') return { kind: 'already-finished' };
    if (kind === 'head') return { kind: 'head' };
    return { kind: 'wait', position, headJobId };
  }

  /** Worker side: the job's processing ended; returns the next head to promote. */
  async release(conversationId: string, jobId: string, token: string): Promise<ReleaseOutcome> {
    const k = this.keys;
    const [kind, head] = (await releaseScript.run(
      this.redis,
      [k.conversationOrder(conversationId), k.conversationFinished(conversationId), k.conversationLease(conversationId)],
      [jobId, token, FINISHED_RETENTION_MS],
    )) as ['released' | 'not-in-order' | 'stale', string];
    return { kind, nextHeadJobId: head === '' ? null : head };
  }

  /** Removes `deadJobId` only if it is still the head; returns whether it did and the new head. */
  async healDeadHead(conversationId: string, deadJobId: string): Promise<{ removed: boolean; nextHeadJobId: string | null }> {
    const k = this.keys;
    const [removed, head] = (await healScript.run(
      this.redis,
      [k.conversationOrder(conversationId), k.conversationFinished(conversationId), k.conversationLease(conversationId)],
      [deadJobId, FINISHED_RETENTION_MS],
    )) as [number, string];
    return { removed: removed === 1, nextHeadJobId: head === '' ? null : head };
  }

  /** Jobs of the conversation ahead of this one, or null when it is not in ORDER. */
  async positionOf(conversationId: string, jobId: string): Promise<number | null> {
    const position = await this.redis.lpos(this.keys.conversationOrder(conversationId), jobId);
    return position === null ? null : Number(position);
  }

  async isFinished(conversationId: string, jobId: string): Promise<boolean> {
    return (await this.redis.zscore(this.keys.conversationFinished(conversationId), jobId)) !== null;
  }

  /** Unfinished job ids, oldest first (diagnostics and tests). */
  async pendingJobIds(conversationId: string): Promise<string[]> {
    return this.redis.lrange(this.keys.conversationOrder(conversationId), 0, -1);
  }
}
