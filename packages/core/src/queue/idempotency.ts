import { createHash } from 'node:crypto';
import type { ChatRequest } from '../contract/chat-schemas.ts';
import type { RedisClient } from '../redis/redis-connection.ts';
import type { RedisKeys } from '../redis/redis-keys.ts';
import { LuaScript } from '../redis/lua-script.ts';

/**
 * Idempotency-Key memory: (conversation, key) -> {hash of the request body, job id}, kept
 * IDEMPOTENCY_TTL_SECONDS. Keys are scoped to their conversation: the record lives under the
 * conversation's hash tag, so the admission script reads and reserves it in the same atomic step
 * as the rate limit and the order (rate-limit-sliding-window.lua, "admit").
 *
 * Two steps so that concurrent duplicates create one job: the reservation (state "pending") made by
 * the admission, then `commit` once the job exists. Both last the full TTL. A rate-limited request
 * never reserves the key. A reservation whose job does not exist (its creation failed or timed out,
 * or its API died) is settled by the next request with the key and the same body: it creates the job
 * under the reserved id (ChatSubmitter), and BullMQ keeps one job per id even if the first creation
 * lands after all.
 */

export type IdempotencyRecordState = 'pending' | 'committed';

export interface IdempotencyRecord {
  bodyHash: string;
  jobId: string;
  state: IdempotencyRecordState;
}


const settleScript = new LuaScript(new URL('./lua/idempotency-settle.lua', import.meta.url));

interface StoredRecord {
  h: string;
  j: string;
  s: IdempotencyRecordState;
}

/** sha256 of the request body with its keys sorted (the same JSON in another key order is the same body). */
export function hashChatRequest(request: ChatRequest): string {
  const canonical = JSON.stringify(
    // An unset field is the same body whether it is absent or null.
    Object.fromEntries(Object.entries(request).filter(([, value]) => value !== undefined && value !== null).sort(([a], [b]) => (a < b ? -1 : 1))),
  );
  return createHash('sha256').update(canonical).digest('hex');
}

/** The record the admission stores for a fresh key (state pending). */
export function pendingIdempotencyRecord(bodyHash: string, jobId: string): string {
  const record: StoredRecord = { h: bodyHash, j: jobId, s: 'pending' };
  return JSON.stringify(record);
}

export function parseIdempotencyRecord(stored: string): IdempotencyRecord {
  const record = JSON.parse(stored) as StoredRecord;
  return { bodyHash: record.h, jobId: record.j, state: record.s };
}

export class IdempotencyStore {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: RedisKeys,
    private readonly ttlSeconds: number,
  ) {}

  /** Marks our reservation as bound to its (now existing) job for the full TTL. */
  async commit(conversationId: string, idempotencyKey: string, bodyHash: string, jobId: string): Promise<boolean> {
    const record: StoredRecord = { h: bodyHash, j: jobId, s: 'committed' };
    const settled = await settleScript.run(
      this.redis,
      [this.keys.idempotency(conversationId, idempotencyKey)],
      [jobId, 'commit', JSON.stringify(record), this.ttlSeconds * 1000],
    );
    return settled === 1;
  }

  /** Drops our reservation (only if it still names `jobId`): its job will never be created. */
  async abandon(conversationId: string, idempotencyKey: string, jobId: string): Promise<boolean> {
    const settled = await settleScript.run(this.redis, [this.keys.idempotency(conversationId, idempotencyKey)], [jobId, 'abandon']);
    return settled === 1;
  }

  async read(conversationId: string, idempotencyKey: string): Promise<IdempotencyRecord | null> {
    const stored = await this.redis.get(this.keys.idempotency(conversationId, idempotencyKey));
    return stored === null ? null : parseIdempotencyRecord(stored);
  }
}
