import { Queue } from 'bullmq';
import type { Logger } from '../logging/logger.ts';
import type { RedisClient } from '../redis/redis-connection.ts';
import { globEscape, type RedisKeys } from '../redis/redis-keys.ts';
import { scanEveryMaster } from '../redis/scan-every-master.ts';
import type { ErasedConversations } from './erased-conversations.ts';
import type { ErasedIdentifiers } from './privacy-store.ts';
import { logQueueErrorsQuietly } from '../logging/queue-error-events.ts';
import { identifiersNamedIn, namesAnyOf } from './job-data-identifiers.ts';
import { RetiredConversationIds } from './retired-conversation-ids.ts';
import { erasureAnnouncementOf } from './erasure-announcement.ts';

/**
 * Erases every trace of some conversations and users from Redis under the stack's prefix:
 *
 * - our keys of each conversation (rate limit, order, sequence, claim, order entries seen without their job, Idempotency-Key records) and
 *   each user's client window; each conversation id is retired first (retired-conversation-ids.ts);
 * - BullMQ jobs (any queue: chat, escalations, ...) whose data, result or progress names one of the
 *   erased conversations, users or escalation cases in its id fields (job-data-identifiers.ts: by
 *   field, never by substring), or is one of the erased job ids; the whole hash goes, failure
 *   text included.
 *   A queued job is removed; a running one cannot be (it is locked): the erasure marker makes its
 *   worker store nothing and erase again when it ends, and it is reported as `jobs_running`;
 * - entries of the queues' event streams about those jobs.
 *
 * Conversations found only in Redis (a message still queued, never stored) are erased too, and
 * marked before anything is deleted. Works on one Redis and on a cluster (every master is scanned).
 */

export interface RedisErasureCounts {
  redis_keys: number;
  jobs_removed: number;
  jobs_running: number;
  events: number;
}

/** The JSON fields of a job hash whose id fields name what the job is about (job-data-identifiers.ts); the hash goes whole. */
const JOB_JSON_FIELDS = ['data', 'returnvalue', 'progress'] as const;
/** Scans of the jobs at most, each with the conversations the one before learned (see erase). */
const MAX_JOB_SCAN_PASSES = 3;

export class RedisTraceEraser {
  private readonly queues = new Map<string, Queue>();

  private readonly retired: RetiredConversationIds;

  constructor(
    private readonly redis: RedisClient,
    private readonly keys: RedisKeys,
    private readonly erased: ErasedConversations,
    private readonly logger: Logger,
  ) {
    this.retired = new RetiredConversationIds(redis, keys);
  }

  async erase(identifiers: ErasedIdentifiers): Promise<{ counts: RedisErasureCounts; conversationIds: string[] }> {
    const conversationIds = new Set(identifiers.conversationIds);
    const userIds = new Set(identifiers.userIds);
    const jobIds = new Set(identifiers.jobIds);
    const counts: RedisErasureCounts = { redis_keys: 0, jobs_removed: 0, jobs_running: 0, events: 0 };

    // 1. The jobs: every job hash under the prefix that names an erased id in an id field. A chat job
    // may name a conversation the database no longer knows (a user erased again after a partial
    // failure); the jobs that name only that conversation (the hand-over's, one holding the
    // visitor's text) are then found by another pass, until a pass learns no conversation.
    const matchingJobs = new Map<string, { queueName: string; jobId: string }>();
    const streams = new Set<string>();
    const bullPrefix = `${this.keys.prefix}:`;
    for (let pass = 0; pass < MAX_JOB_SCAN_PASSES; pass += 1) {
      const erasedIds = { conversationIds: new Set(conversationIds), userIds, escalationIds: new Set(identifiers.escalationIds) };
      await scanEveryMaster(this.redis, `${globEscape(this.keys.prefix)}:*`, async (found) => {
        const types = await Promise.all(found.map((key) => this.redis.type(key)));
        const hashes = found.filter((key, index) => types[index] === 'hash' && !matchingJobs.has(key));
        for (const key of found.filter((_, index) => types[index] === 'stream')) streams.add(key);
        const fields = await Promise.all(hashes.map((key) => this.redis.hmget(key, ...JOB_JSON_FIELDS)));
        hashes.forEach((key, index) => {
          const values = fields[index]!;
          const data = values[0];
          if (data === null || data === undefined || !key.startsWith(bullPrefix)) return; // not a job
          const rest = key.slice(bullPrefix.length);
          const separator = rest.indexOf(':');
          if (separator < 0) return;
          const job = { queueName: rest.slice(0, separator), jobId: rest.slice(separator + 1) };
          if (jobIds.has(job.jobId) || namesAnyOf(identifiersNamedIn(values), erasedIds)) {
            matchingJobs.set(key, job);
            // A message still queued names a conversation the database may not know yet.
            const conversationId = conversationIdOf(data);
            if (conversationId !== undefined) conversationIds.add(conversationId);
          }
        });
      });
      if (conversationIds.size === erasedIds.conversationIds.size) break;
    }

    // 2. Mark every conversation before deleting anything: a running job of it will not store its answer.
    await Promise.all([...conversationIds].map((conversationId) => this.erased.mark(conversationId)));
    // Streams and long-polls of these conversations, open in any API process, end now; one that
    // subscribes after this announcement finds the marker (ConversationEventHub checks it).
    await Promise.all(
      [...conversationIds].map((conversationId) =>
        this.redis.publish(this.keys.conversationEventsChannel(), erasureAnnouncementOf(conversationId)).catch((error: unknown) => {
          this.logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'could not announce an erasure to open streams');
        }),
      ),
    );

