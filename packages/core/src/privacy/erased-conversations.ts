import { createHash, randomBytes } from 'node:crypto';
import { LuaScript } from '../redis/lua-script.ts';
import type { RedisClient } from '../redis/redis-connection.ts';
import type { RedisKeys } from '../redis/redis-keys.ts';

/**
 * Erasure markers ("tombstones"). Erasing a conversation sets one BEFORE deleting anything; while it
 * lives, the API refuses the conversation (410) and a worker that was already running one of its
 * messages stores nothing and cleans up after itself, so an erased conversation never comes back.
 * The key is named by a SHA-256 digest of the id: the marker itself holds no conversation id.
 *
 * A marker is held by every erasure that set it (one hash field per erasure call, its "hold"): an
 * erasure that fails before erasing anything takes its own hold back (`release`), so the visitor's
 * retry is not refused, while a hold of another erasure (finished, or still running) keeps the marker.
 */

/** Longer than any job of the conversation can still run (attempts × deadline + backoffs + stalls). */
export const ERASURE_MARKER_TTL_SECONDS = 24 * 3600;

const holdScript = new LuaScript(new URL('./lua/erasure-marker-hold.lua', import.meta.url));
const releaseScript = new LuaScript(new URL('./lua/erasure-marker-release.lua', import.meta.url));

export function conversationIdDigest(conversationId: string): string {
  return createHash('sha256').update('lac-conversation\u0000').update(conversationId, 'utf8').digest('hex');
}

/** A new hold: one per erasure call, so that call can take back exactly the markers it set. */
export function newErasureHold(): string {
  return randomBytes(12).toString('base64url');
}

export class ErasedConversations {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: RedisKeys,
  ) {}

  /** Marks the conversation erased under `hold` (a fresh one by default: a mark that is never taken back). */
  async mark(conversationId: string, hold: string = newErasureHold()): Promise<void> {
    await holdScript.run(this.redis, [this.markerKey(conversationId)], [hold, ERASURE_MARKER_TTL_SECONDS]);
  }

  /** Takes back `hold` (idempotent); the marker goes only when no other erasure holds it. */
  async release(conversationId: string, hold: string): Promise<void> {
    await releaseScript.run(this.redis, [this.markerKey(conversationId)], [hold]);
  }

  async isErased(conversationId: string): Promise<boolean> {
    return (await this.redis.exists(this.markerKey(conversationId))) === 1;
  }

  private markerKey(conversationId: string): string {
    return this.keys.erasedConversation(conversationIdDigest(conversationId));
  }
}
