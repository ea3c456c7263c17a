import { describe, expect, it } from 'vitest';
import { SubscriptionCheckLedger } from './subscription-check-ledger.ts';

/**
 * The hub's checks, one every 2 s, heard back at the times given. A stall whose backlog comes back
 * late and with a check lost in it is one gap, read back once (the late check and the missing
 * number each answered with a resync of every listener before: every open stream of the process
 * read its conversation back twice), and always from before the stall began, also when the
 * backlog comes back little by little.
 */
const INTERVAL = 2_000;
const START = 1_000_000;
/** When check `n` was sent. */
const sentAt = (n: number) => START + n * INTERVAL;

function ledger() {
  const checks = new SubscriptionCheckLedger({ intervalMs: INTERVAL, lateMs: 5_000, maxLookbackMs: 60_000 });
  const verdicts: Array<ReturnType<SubscriptionCheckLedger['heard']>> = [];
  const hear = (n: number, at: number, options: { withoutSendTime?: boolean } = {}) => {
    const verdict = checks.heard(n, options.withoutSendTime ? undefined : sentAt(n), at);
    if (verdict !== null) verdicts.push(verdict);
    return verdict;
  };
  return { checks, verdicts, hear };
}

describe('SubscriptionCheckLedger', () => {
  it('checks heard on time, in order: nothing to read back', () => {
    const { verdicts, hear } = ledger();
    for (let n = 1; n <= 10; n += 1) hear(n, sentAt(n) + 300);
    expect(verdicts).toEqual([]);
  });

  it('late first, then the number after a lost one: one resync, from before the stall', () => {
    const { verdicts, hear } = ledger();
    hear(1, sentAt(1) + 100);
    // Checks 2 to 5 sent during a stall; the backlog comes back at once, 3 lost in it.
    const back = sentAt(5) + 500;
    hear(2, back);
    hear(4, back);
    hear(5, back);
    expect(verdicts).toEqual([{ reason: 'heard_late', resyncSinceMs: sentAt(1) - INTERVAL }]);
  });

  it('the number after a lost one first, then late ones: one resync, from before the stall', () => {
    const { verdicts, hear } = ledger();
    hear(1, sentAt(1) + 1);
    const back = sentAt(6) + 1_500;
    for (const n of [3, 4, 5, 6]) hear(n, back);
    expect(verdicts).toHaveLength(1);
    expect(verdicts[0]!.reason).toBe('number_missing');
    expect(verdicts[0]!.resyncSinceMs).toBeLessThanOrEqual(sentAt(2));
  });

  it('a backlog given back little by little: read back from the last check heard promptly, not from the first one flagged late', () => {
    const { verdicts, hear } = ledger();
    hear(1, sentAt(1) + 200);
    hear(2, sentAt(2) + 4_000); // late, not yet past 5 s: the stall began before it was sent
    hear(3, sentAt(3) + 5_500);
    expect(verdicts).toEqual([{ reason: 'heard_late', resyncSinceMs: sentAt(1) - INTERVAL }]);
  });

  it('a later stall is read back again, from before it', () => {
    const { verdicts, hear } = ledger();
    hear(1, sentAt(1) + 100);
    hear(2, sentAt(5) + 500);
    hear(4, sentAt(5) + 500);
    hear(5, sentAt(5) + 500);
    hear(6, sentAt(6) + 100);
    const back = sentAt(10) + 500;
    hear(7, back);
    hear(8, back);
    hear(10, back);
    expect(verdicts).toHaveLength(2);
    expect(verdicts[1]).toEqual({ reason: 'heard_late', resyncSinceMs: sentAt(6) - INTERVAL });
  });

  it('reads back at most the look-back before the check that showed the stall', () => {
    const { verdicts, hear } = ledger();
    hear(1, sentAt(1) + 100);
    // Every check since came 3 s late (slow, not stalled), then one 6 s late, 100 checks on.
    for (let n = 2; n < 100; n += 1) hear(n, sentAt(n) + 3_000);
    hear(100, sentAt(100) + 6_000);
    expect(verdicts).toEqual([{ reason: 'heard_late', resyncSinceMs: sentAt(100) - 60_000 - INTERVAL }]);
  });

  it('checks of an older hub (no send time): only a missing number counts, read back from the last one heard', () => {
    const { verdicts, hear } = ledger();
    hear(1, sentAt(1) + 100, { withoutSendTime: true });
    expect(hear(2, sentAt(2) + 9_000, { withoutSendTime: true })).toBeNull();
    hear(4, sentAt(4) + 100, { withoutSendTime: true });
    expect(verdicts).toEqual([{ reason: 'number_missing', resyncSinceMs: sentAt(2) + 9_000 - INTERVAL }]);
  });

  it('says when a check was last heard, for the hub to replace a subscription that hears none', () => {
    const { checks, hear } = ledger();
    expect(checks.lastHeardAt).toBeUndefined();
    hear(1, sentAt(1) + 100);
    expect(checks.lastHeardAt).toBe(sentAt(1) + 100);
  });
});
