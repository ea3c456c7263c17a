import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { StopSignalsDuringStart, type StopSignal } from './stop-signals-during-start.ts';

/** A stop signal at each phase of a worker's start: exit, drain once ready, or drain at once. */
function startingProcess() {
  const signals = new EventEmitter();
  const calls: Array<{ kind: 'shutdown' | 'stop_at_once' | 'deferred_expired'; signal: StopSignal }> = [];
  const stops = new StopSignalsDuringStart({
    shutdown: (signal) => calls.push({ kind: 'shutdown', signal }),
    stopAtOnce: (signal) => calls.push({ kind: 'stop_at_once', signal }),
    deferredDeadlineMs: 35_000,
    deferredExpired: (signal) => calls.push({ kind: 'deferred_expired', signal }),
    signals: { on: (event: string, listener: () => void) => signals.on(event, listener) } as Pick<NodeJS.Process, 'on'>,
  });
  return { signals, calls, stops };
}

describe('stop signals while a process starts', () => {
  it('before any job can run: stops at once, nothing to drain', () => {
    const { signals, calls } = startingProcess();
    signals.emit('SIGINT');
    expect(calls).toEqual([{ kind: 'stop_at_once', signal: 'SIGINT' }]);
  });

  it('once jobs may run: the drain waits for the process to be ready, then runs once', () => {
    const { signals, calls, stops } = startingProcess();
    stops.jobsMayRun();
    signals.emit('SIGTERM');
    signals.emit('SIGINT');
    expect(calls).toEqual([]);
    expect(stops.waitingStop).toBe('SIGTERM');
    stops.ready();
    expect(calls).toEqual([{ kind: 'shutdown', signal: 'SIGTERM' }]);
  });

  it('once ready: the drain at once', () => {
    const { signals, calls, stops } = startingProcess();
    stops.jobsMayRun();
    stops.ready();
    expect(calls).toEqual([]);
    signals.emit('SIGTERM');
    expect(calls).toEqual([{ kind: 'shutdown', signal: 'SIGTERM' }]);
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('once jobs may run but the start never ends (a dependency stopped answering): the stop expires at its deadline', () => {
    vi.useFakeTimers();
    const { signals, calls, stops } = startingProcess();
    stops.jobsMayRun();
    signals.emit('SIGTERM');
    vi.advanceTimersByTime(34_999);
    expect(calls).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(calls).toEqual([{ kind: 'deferred_expired', signal: 'SIGTERM' }]);
  });

  it('a remembered stop whose process becomes ready in time drains once, its deadline dropped', () => {
    vi.useFakeTimers();
    const { signals, calls, stops } = startingProcess();
    stops.jobsMayRun();
    signals.emit('SIGINT');
    stops.ready();
    vi.advanceTimersByTime(60_000);
    expect(calls).toEqual([{ kind: 'shutdown', signal: 'SIGINT' }]);
  });
});
