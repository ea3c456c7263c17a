import { describe, expect, it } from 'vitest';
import { FetchWatchdog, type FetchWatchdogOptions } from './fetch-watchdog.ts';

/** A watchdog over a worker described by `state`, checked by hand at chosen times. */
function watchdogOver(state: { freeSlot: boolean; waiting: number | Error; paused: boolean; lastPickupAt: number }) {
  const reports: Array<{ waitingJobs: number; sinceLastPickupMs: number }> = [];
  const options: FetchWatchdogOptions = {
    hasFreeSlot: () => state.freeSlot,
    lastPickupAt: () => state.lastPickupAt,
    waitingJobs: async () => {
      if (state.waiting instanceof Error) throw state.waiting;
      return state.waiting;
    },
    isPaused: async () => state.paused,
    stuckAfterMs: 60_000,
    checkEveryMs: 10_000,
    onStuck: (details) => reports.push(details),
  };
  const watchdog = new FetchWatchdog(options);
  return { reports, checkAt: (ms: number) => watchdog.check(() => ms) };
}

describe('FetchWatchdog', () => {
  it('reports once when jobs wait, a slot is free and nothing was taken for the whole period', async () => {
    const { reports, checkAt } = watchdogOver({ freeSlot: true, waiting: 40, paused: false, lastPickupAt: 0 });
    for (let at = 10_000; at <= 60_000; at += 10_000) await checkAt(at);
    expect(reports).toEqual([]);
    await checkAt(70_000);
    expect(reports).toEqual([{ waitingJobs: 40, sinceLastPickupMs: 70_000 }]);
    await checkAt(80_000);
    expect(reports).toHaveLength(1);
  });

  it('a job taken, an empty queue, a full worker or a pause starts the period over', async () => {
    const state = { freeSlot: true, waiting: 5 as number | Error, paused: false, lastPickupAt: 0 };
    const { reports, checkAt } = watchdogOver(state);
    await checkAt(10_000);
    await checkAt(50_000);
    state.lastPickupAt = 55_000;
    await checkAt(60_000);
    await checkAt(100_000);
    expect(reports).toEqual([]);
    state.freeSlot = false;
    await checkAt(130_000);
    state.freeSlot = true;
    await checkAt(140_000);
    state.paused = true;
    await checkAt(190_000);
    state.paused = false;
    await checkAt(200_000);
    state.waiting = 0;
    await checkAt(250_000);
    state.waiting = 3;
    await checkAt(260_000);
    expect(reports).toEqual([]);
    await checkAt(320_000);
    expect(reports).toHaveLength(1);
  });

  it('a check that cannot read the queue (Redis away) proves nothing', async () => {
    const state = { freeSlot: true, waiting: 7 as number | Error, paused: false, lastPickupAt: 0 };
    const { reports, checkAt } = watchdogOver(state);
    await checkAt(10_000);
    state.waiting = new Error('Connection is closed.');
    await checkAt(40_000);
    state.waiting = 7;
    await checkAt(50_000);
    await checkAt(100_000);
    expect(reports).toEqual([]);
    await checkAt(110_000);
    expect(reports).toHaveLength(1);
  });
});
