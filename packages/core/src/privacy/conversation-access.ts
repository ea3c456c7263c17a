import { createHash, randomBytes } from 'node:crypto';
import { redisCommandMayHaveLanded } from '../errors/infrastructure-fault.ts';
import { RequestBudgetSpentError, type StepBudget } from '../errors/request-budget.ts';
import type { RedisClient } from '../redis/redis-connection.ts';
import type { RedisKeys } from '../redis/redis-keys.ts';
import { LuaScript } from '../redis/lua-script.ts';
import type { ConversationTokens } from './conversation-tokens.ts';
import type { ErasedConversations } from './erased-conversations.ts';
import { RetiredConversationIds } from './retired-conversation-ids.ts';
import { retryInBackground } from './retry-in-background.ts';

/**
 * Who may post into, read, stream or erase a conversation (docs/security.md).
 *
 * - A request with `Authorization: Bearer <token>` is allowed when the token is the conversation's.
 * - A post without a token is allowed, and gets the token, when it CLAIMS the conversation: a Redis
 *   `SET NX` that only the first post of a never-seen conversation wins. A conversation stored before
 *   tokens existed (v1, or v2 before the upgrade) is claimed once, by a post carrying its stored
 *   owner's user_id; the database marks a conversation whose token was issued (token_issued), so a
 *   Redis that lost its claims does not reopen that path. Everything else without a token is refused.
 * - `CONVERSATION_ACCESS=open` keeps today's behaviour (nothing refused) for a migration window;
 *   new conversations still get their token.
 * - An erased conversation is refused for a while (ErasedConversations), token or not; its id is
 *   never claimed again by a post without its token (retired-conversation-ids.ts; in Redis, and in the
 *   database, checked by the lookup a claim already makes).
 */

export type ConversationAccessMode = 'token' | 'open';

/**
 * What the request wants to do: posting may create (claim) the conversation; the rest never does.
 * A post's `idempotency` (its Idempotency-Key and the hash of its body, queue/idempotency.ts) lets a
 * retry of the creating post (its answer was lost) get the token again: the same key, the same
 * body, within the key's lifetime.
 */
export type ConversationAccessPurpose = { kind: 'post'; userId: string; idempotency?: { key: string; bodyHash: string } } | { kind: 'read' };

export type ConversationAccessDecision =
  | { kind: 'allowed'; via: 'token' | 'open_mode' }
  | {
      kind: 'allowed_with_new_token';
      via: 'new_conversation' | 'owner_first_post';
      token: string;
      /**
       * Identifies this request's claim: give it back with releaseClaim when the request is refused
       * later. Absent for the retry of a creating post (the claim belongs to the first attempt).
       */
      claimNonce?: string;
    }
  /** idempotency_conflict: a post without the token that reuses the creating post's Idempotency-Key with another body (answered 422). */
  | { kind: 'denied'; reason: 'token_missing' | 'token_invalid' | 'conversation_erased' | 'idempotency_conflict' };

/**
 * What the database says of a conversation id, for a post that won its claim: the stored
 * conversation (null: not stored; userId null: stored without an owner; tokenIssued: a token was
 * issued for it, so its owner's first post no longer claims it), and whether the id was erased less
 * than ERASED_ID_RETIREMENT_SECONDS ago. Both kept in Postgres so that a Redis that lost its claims
 * and retired-id keys still refuses them; one query, the one a first post already made.
 */
export interface ConversationClaimFacts {
  stored: { userId: string | null; tokenIssued: boolean } | null;
  retired: boolean;
}

export interface ConversationOwnerLookup {
  findConversationClaimFacts(conversationId: string): Promise<ConversationClaimFacts>;
}

const claimReleaseScript = new LuaScript(new URL('./lua/conversation-claim-release.lua', import.meta.url));
const claimTakeoverScript = new LuaScript(new URL('./lua/conversation-claim-takeover.lua', import.meta.url));
/**
 * A claim older than this that no admitted message and no stored conversation follow is orphaned:
 * its request answered 503 and its SET landed after every give-back (a Redis that stalled or failed
 * over with the command in flight kept the conversation claimed for a year, every retry refused
 * 401). The next first post takes it over. Longer than any request takes between its claim and
 * its message's admission.
 */
