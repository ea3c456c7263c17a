import type { RedisClient } from '../redis/redis-connection.ts';
import type { RedisKeys } from '../redis/redis-keys.ts';
import { LuaScript } from '../redis/lua-script.ts';

/**
 * Per-conversation order (docs/properties.md, property 1), Redis side. See docs/ordering.md for the whole
 * protocol and its failure analysis. All keys of one conversation share the hash tag `{c:<id>}`.
 * ORDER holds job ids: `<job id>` (created delayed: the hand-off that makes it head promotes it),
 * `<job id>|~` (self-starting: admitted behind a head that no worker ran yet, its job is created
 * waiting and reaches a worker by itself), and the head reads `<job id>|<BullMQ token>` while a
 * pickup runs it (the lease).
 */

/** ORDER and SEQUENCE of an idle conversation vanish after this long (ORDER also when it empties). */
export const CONVERSATION_KEYS_TTL_MS = 7 * 24 * 3600 * 1000;

export type AcquireOutcome =
  /** `next`: the entry behind the head at this pickup (the likely next head), null when none. */
  | { kind: 'head'; next: OrderEntry | null }
  /** `wasSelfStarting`: this job's entry was self-starting (its first pickup, the acquire removed the mark). */
  | { kind: 'wait'; position: number; headJobId: string; headLeased: boolean; wasSelfStarting: boolean }
  | { kind: 'not-in-order' }
  /** Not in ORDER, taken back by the submit side after its creation failed (answered 503): never run. */
  | { kind: 'withdrawn' };

/** An ORDER entry: the job id, whether a pickup holds it (lease), whether its job was created waiting. */
export interface OrderEntry {
  jobId: string;
  leased: boolean;
  selfStarting: boolean;
}

export interface JoblessSettlement {
  removed: number;
  headRemoved: boolean;
  nextHead: OrderEntry | null;
  recheckInMs: number;
}

export type ReleaseOutcome = { kind: 'released' | 'not-in-order' | 'stale'; nextHead: OrderEntry | null };

/** The suffix of a self-starting entry (`<job id>|~`); any other suffix after `|` is a lease. */
export const SELF_STARTING_MARK = '~';

export function parseOrderEntry(entry: string): OrderEntry {
  const bar = entry.indexOf('|');
  if (bar < 0) return { jobId: entry, leased: false, selfStarting: false };
  const suffix = entry.slice(bar + 1);
  return { jobId: entry.slice(0, bar), leased: suffix !== SELF_STARTING_MARK, selfStarting: suffix === SELF_STARTING_MARK };
}

function orderEntryOrNull(entry: string): OrderEntry | null {
  return entry === '' ? null : parseOrderEntry(entry);
}

const acquireScript = new LuaScript(new URL('./lua/conversation-acquire.lua', import.meta.url));
const releaseScript = new LuaScript(new URL('./lua/conversation-release.lua', import.meta.url));
const healScript = new LuaScript(new URL('./lua/conversation-heal.lua', import.meta.url));
const removeJoblessScript = new LuaScript(new URL('./lua/conversation-remove-jobless.lua', import.meta.url));

export class ConversationOrder {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: RedisKeys,
  ) {}

  /** Worker side: may this pickup (job id + BullMQ token) run now? */
  async acquire(conversationId: string, jobId: string, token: string): Promise<AcquireOutcome> {
    const keys = [this.keys.conversationOrder(conversationId), this.keys.withdrawnMessage(conversationId, jobId)];
    const [kind, position, head, wasSelfStarting] = (await acquireScript.run(this.redis, keys, [jobId, token])) as [
      string,
      number,
      string,
      number | undefined,
    ];
    if (kind === 'head') return { kind: 'head', next: orderEntryOrNull(head) };
    if (kind === 'not-in-order') return { kind: 'not-in-order' };
    if (kind === 'withdrawn') return { kind: 'withdrawn' };
    const entry = parseOrderEntry(head);
    return { kind: 'wait', position, headJobId: entry.jobId, headLeased: entry.leased, wasSelfStarting: wasSelfStarting === 1 };
  }

  /** Worker side: the job's processing ended; returns the next head to start. */
  async release(conversationId: string, jobId: string, token: string): Promise<ReleaseOutcome> {
    const [kind, head] = (await releaseScript.run(this.redis, [this.keys.conversationOrder(conversationId)], [jobId, token])) as [
      'released' | 'not-in-order' | 'stale',
      string,
    ];
    return { kind, nextHead: orderEntryOrNull(head) };
  }

  /** Removes `deadJobId` only if it is still the head; returns whether it did and the new head. */
  async healDeadHead(conversationId: string, deadJobId: string): Promise<{ removed: boolean; nextHead: OrderEntry | null }> {
    const [removed, head] = (await healScript.run(this.redis, [this.keys.conversationOrder(conversationId)], [deadJobId])) as [number, string];
    return { removed: removed === 1, nextHead: orderEntryOrNull(head) };
  }

  /**
   * These ids have no BullMQ job now (checked by the caller): from the head up to the first entry not
   * among them, each is recorded as seen so, and those seen so for `graceMs` or longer are removed
   * from ORDER (conversation-remove-jobless.lua); entries behind that first one are left alone.
   * `headRemoved`: the head was one of them, so `nextHead` needs a hand-off; `recheckInMs`: when the
   * next remaining suspect's grace ends (0: none remains).
   */
  async settleJobless(conversationId: string, joblessJobIds: string[], graceMs: number): Promise<JoblessSettlement> {
    const keys = [this.keys.conversationOrder(conversationId), this.keys.joblessSuspects(conversationId)];
    const [removed, headRemoved, head, recheckInMs] = (await removeJoblessScript.run(this.redis, keys, [graceMs, ...joblessJobIds])) as [
      number,
      number,
      string,
      number,
    ];
    return { removed, headRemoved: headRemoved === 1, nextHead: orderEntryOrNull(head), recheckInMs };
  }

  /** The first `count` entries (the ones ahead of the job at position `count`). */
  async firstEntries(conversationId: string, count: number): Promise<OrderEntry[]> {
    if (count <= 0) return [];
    const entries = await this.redis.lrange(this.keys.conversationOrder(conversationId), 0, count - 1);
    return entries.map(parseOrderEntry);
  }

  /** The head's entry (id, lease, self-starting mark), or null when the conversation has nothing pending. */
  async headEntry(conversationId: string): Promise<OrderEntry | null> {
    const head = await this.redis.lindex(this.keys.conversationOrder(conversationId), 0);
    return head === null ? null : parseOrderEntry(head);
  }

  /** The head's bare job id, or null when the conversation has nothing pending. */
  async headJobId(conversationId: string): Promise<string | null> {
    const head = await this.redis.lindex(this.keys.conversationOrder(conversationId), 0);
    return head === null ? null : parseOrderEntry(head).jobId;
  }

  /** Jobs of the conversation ahead of this one, or null when it is not in ORDER. */
  async positionOf(conversationId: string, jobId: string): Promise<number | null> {
    const position = (await this.pendingJobIds(conversationId)).indexOf(jobId);
    return position < 0 ? null : position;
  }

  /** Unfinished job ids (bare), oldest first (diagnostics, job views and tests). */
  async pendingJobIds(conversationId: string): Promise<string[]> {
    const entries = await this.redis.lrange(this.keys.conversationOrder(conversationId), 0, -1);
    return entries.map((entry) => parseOrderEntry(entry).jobId);
  }
}
