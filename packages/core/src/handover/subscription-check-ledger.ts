/**
 * The conversation event hub's bookkeeping of its own numbered checks (conversation-event-hub.ts):
 * each hub publishes a check on its channel every `intervalMs` and hears it back through its
 * subscription. What is heard tells whether the subscription may have missed messages:
 *
 * - a number missing: a check was lost, and so may the events published around it;
 * - a check heard `lateMs` or more after it was sent: the subscription stalled, and what the stalled
 *   node's peers held for it meanwhile may be gone even when every check comes back (a Redis
 *   Cluster node that hung 15 s gave its backlog back in order, an event missing).
 *
 * Either way the listeners read back (`resync`) from before the stall: from the last check heard
 * promptly (the subscription delivered until then), at most `maxLookbackMs` before the check that
 * showed the stall, less one interval for the clocks of the hosts. The checks of one stall come
 * back together, late and maybe with a number missing: one resync for them, not one each. Pure (no
 * clock, no Redis): the hub gives it the times.
 */
export interface SubscriptionCheckVerdict {
  reason: 'number_missing' | 'heard_late';
  /** Read back events after this time (stream ids are times). */
  resyncSinceMs: number;
}

export class SubscriptionCheckLedger {
  private lastHeard: { sequence: number; at: number } | undefined;
  private lastPromptSentAt: number | undefined;
  /** The last resync: from `sinceMs`, decided at `at` (its readers read everything published before). */
  private lastResync: { sinceMs: number; at: number } | undefined;

  constructor(private readonly timing: { intervalMs: number; lateMs: number; maxLookbackMs: number }) {}

  /** When a check was last heard (undefined before the first). */
  get lastHeardAt(): number | undefined {
    return this.lastHeard?.at;
  }

  /** Check `sequence`, sent at `sentAtMs` (undefined from an older hub), heard at `now`: a resync to make, or null. */
  heard(sequence: number, sentAtMs: number | undefined, now: number): SubscriptionCheckVerdict | null {
    const { intervalMs, lateMs, maxLookbackMs } = this.timing;
    const previous = this.lastHeard;
    this.lastHeard = { sequence, at: now };
    const numberMissing = previous !== undefined && sequence !== previous.sequence + 1;
    const heardLate = sentAtMs !== undefined && now - sentAtMs >= lateMs;
    const stalledFrom = this.lastPromptSentAt;
    if (sentAtMs !== undefined && now - sentAtMs <= intervalMs) this.lastPromptSentAt = sentAtMs;
    if (!numberMissing && !heardLate) return null;

    const shownAt = sentAtMs ?? previous!.at;
    const from = Math.min(shownAt, numberMissing ? previous!.at : shownAt, Math.max(stalledFrom ?? shownAt, shownAt - maxLookbackMs));
    const resyncSinceMs = from - intervalMs;
    // A resync decided after this check was sent, from no later, already read back what it could have missed.
    const last = this.lastResync;
    if (last !== undefined && last.at > shownAt && last.sinceMs <= resyncSinceMs) return null;
    this.lastResync = { sinceMs: resyncSinceMs, at: now };
    return { reason: numberMissing ? 'number_missing' : 'heard_late', resyncSinceMs };
  }
}