export const ORPHANED_CLAIM_AFTER_SECONDS = 10;
/** The time in seconds a claim's nonce ends with ("….<seconds>"); null for a nonce written before claims carried it. */
const claimTimeOf = (nonce: string): number | null => {
  const time = /\.(\d+)$/.exec(nonce)?.[1];
  return time === undefined ? null : Number(time);
};
/**
 * A claim whose reply was lost (a slow or cut connection: the SET may have been applied although the
 * request answered 503), or whose give-back failed, is given back again after these delays. Without
 * it the conversation stayed claimed for the claim's lifetime (a year and more) by a request that got
 * no token, and every later first post without an Idempotency-Key was refused with 401.
 */
const CLAIM_RELEASE_RETRY_DELAYS_MS: readonly number[] = [1_000, 5_000, 30_000];
/**
 * Prefix of a claim nonce derived from an Idempotency-Key: "idem.<digest of the ids and the key>.<body
 * hash>.<claim time in seconds>"; every retry of one post has the same digest and body hash.
 */
const IDEMPOTENT_NONCE_PREFIX = 'idem.';
/** How long a retry of a creating post gets its token again, by default (the Idempotency-Key's lifetime). */
const DEFAULT_RETRY_WINDOW_SECONDS = 24 * 3600;

export class ConversationAccess {
  private readonly redis: RedisClient;
  private readonly keys: RedisKeys;
  private readonly tokens: ConversationTokens;
  private readonly erased: ErasedConversations;
  private readonly owners: ConversationOwnerLookup;
  readonly mode: ConversationAccessMode;
  /** Lifetime of a claim (undefined: no expiry). */
  private readonly claimTtlSeconds: number | undefined;
  private readonly retired: RetiredConversationIds;
  private readonly retryWindowSeconds: number;

  constructor(deps: {
    redis: RedisClient;
    keys: RedisKeys;
    tokens: ConversationTokens;
    erased: ErasedConversations;
    owners: ConversationOwnerLookup;
    mode: ConversationAccessMode;
    claimTtlSeconds?: number;
    /** How long a retry of the creating post (same Idempotency-Key, same body) gets the token again: IDEMPOTENCY_TTL_SECONDS. */
    retryWindowSeconds?: number;
  }) {
    this.redis = deps.redis;
    this.keys = deps.keys;
    this.tokens = deps.tokens;
    this.erased = deps.erased;
    this.owners = deps.owners;
    this.mode = deps.mode;
    this.claimTtlSeconds = deps.claimTtlSeconds;
    this.retired = new RetiredConversationIds(deps.redis, deps.keys);
    this.retryWindowSeconds = deps.retryWindowSeconds ?? DEFAULT_RETRY_WINDOW_SECONDS;
  }

  /**
   * `bearerToken`: the token the request presented (undefined when it sent none). `budget`: the
   * request's time budget, checked before the claim and before the owner lookup (a claim made is
   * given back when the lookup is not started).
   */
  async decide(conversationId: string, bearerToken: string | undefined, purpose: ConversationAccessPurpose, budget?: StepBudget): Promise<ConversationAccessDecision> {
    // A tokenless post also asks whether the id was retired: both reads leave together (one round
    // trip, not two, before the claim: each costs a network's latency to every first post).
    const tokenlessPost = bearerToken === undefined && purpose.kind === 'post';
    const [erased, retired] = await Promise.all([this.erased.isErased(conversationId), tokenlessPost ? this.retired.isRetired(conversationId) : false]);
    if (erased) return { kind: 'denied', reason: 'conversation_erased' };
    if (bearerToken !== undefined) {
      if (this.tokens.verify(conversationId, bearerToken)) return { kind: 'allowed', via: 'token' };
      return this.mode === 'open' ? { kind: 'allowed', via: 'open_mode' } : { kind: 'denied', reason: 'token_invalid' };
    }
    if (purpose.kind === 'post') {
      // An erased conversation's id is never claimed again nor given a token: its former token would
      // open the new one. Refused with tokens; in open mode (anyone reads anything) let through, tokenless.
      if (retired) {
        return this.mode === 'token' ? { kind: 'denied', reason: 'conversation_erased' } : { kind: 'allowed', via: 'open_mode' };
      }
      budget?.beforeStep('conversation claim');
      const claimed = await this.claim(conversationId, purpose.userId, purpose.idempotency, budget);
      if (claimed !== undefined) return claimed;
    }
    return this.mode === 'open' ? { kind: 'allowed', via: 'open_mode' } : { kind: 'denied', reason: 'token_missing' };
  }

