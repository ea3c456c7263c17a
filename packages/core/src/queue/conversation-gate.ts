import { DelayedError, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import type { Logger } from '../logging/logger.ts';
import type { RedisClient } from '../redis/redis-connection.ts';
import type { ChatQueue } from './chat-queue.ts';
import type { ConversationOrder, OrderEntry } from './conversation-order.ts';
import { chatJobExists, promoteIfDelayed } from './promote-job.ts';
import { JoblessEntries, UNKNOWN_HEAD_GRACE_MS } from './jobless-entries.ts';
import { LocalHeadWaiters } from './local-head-waiters.ts';

/**
 * The worker side of the per-conversation order (docs/ordering.md): a picked-up job runs only when
 * it is the head of its conversation's ORDER; otherwise it goes back to delayed (no attempt used)
 * until the head's release promotes it, or its backstop delay brings it back.
 */

export type GateEntry =
  /** This pickup holds the conversation. `nextAtPickup`: the entry behind it when it was picked up (see leave). */
  | { kind: 'run'; nextAtPickup: OrderEntry | null }
  /** Not in ORDER (a re-run after a crash between release and completion, or removed as dead): hold nothing. */
  | { kind: 'already-finished' }
  /** Taken back by the submit side after its creation failed (the visitor was answered 503): not run. */
  | { kind: 'withdrawn' };

const MAX_HEAL_ROUNDS = 3;
/** Times one pickup may park behind a head running in this process (see LocalHeadWaiters). */
const MAX_LOCAL_PARKS = 3;
/**
 * A message behind a head that has neither a worker nor a BullMQ job yet (its submitter may be slow,
 * or may have died between admission and creation) comes back after this long; that pickup checks
 * the head and, past the grace period, removes it if it is still missing.
 */
export const SUSPECT_HEAD_CHECK_DELAY_MS = UNKNOWN_HEAD_GRACE_MS + 500;
/** A pickup sent back until a suspect's grace ends comes back this much later (timers, clocks). */
const JOBLESS_RECHECK_MARGIN_MS = 50;

export class ConversationGate {
  /** Self-starting heads handed off by this process and not started here yet, with their check timer. */
  private readonly selfStartingWatches = new Map<string, NodeJS.Timeout>();
  /** Releases whose replies leave did not wait for (single Redis), until their hand-off is done. */
  private readonly releasesUnderWay = new Set<Promise<void>>();
  private readonly local = new LocalHeadWaiters();
  private readonly jobless: JoblessEntries;

  constructor(
    private readonly order: ConversationOrder,
    private readonly queue: ChatQueue,
    private readonly redis: RedisClient,
    private readonly backstopMs: number,
    private readonly logger: Logger,
  ) {
    this.jobless = new JoblessEntries(order, queue, redis, logger);
  }

  /**
   * `run`: this pickup holds the conversation. `already-finished`: the job is not in ORDER (a re-run
   * after a crash between release and BullMQ's completion, or an entry removed as dead): run without
   * holding anything. Otherwise moves the job back to delayed and throws BullMQ's DelayedError (the
   * processor must rethrow it).
   */
  async enter(job: Job, token: string, conversationId: string): Promise<GateEntry> {
    const jobId = String(job.id);
    this.stopWatching(jobId);
    // Picked up here: a later message of the conversation picked up meanwhile may park behind it.
    this.local.started(jobId);
    let entry: GateEntry | undefined;
    try {
      entry = await this.waitForTurn(job, token, conversationId);
      return entry;
    } finally {
      if (entry?.kind !== 'run') this.local.ended(jobId);
    }
  }

  private async waitForTurn(job: Job, token: string, conversationId: string): Promise<GateEntry> {
    const jobId = String(job.id);
    let parks = 0;
    for (let round = 0; round < MAX_HEAL_ROUNDS; round++) {
      const outcome = await this.order.acquire(conversationId, jobId, token);
      if (outcome.kind === 'head') return { kind: 'run', nextAtPickup: outcome.next };
      if (outcome.kind === 'not-in-order') return { kind: 'already-finished' };
      if (outcome.kind === 'withdrawn') return { kind: 'withdrawn' };

      const head = outcome.headJobId;
      // The head was picked up by this very process (it runs, or is about to): wait for its end here
      // (bounded), then acquire again, instead of going back to delayed and waiting for a promote.
      if (this.local.isRunningHere(head) && parks < MAX_LOCAL_PARKS) {
        parks += 1;
        if (await this.local.parkBehind(head, jobId)) {
          round -= 1;
          continue;
        }
        return this.sendBack(job, token, conversationId, this.backstopMs);
      }
      // A self-starting message that reached a worker while its head runs (leased): the head's release
      // will promote it; if that head died, the backstop pickup (no longer self-starting) checks it.
      if (outcome.wasSelfStarting && outcome.headLeased) break;
      const headState = await this.queue.getJobState(head);
      if (headState === 'unknown' && outcome.wasSelfStarting) {
        // The first pickup of a self-starting message comes an instant after its admission, so maybe
        // while its head's submitter is still creating the job: come back after the suspect-head
        // delay, recording nothing, as a message created delayed does; that pickup starts the grace.
        // Starting it here would give a slow head's submitter 1 s instead of 2.5 s.
        return this.sendBack(job, token, conversationId, SUSPECT_HEAD_CHECK_DELAY_MS);
      }
      if (headState === 'unknown') {
        // Admitted to ORDER an instant before its job is created (chat-submitter): the submitters get
        // the grace period; the ids at the head that stay without a job (their API process died in
        // between) are dead, and all go at once. Within their grace, come back when it ends, holding
        // no worker slot meanwhile; after a removal, acquire again.
        const settled = await this.jobless.settleAhead(conversationId, outcome.position, jobId);
        if (settled.removed === 0 && settled.recheckInMs > 0) {
          return this.sendBack(job, token, conversationId, settled.recheckInMs + JOBLESS_RECHECK_MARGIN_MS);
        }
        continue;
      }
      if (headState === 'completed' || headState === 'failed') {
        // A dead head (failed by the stall checker, removed by hand...): remove it if still the head.
        const healed = await this.order.healDeadHead(conversationId, head);
        if (healed.removed) {
          this.logger.warn({ conversationId, deadJobId: head, headState, jobId }, 'removed a dead head from the conversation order');
        }
        continue;
      }
      if (headState === 'delayed') {
        // A head that waits only for its backstop (never failed) may run now; one in retry backoff waits.
        const headJob = await this.queue.getJob(head);
        if (headJob && headJob.attemptsMade === 0) await promoteIfDelayed(this.queue, head, this.logger);
      }
      this.logger.debug({ conversationId, jobId, position: outcome.position, head }, 'waiting behind an earlier message');
      break;
    }
    return this.sendBack(job, token, conversationId, this.backstopMs);
  }

  /** Back to delayed for `delayMs`, no attempt used; throws BullMQ's DelayedError (the processor rethrows it). */
  private async sendBack(job: Job, token: string, conversationId: string, delayMs: number): Promise<never> {
    const jobId = String(job.id);
    await job.moveToDelayed(Date.now() + delayMs, token);
    // The head may have been released between the acquire and the move: its hand-off then found this
    // job not delayed yet (or skipped it: a pickup woken from parking whose acquire overtook the
    // release). Promote it now rather than after the delay.
    if ((await this.order.headJobId(conversationId)) === jobId) await promoteIfDelayed(this.queue, jobId, this.logger);
    throw new DelayedError();
  }

  /**
   * The job's processing ended: hand the conversation to the next job at once. `expectedNext` is the
   * entry that was behind this job at its pickup (GateEntry `nextAtPickup`); when it needs a promote,
   * that promote is sent right behind the release, and the release's reply tells whether the guess
   * was right (a wrong guess is only an early promote: that job's pickup finds it is not the head and
   * sends it back, as for any early pickup), so the hand-off costs one round trip.
   * On a single Redis, leave does not wait for the replies: the release and the promote are already
   * written on the connection BullMQ then completes the job on, so Redis runs them before the
   * completion, and the completion's fetch of a next job finds the promoted one (a wrong guess is
   * handed off when the reply comes; close() waits for those). On a cluster they go to other nodes
   * than BullMQ's keys: leave waits for them, so the release still precedes the completion.
   */
  leave(conversationId: string, jobId: string, token: string, expectedNext: OrderEntry | null = null): Promise<void> {
    const released = this.releaseAndHandOff(conversationId, jobId, token, expectedNext);
    if (!(this.redis instanceof Redis)) return released;
    const underWay = released.catch((error: unknown) =>
      this.logger.warn({ conversationId, jobId, err: error instanceof Error ? error.message : String(error) }, 'release or hand-off failed: a later pickup heals the conversation'),
    );
    this.releasesUnderWay.add(underWay);
    void underWay.finally(() => this.releasesUnderWay.delete(underWay));
    return Promise.resolve();
  }

  /** Every release that leave sent has been answered and its hand-off done (tests, close). */
  async settled(): Promise<void> {
    while (this.releasesUnderWay.size > 0) await Promise.all(this.releasesUnderWay);
  }

  private async releaseAndHandOff(conversationId: string, jobId: string, token: string, expectedNext: OrderEntry | null): Promise<void> {
    // A pickup parked here behind this job acquires again by itself: no promote for it.
    const nextParkedHere = expectedNext !== null && this.local.isParked(expectedNext.jobId);
    const promoteAhead = expectedNext !== null && !expectedNext.selfStarting && !expectedNext.leased && !nextParkedHere ? expectedNext.jobId : null;
    // Both commands are written now, in this order, before the first await.
    const releasing = this.order.release(conversationId, jobId, token);
    const promotingAhead = promoteAhead === null ? false : promoteIfDelayed(this.queue, promoteAhead, this.logger);
    // The pickups parked behind this job wake now: their acquires are written after the release.
    const wokenHere = this.local.ended(jobId, { released: true });
    const [released, promotedAhead] = await Promise.all([releasing, promotingAhead]);
    if (released.kind === 'stale') {
      this.logger.warn({ conversationId, jobId }, 'release skipped: this pickup lost its lock, the job runs elsewhere');
      return;
    }
    if (released.nextHead === null) return;
    // The new head was parked here: it acquires again by itself.
    if (wokenHere.includes(released.nextHead.jobId)) return;
    // A right guess that promoted: done. Otherwise the usual hand-off (a wrong guess, or a right one
    // whose promote was refused: its job is on its way already, or not created yet).
    if (promotedAhead && released.nextHead.jobId === promoteAhead && !released.nextHead.selfStarting) return;
    await this.handOff(conversationId, released.nextHead);
  }

  /**
   * The processor of `jobId` is done with it (whatever the outcome): pickups parked behind it stop
   * waiting and go back to delayed, since without a release the job is still the head (a retry, a
   * put-back during an outage); a no-op after leave, which wakes them to acquire as soon as the
   * release is written.
   */
  processingEnded(jobId: string): void {
    this.local.ended(jobId);
  }

  /** A job failed outside its processor (e.g. stalled too often): unblock its conversation if it is the head. */
  async healIfHead(conversationId: string, jobId: string): Promise<void> {
    const healed = await this.order.healDeadHead(conversationId, jobId);
    if (healed.removed) {
      this.logger.warn({ conversationId, jobId }, 'failed job removed from the conversation order');
      if (healed.nextHead) await this.handOff(conversationId, healed.nextHead);
    }
  }

  /**
   * Starts the new head: promotes its delayed job. A self-starting head was created waiting and
   * comes by itself, so it is not promoted. When there is no job to promote, a job that exists is
   * already on its way (waiting, active); a missing one is followed up in the background without
   * holding the processor (see followUpMissingHead).
   */
  private async handOff(conversationId: string, head: OrderEntry): Promise<void> {
    const headJobId = head.jobId;
    if (head.selfStarting) {
      this.watchSelfStartingHead(conversationId, headJobId);
      return;
    }
    if (await promoteIfDelayed(this.queue, headJobId, this.logger)) return;
    if (await chatJobExists(this.redis, this.queue, headJobId)) return;
    void this.followUpMissingHead(conversationId, headJobId).catch((error: unknown) =>
      this.logger.warn({ conversationId, headJobId, err: error instanceof Error ? error.message : String(error) }, 'hand-off follow-up failed'),
    );
  }

  /**
   * A self-starting head is on its way through BullMQ's wait list: nothing to do now. Only if it has
   * not started in this process within the grace period, and is still unstarted in ORDER, is its job
   * looked for: a missing one (its submitter died between admission and creation) is followed up.
   */
  private watchSelfStartingHead(conversationId: string, headJobId: string): void {
    this.stopWatching(headJobId);
    const timer = setTimeout(() => {
      this.selfStartingWatches.delete(headJobId);
      void (async () => {
        const head = await this.order.headEntry(conversationId);
        if (head === null || head.jobId !== headJobId || head.leased) return;
        if (await chatJobExists(this.redis, this.queue, headJobId)) return;
        await this.followUpMissingHead(conversationId, headJobId);
      })().catch((error: unknown) =>
        this.logger.warn({ conversationId, headJobId, err: error instanceof Error ? error.message : String(error) }, 'self-starting head check failed'),
      );
    }, UNKNOWN_HEAD_GRACE_MS);
    timer.unref();
    this.selfStartingWatches.set(headJobId, timer);
  }

  private stopWatching(jobId: string): void {
    const timer = this.selfStartingWatches.get(jobId);
    if (timer === undefined) return;
    clearTimeout(timer);
    this.selfStartingWatches.delete(jobId);
  }

  /**
   * Worker shutdown, before its connection closes: waits for the releases under way, then drops the
   * pending checks (a missing head is then found by a later pickup).
   */
  async close(): Promise<void> {
    this.local.wakeAll();
    await this.settled();
    for (const timer of this.selfStartingWatches.values()) clearTimeout(timer);
    this.selfStartingWatches.clear();
  }

  /**
   * The new head has no job yet: its submitter may be creating it this very moment, or its API
   * process died between admission and creation. Past the grace period it is removed (with the
   * entries behind it in the same case) and the conversation handed to the next one.
   */
  private async followUpMissingHead(conversationId: string, headJobId: string): Promise<void> {
    const nextHead = await this.jobless.followUpMissingHead(conversationId, headJobId);
    if (nextHead) await this.handOff(conversationId, nextHead);
  }
}
