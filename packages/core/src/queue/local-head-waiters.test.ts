import { describe, expect, it } from 'vitest';
import { LocalHeadWaiters } from './local-head-waiters.ts';

describe('LocalHeadWaiters', () => {
  it('wakes a pickup parked behind a head running here when that head ends', async () => {
    const waiters = new LocalHeadWaiters(5_000);
    waiters.started('head');
    const parked = waiters.parkBehind('head', 'next');
    expect(waiters.isParked('next')).toBe(true);
    expect(waiters.ended('head', { released: true })).toEqual(['next']);
    await expect(parked).resolves.toBe(true);
    expect(waiters.isParked('next')).toBe(false);
    expect(waiters.isRunningHere('head')).toBe(false);
  });

  it('gives up after the bound, and ending the head later wakes nobody', async () => {
    const waiters = new LocalHeadWaiters(30);
    waiters.started('head');
    const started = performance.now();
    await expect(waiters.parkBehind('head', 'next')).resolves.toBe(false);
    expect(performance.now() - started).toBeGreaterThanOrEqual(25);
    expect(waiters.isParked('next')).toBe(false);
    expect(waiters.ended('head')).toEqual([]);
  });

  it('sends the parked pickups back when the head ends without a release (it stays the head)', async () => {
    const waiters = new LocalHeadWaiters(5_000);
    waiters.started('head');
    const parked = waiters.parkBehind('head', 'next');
    expect(waiters.ended('head')).toEqual([]);
    await expect(parked).resolves.toBe(false);
    expect(waiters.isParked('next')).toBe(false);
  });

  it('does not park behind a head that does not run here', async () => {
    const waiters = new LocalHeadWaiters(5_000);
    await expect(waiters.parkBehind('elsewhere', 'next')).resolves.toBe(true);
    expect(waiters.isParked('next')).toBe(false);
  });

  it('wakeAll (shutdown) makes every parked pickup give up', async () => {
    const waiters = new LocalHeadWaiters(5_000);
    waiters.started('a');
    waiters.started('b');
    const parked = [waiters.parkBehind('a', 'a2'), waiters.parkBehind('a', 'a3'), waiters.parkBehind('b', 'b2')];
    waiters.wakeAll();
    await expect(Promise.all(parked)).resolves.toEqual([false, false, false]);
    expect(waiters.ended('a')).toEqual([]);
  });
});