  /** Gives back a claim whose request was refused after the decision (idempotent). */
  async releaseClaim(conversationId: string, claimNonce: string): Promise<void> {
    try {
      await this.runClaimRelease(conversationId, claimNonce);
    } catch (error) {
      this.releaseClaimLater(conversationId, claimNonce);
      throw error;
    }
  }

  /**
   * Gives a claim back in the background, a few times (only the nonce's own claim is removed). Not a
   * claim whose nonce comes from an Idempotency-Key: every retry of that post has the same nonce and
   * finds its own claim again, so a late give-back could remove the claim a retry now holds.
   */
  private releaseClaimLater(conversationId: string, claimNonce: string): void {
    if (claimNonce.startsWith(IDEMPOTENT_NONCE_PREFIX)) return;
    retryInBackground(() => this.runClaimRelease(conversationId, claimNonce), CLAIM_RELEASE_RETRY_DELAYS_MS);
  }

  /** Removes the conversation's claim if it is still this nonce's. */
  private async runClaimRelease(conversationId: string, claimNonce: string): Promise<void> {
    await claimReleaseScript.run(this.redis, [this.keys.conversationClaim(conversationId)], [claimNonce]);
  }

  /** The conversation's token, for a caller already allowed (e.g. re-sent to its owner). */
  tokenOf(conversationId: string): string {
    return this.tokens.issue(conversationId);
  }

  private async claim(
    conversationId: string,
    userId: string,
    idempotency: { key: string; bodyHash: string } | undefined,
    budget: StepBudget | undefined,
  ): Promise<ConversationAccessDecision | undefined> {
    // With an Idempotency-Key, the nonce is derived from it, with the body's hash and the claim's time:
    // the same post retried within the key's lifetime finds its own claim (retryOutcome).
    const retryPrefix =
      idempotency === undefined
        ? undefined
        : `${IDEMPOTENT_NONCE_PREFIX}${createHash('sha256').update(`${conversationId}\u0000${userId}\u0000${idempotency.key}`).digest('base64url')}.`;
    // Both end with the claim's time in seconds (an orphaned claim is told by its age).
    const claimedAt = Math.floor(Date.now() / 1000);
    const nonce = retryPrefix === undefined ? `${randomBytes(12).toString('base64url')}.${claimedAt}` : `${retryPrefix}${idempotency!.bodyHash}.${claimedAt}`;
    const key = this.keys.conversationClaim(conversationId);
    let won: string | null;
    try {
      won =
        this.claimTtlSeconds === undefined
          ? await this.redis.set(key, nonce, 'NX')
          : await this.redis.set(key, nonce, 'EX', this.claimTtlSeconds, 'NX');
    } catch (error) {
      // The SET may have been applied although its reply was lost (a deadline, a connection cut
      // while it was in flight, which the fail-fast client reports as its retry limit): give the
      // claim back. A SET never sent (Redis known down) left nothing, and an Idempotency-Key's
      // retry finds its own claim. The same test as the submitter's take-back.
      if (!nonce.startsWith(IDEMPOTENT_NONCE_PREFIX) && redisCommandMayHaveLanded(error)) {
        this.releaseClaim(conversationId, nonce).catch(() => undefined);
      }
      throw error;
    }
    if (won !== 'OK') {
      const stored = await this.redis.get(key);
      if (retryPrefix !== undefined) {
        const outcome = this.retryOutcome(retryPrefix, idempotency!.bodyHash, stored);
        if (outcome === 'same-post') return { kind: 'allowed_with_new_token', via: 'new_conversation', token: this.tokens.issue(conversationId) };
        if (outcome === 'another-body') return { kind: 'denied', reason: 'idempotency_conflict' };
      }
      if (stored === null || !(await this.tookOverOrphanedClaim(conversationId, stored, nonce))) return undefined;
      return { kind: 'allowed_with_new_token', via: 'new_conversation', token: this.tokens.issue(conversationId), claimNonce: nonce };
    }
    let facts: ConversationClaimFacts;
    try {
      budget?.beforeStep('conversation owner lookup');
      facts = await this.owners.findConversationClaimFacts(conversationId);
    } catch (error) {
      const giveBack = this.releaseClaim(conversationId, nonce).catch(() => undefined);
      // Past the budget the 503 does not wait for the give-back (tried again in the background).
      if (!(error instanceof RequestBudgetSpentError)) await giveBack;
      throw error;
    }
    if (facts.retired) {
      // Erased: the Redis marker checked before the claim was lost (Redis restarted without it).
      await this.releaseClaim(conversationId, nonce);
      return this.mode === 'token' ? { kind: 'denied', reason: 'conversation_erased' } : { kind: 'allowed', via: 'open_mode' };
    }
    const stored = facts.stored;
    if (stored !== null && (stored.tokenIssued || stored.userId !== userId)) {
      // A stored conversation whose token was issued (its claim lost with Redis), or of someone else:
      // only the owner of a conversation stored before tokens may claim it, once.
      await this.releaseClaim(conversationId, nonce);
      return undefined;
    }
    return {
      kind: 'allowed_with_new_token',
      via: stored === null ? 'new_conversation' : 'owner_first_post',
      token: this.tokens.issue(conversationId),
      claimNonce: nonce,
    };
  }

