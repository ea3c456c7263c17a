/**
 * Every Redis key of ours, in one place. Keys of one conversation share the hash tag
 * `{c:<conversation id>}` so a Lua script touching them all stays in one Redis Cluster slot, and
 * different conversations spread over the slots. BullMQ's own keys use the prefix as given
 * (`<prefix>:<queue>:...`); on a cluster that prefix carries BullMQ's hash tag (`{lac}`), which is
 * why our keys drop the prefix's braces: `{lac}:order:{c:x}` would put every conversation in the
 * slot of `lac`, `lac:order:{c:x}` puts it in the slot of `c:x`.
 *
 * Conversation ids are free strings: they are encoded (encodeURIComponent) so that `{`, `}` and `:`
 * inside an id cannot break the hash tag or the layout.
 */
/** Escapes the glob characters of a SCAN pattern's literal part. */
export const globEscape = (text: string): string => text.replace(/[*?[\]\\]/g, (character) => `\\${character}`);

export class RedisKeys {
  /** The prefix without hash-tag braces: the namespace of our own keys. */
  readonly namespace: string;

  constructor(readonly prefix: string) {
    this.namespace = prefix.replace(/[{}]/g, '');
  }

  /** The hash tag of one conversation: every key of it carries this, so they share a cluster slot. */
  conversationTag(conversationId: string): string {
    return `{c:${encodeURIComponent(conversationId)}}`;
  }

  /** Sorted set of accepted message timestamps (sliding-window rate limit). */
  rateLimit(conversationId: string): string {
    return `${this.namespace}:rl:${this.conversationTag(conversationId)}`;
  }

  /** List of job ids of the conversation not yet finished, in arrival order (head runs). */
  conversationOrder(conversationId: string): string {
    return `${this.namespace}:order:${this.conversationTag(conversationId)}`;
  }

  /** Per-conversation arrival counter. */
  conversationSequence(conversationId: string): string {
    return `${this.namespace}:seq:${this.conversationTag(conversationId)}`;
  }

  /**
   * Marks a message taken back after its job's creation failed (conversation-withdraw.lua): a creation
   * that lands late (a command that timed out, re-sent after a failover) is not run (same slot as ORDER).
   */
  withdrawnMessage(conversationId: string, jobId: string): string {
    return `${this.namespace}:withdrawn:${this.conversationTag(conversationId)}:${encodeURIComponent(jobId)}`;
  }

  /**
   * Hash: ORDER entries seen without their BullMQ job (job id → when first seen so, ms): past the
   * grace period such an entry is dead (conversation-remove-jobless.lua; same slot as ORDER).
   */
  joblessSuspects(conversationId: string): string {
    return `${this.namespace}:jobless:${this.conversationTag(conversationId)}`;
  }

  /** Stream of the conversation's events (messages, hand-over state changes), for SSE resumption. */
  conversationEvents(conversationId: string): string {
    return `${this.namespace}:events:${this.conversationTag(conversationId)}`;
  }

  /** Pub/sub channel announcing every conversation event (one subscription per API process). */
  conversationEventsChannel(): string {
    return `${this.namespace}:conversation-events`;
  }

  /** An Idempotency-Key's record; keys are scoped to their conversation (same slot as its order). */
  idempotency(conversationId: string, key: string): string {
    return `${this.namespace}:idem:${this.conversationTag(conversationId)}:${encodeURIComponent(key)}`;
  }

  /** Daily spend counters, reservations (provider layer). */
  dailySpend(day: string): string {
    return `${this.namespace}:spend:${day}`;
  }

  /** Daily operation counters (HTTP 5xx answers) for the owner's dashboard. */
  dailyOperations(day: string): string {
    return `${this.namespace}:ops:${day}`;
  }
  // ---- Privacy keys (issue 11, docs/security.md) ----
  /** Marks that a conversation's token was issued (its creation, or the owner's first post after the upgrade). */
  conversationClaim(conversationId: string): string {
    return `${this.namespace}:claim:${this.conversationTag(conversationId)}`;
  }

  /**
   * Set while an erased conversation's jobs may still run: named by a digest of the id, so that the
   * marker itself holds no conversation id. The worker checks it before storing anything.
   */
  erasedConversation(conversationIdDigest: string): string {
    return `${this.namespace}:erased:${conversationIdDigest}`;
  }

  /** Claims of every conversation (a SCAN pattern). */
  everyConversationClaim(): string {
    return `${globEscape(this.namespace)}:claim:*`;
  }

