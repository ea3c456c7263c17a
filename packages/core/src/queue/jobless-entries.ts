import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../logging/logger.ts';
import type { RedisClient } from '../redis/redis-connection.ts';
import type { ChatQueue } from './chat-queue.ts';
import type { ConversationOrder, JoblessSettlement, OrderEntry } from './conversation-order.ts';
import { chatJobExists, jobIdsWithoutJob, promoteIfDelayed } from './promote-job.ts';

/** How long an id may sit in ORDER without its BullMQ job before it counts as dead. */
export const UNKNOWN_HEAD_GRACE_MS = 1_000;
/** After a hand-off to a job that does not exist yet, the promote is tried again after these pauses (the grace, in all). */
const HAND_OFF_RETRY_PAUSES_MS = [50, 200, 750];
/** Settles a follow-up tries at most: a suspect's grace may end a few ms after the pauses (clocks). */
const MAX_FOLLOW_UP_SETTLES = 3;

const NOTHING_SETTLED: JoblessSettlement = { removed: 0, headRemoved: false, nextHead: null, recheckInMs: 0 };

/**
 * ORDER entries whose BullMQ job was never created (docs/ordering.md, failure 1). A submitter admits
 * a message an instant before creating its job, so an id without a job is dead only once it stayed
 * so for the grace period; an API process that died between the two leaves one such id per message
 * it was submitting, several in one conversation after a burst. Every id at the head seen without a job is
 * recorded in Redis with the time it was first seen so (conversation-remove-jobless.lua): whichever
 * process looks again past the grace removes all those still without a job in one step. Only the
 * run of such entries at the head is settled (up to the first entry with a job): one behind a live
 * message blocks nothing yet and its submitter may only be slow, so it is judged once reached. A
 * conversation waits one grace period for the dead entries at its head, not one each, and no worker
 * slot is held meanwhile.
 */
export class JoblessEntries {
  constructor(
    private readonly order: ConversationOrder,
    private readonly queue: ChatQueue,
    private readonly redis: RedisClient,
    private readonly logger: Logger,
  ) {}

  /**
   * A pickup found a head without a job: the first `entriesAhead` entries (those ahead of `jobId`)
   * without a job are settled. `recheckInMs` > 0: some are within their grace; come back then.
   */
  async settleAhead(conversationId: string, entriesAhead: number, jobId: string): Promise<JoblessSettlement> {
    const ahead = await this.order.firstEntries(conversationId, entriesAhead);
    const jobless = await jobIdsWithoutJob(this.redis, this.queue, ahead.map((entry) => entry.jobId));
    if (jobless.length === 0) return NOTHING_SETTLED;
    return this.settle(conversationId, jobless, jobId);
  }

  /**
   * A hand-off found its new head without a job: it is promoted as soon as the job appears (its
   * submitter is creating it); past the grace period it is dead, and with it every entry right behind it that had no
   * job at the start and still has none. Returns the head to hand off to when the dead head was
   * removed here, else null (its job appeared, or another process removed it and handed off).
   */
  async followUpMissingHead(conversationId: string, headJobId: string): Promise<OrderEntry | null> {
    let settled = await this.settleAll(conversationId);
    if (settled.headRemoved) return settled.nextHead;
    for (const pause of HAND_OFF_RETRY_PAUSES_MS) {
      await sleep(pause);
      if (await promoteIfDelayed(this.queue, headJobId, this.logger)) return null;
      if (await chatJobExists(this.redis, this.queue, headJobId)) return null;
    }
    for (let attempt = 0; attempt < MAX_FOLLOW_UP_SETTLES; attempt++) {
      settled = await this.settleAll(conversationId);
      if (settled.headRemoved) return settled.nextHead;
      if (settled.recheckInMs === 0) {
        // Not removed and not within its grace: its job was created (delayed) just after the last
        // look, or another process settled it. Promote it (refused unless it is delayed).
        await promoteIfDelayed(this.queue, headJobId, this.logger);
        return null;
      }
      if (settled.nextHead?.jobId !== headJobId) return null;
      await sleep(settled.recheckInMs);
    }
    return null;
  }

  /** Every entry of the conversation without a job now is settled. */
  private async settleAll(conversationId: string): Promise<JoblessSettlement> {
    const jobless = await jobIdsWithoutJob(this.redis, this.queue, await this.order.pendingJobIds(conversationId));
    if (jobless.length === 0) return NOTHING_SETTLED;
    return this.settle(conversationId, jobless, null);
  }

  private async settle(conversationId: string, jobless: string[], jobId: string | null): Promise<JoblessSettlement> {
    const settled = await this.order.settleJobless(conversationId, jobless, UNKNOWN_HEAD_GRACE_MS);
    if (settled.removed > 0) {
      this.logger.warn({ conversationId, removed: settled.removed, jobId }, 'removed entries whose job was never created from the conversation order');
    }
    return settled;
  }
}