  /**
   * Takes over an orphaned claim (ORPHANED_CLAIM_AFTER_SECONDS): older than that, no stored
   * conversation, and (checked with the swap, conversation-claim-takeover.lua) no admitted message.
   * A claim written before claims carried their time counts as old.
   */
  private async tookOverOrphanedClaim(conversationId: string, storedNonce: string, nonce: string): Promise<boolean> {
    // In open mode the post goes through without a token anyway.
    if (this.mode === 'open') return false;
    if (Date.now() / 1000 - (claimTimeOf(storedNonce) ?? 0) < ORPHANED_CLAIM_AFTER_SECONDS) return false;
    // A conversation with messages (its arrival counter) is not looked up in the database: a
    // tokenless post to it is refused as before, also while the database is away.
    const sequenceKey = this.keys.conversationSequence(conversationId);
    if ((await this.redis.exists(sequenceKey)) === 1) return false;
    try {
      const facts = await this.owners.findConversationClaimFacts(conversationId);
      if (facts.stored !== null || facts.retired) return false;
    } catch {
      return false; // the database is away: refused as before, the next post tries again
    }
    return (await claimTakeoverScript.run(this.redis, [this.keys.conversationClaim(conversationId), sequenceKey], [storedNonce, nonce, this.claimTtlSeconds ?? ''])) === 1;
  }

  /**
   * What a post without the token is to the conversation's claim: its creating post retried (same
   * ids, key and body, within the key's lifetime: it gets the token again), that post's key reused
   * with another body within it (422, as the queue answers such a key), or nothing of it.
   */
  private retryOutcome(retryPrefix: string, bodyHash: string, storedNonce: string | null): 'same-post' | 'another-body' | 'unrelated' {
    if (storedNonce === null || !storedNonce.startsWith(retryPrefix)) return 'unrelated';
    const claimedAt = claimTimeOf(storedNonce);
    if (claimedAt === null || Date.now() / 1000 - claimedAt > this.retryWindowSeconds) return 'unrelated';
    return storedNonce.slice(retryPrefix.length, storedNonce.lastIndexOf('.')) === bodyHash ? 'same-post' : 'another-body';
  }
}