  /** The conversation id a claim key names (conversationClaim), or null for another key. */
  conversationIdOfClaim(key: string): string | null {
    const match = /^\{c:(.*)\}$/.exec(key.startsWith(`${this.namespace}:claim:`) ? key.slice(this.namespace.length + ':claim:'.length) : '');
    return match === null ? null : decodeURIComponent(match[1]!);
  }

  /** Set once the stored conversations claimed in this Redis are marked in the database (privacy/claim-marks-backfill.ts). */
  claimMarksBackfilled(): string {
    return `${this.namespace}:claim-marks-backfilled`;
  }

  /** An erased conversation's id, never claimed again by a first post (privacy/retired-conversation-ids.ts); named by the same digest. */
  retiredConversation(conversationIdDigest: string): string {
    return `${this.namespace}:retired:${conversationIdDigest}`;
  }

  /** Sliding window of one client (`kind`: `addr` per address, `user` per user_id, their 24-hour `addrday` and `userday`, `newconv` per address). */
  clientRateLimit(kind: 'addr' | 'user' | 'addrday' | 'userday' | 'newconv', client: string): string {
    return `${this.namespace}:crl:${kind}:{k:${encodeURIComponent(client)}}`;
  }

  /**
   * Sliding window of failed admin logins of one client address (`address`), of one login name from
   * addresses it never logged in from (`login`), or from addresses it did (`login_from_known_address`).
   */
  adminLoginFailures(subject: AdminLoginSubject): string {
    return `${this.namespace}:admin-fail:${adminLoginSubjectTag(subject)}`;
  }

  /** Present for 30 days after `login` logged in from `address` (AdminLoginThrottle.rememberSuccessfulLogin). */
  adminLoginKnownAddress(login: string, address: string): string {
    return `${this.namespace}:admin-known:{l:${encodeURIComponent(login)}}:${encodeURIComponent(address)}`;
  }

  /** Present while a lockout of `subject` has been logged (AdminLoginThrottle.claimLockoutNotice). */
  adminLoginLockoutNoticed(subject: AdminLoginSubject): string {
    return `${this.namespace}:admin-lock-noticed:${adminLoginSubjectTag(subject)}`;
  }

  /**
   * Present while an API process serves the operators' inbox (an admin login is configured): a person
   * can then answer a visitor in the conversation (handover/operator-inbox-advert.ts).
   */
  operatorInboxServed(): string {
    return `${this.namespace}:operator-inbox-served`;
  }

  /**
   * Present while an API process runs without the operators' inbox (no admin login): with no
   * `operatorInboxServed` beside it, nobody can answer a visitor in the conversation. Neither key
   * (Redis's data lost, no API for two minutes) says nothing: a person can, as before the adverts.
   */
  operatorInboxNotServed(): string {
    return `${this.namespace}:operator-inbox-not-served`;
  }

  /** The generated HMAC key of conversation tokens (when CONVERSATION_TOKEN_SECRET is not set). */
  conversationTokenSecret(): string {
    return `${this.namespace}:secret:conversation-token`;
  }

  /** Every fixed-name key of one conversation held by our own code (idempotency records: idempotencyPattern). */
  conversationKeys(conversationId: string): string[] {
    return [
      this.rateLimit(conversationId),
      this.conversationOrder(conversationId),
      this.conversationSequence(conversationId),
      this.conversationClaim(conversationId),
      this.joblessSuspects(conversationId),
      // The conversation's event stream holds message texts (hand-over, issue 12).
      this.conversationEvents(conversationId),
    ];
  }
  /** SCAN pattern of the conversation's withdrawn-message markers (they name it). */
  withdrawnPattern(conversationId: string): string {
    return `${this.namespace}:withdrawn:${globEscape(this.conversationTag(conversationId))}:*`;
  }

  /** SCAN pattern of the conversation's Idempotency-Key records. */
  idempotencyPattern(conversationId: string): string {
    return `${this.namespace}:idem:${globEscape(this.conversationTag(conversationId))}:*`;
  }
  // ---- end of the privacy keys ----
}

/** Whose failed admin logins a window counts: a client address, or a login name (whoever tries it). */
export type AdminLoginSubject =
  | { kind: 'address'; address: string }
  | { kind: 'login'; login: string }
  | { kind: 'login_from_known_address'; login: string };

function adminLoginSubjectTag(subject: AdminLoginSubject): string {
  if (subject.kind === 'address') return `{a:${encodeURIComponent(subject.address)}}`;
  return subject.kind === 'login' ? `{l:${encodeURIComponent(subject.login)}}` : `{l:${encodeURIComponent(subject.login)}}:known`;
}