    // 3. Remove the jobs (a running job is locked: its worker erases again when it ends).
    for (const job of matchingJobs.values()) {
      jobIds.add(job.jobId);
      const removed = await this.queueNamed(job.queueName).remove(job.jobId);
      if (removed === 1) counts.jobs_removed += 1;
      else counts.jobs_running += 1;
    }

    // 4. Our keys of each conversation and user. Each id is retired before its claim goes: a new
    // first post of it would get the very token the erased conversation's holder kept.
    await Promise.all([...conversationIds].map((conversationId) => this.retired.retire(conversationId)));
    const fixedKeys = [
      ...[...conversationIds].flatMap((conversationId) => this.keys.conversationKeys(conversationId)),
      ...[...userIds].map((userId) => this.keys.clientRateLimit('user', userId)),
    ];
    const deleted = await Promise.all(fixedKeys.map((key) => this.redis.del(key)));
    counts.redis_keys += deleted.reduce((sum, count) => sum + count, 0);
    for (const conversationId of conversationIds) {
      for (const pattern of [this.keys.idempotencyPattern(conversationId), this.keys.withdrawnPattern(conversationId)]) {
        await scanEveryMaster(this.redis, pattern, async (found) => {
          const removed = await Promise.all(found.map((key) => this.redis.del(key)));
          counts.redis_keys += removed.reduce((sum, count) => sum + count, 0);
        });
      }
    }

    // 5. Event stream entries about the erased jobs (completed events carry the answer).
    const erasedIds = { conversationIds, userIds, escalationIds: new Set(identifiers.escalationIds) };
    for (const stream of streams) counts.events += await this.eraseStreamEntries(stream, jobIds, erasedIds);

    this.logger.info({ conversations: conversationIds.size, users: userIds.size, ...counts }, 'redis traces erased');
    return { counts, conversationIds: [...conversationIds] };
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((queue) => queue.close().catch(() => undefined)));
  }

  private async eraseStreamEntries(stream: string, jobIds: ReadonlySet<string>, erasedIds: Parameters<typeof namesAnyOf>[1]): Promise<number> {
    let erasedEntries = 0;
    let start = '-';
    for (;;) {
      const entries = (await this.redis.xrange(stream, start, '+', 'COUNT', 1000)) as Array<[string, string[]]>;
      if (entries.length === 0) return erasedEntries;
      const doomed: string[] = [];
      for (const [id, fields] of entries) {
        const values = fields.filter((_, index) => index % 2 === 1);
        const mentions = values.some((value) => jobIds.has(value)) || namesAnyOf(identifiersNamedIn(values), erasedIds);
        if (mentions) doomed.push(id);
      }
      if (doomed.length > 0) erasedEntries += await this.redis.xdel(stream, ...doomed);
      if (entries.length < 1000) return erasedEntries;
      start = `(${entries.at(-1)![0]}`;
    }
  }

  private queueNamed(name: string): Queue {
    let queue = this.queues.get(name);
    if (queue === undefined) {
      queue = new Queue(name, { connection: this.redis, prefix: this.keys.prefix });
      logQueueErrorsQuietly(queue, undefined, { queue: name });
      this.queues.set(name, queue);
    }
    return queue;
  }
}

function conversationIdOf(data: string): string | undefined {
  try {
    const parsed = JSON.parse(data) as { conversation_id?: unknown };
    return typeof parsed.conversation_id === 'string' ? parsed.conversation_id : undefined;
  } catch {
    return undefined;
  }
}
