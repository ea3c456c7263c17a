import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { ChatRequest } from '../contract/chat-schemas.ts';
import type { RedisKeys } from '../redis/redis-keys.ts';
import { LuaScript } from '../redis/lua-script.ts';

/**
 * Idempotency-Key memory: key -> {hash of the request body, job id}, kept IDEMPOTENCY_TTL_SECONDS.
 *
 * Two steps so that concurrent duplicates create one job: `reserve` (atomic, SET-if-absent with a
 * short TTL) before anything else, then `commit` once the job exists (full TTL) or `abandon` when
 * the request does not create a job (rate limited, enqueue failed) so the key can be used again.
 */

export type IdempotencyRecordState = 'pending' | 'committed';

export interface IdempotencyRecord {
  bodyHash: string;
  jobId: string;
  state: IdempotencyRecordState;
}

export type ReserveOutcome = { kind: 'reserved' } | { kind: 'exists'; record: IdempotencyRecord };

/** A pending reservation frees itself after this long if its submitter died before settling it. */
export const PENDING_RESERVATION_TTL_MS = 30_000;

const reserveScript = new LuaScript(new URL('./lua/idempotency-reserve.lua', import.meta.url));
const settleScript = new LuaScript(new URL('./lua/idempotency-settle.lua', import.meta.url));

interface StoredRecord {
  h: string;
  j: string;
  s: IdempotencyRecordState;
}

/** sha256 of the request body with its keys sorted (the same JSON in another key order is the same body). */
export function hashChatRequest(request: ChatRequest): string {
  const canonical = JSON.stringify(
    Object.fromEntries(Object.entries(request).filter(([, value]) => value !== undefined).sort(([a], [b]) => (a < b ? -1 : 1))),
  );
  return createHash('sha256').update(canonical).digest('hex');
}

export class IdempotencyStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
    private readonly ttlSeconds: number,
  ) {}

  async reserve(idempotencyKey: string, bodyHash: string, jobId: string): Promise<ReserveOutcome> {
    const record: StoredRecord = { h: bodyHash, j: jobId, s: 'pending' };
    const reply = (await reserveScript.run(
      this.redis,
      [this.keys.idempotency(idempotencyKey)],
      [JSON.stringify(record), PENDING_RESERVATION_TTL_MS],
    )) as [string, string?];
    if (reply[0] === 'reserved') return { kind: 'reserved' };
    const stored = JSON.parse(String(reply[1])) as StoredRecord;
    return { kind: 'exists', record: { bodyHash: stored.h, jobId: stored.j, state: stored.s } };
  }

  /** Marks our reservation as bound to its (now existing) job for the full TTL. */
  async commit(idempotencyKey: string, bodyHash: string, jobId: string): Promise<boolean> {
    const record: StoredRecord = { h: bodyHash, j: jobId, s: 'committed' };
    const settled = await settleScript.run(
      this.redis,
      [this.keys.idempotency(idempotencyKey)],
      [jobId, 'commit', JSON.stringify(record), this.ttlSeconds * 1000],
    );
    return settled === 1;
  }

  /** Drops our reservation (no job was created for it). */
  async abandon(idempotencyKey: string, jobId: string): Promise<boolean> {
    const settled = await settleScript.run(this.redis, [this.keys.idempotency(idempotencyKey)], [jobId, 'abandon', '', 0]);
    return settled === 1;
  }

  async read(idempotencyKey: string): Promise<IdempotencyRecord | null> {
    const stored = await this.redis.get(this.keys.idempotency(idempotencyKey));
    if (stored === null) return null;
    const record = JSON.parse(stored) as StoredRecord;
    return { bodyHash: record.h, jobId: record.j, state: record.s };
  }
}
