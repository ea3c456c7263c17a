import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { WorkerShuttingDownError } from './drain-worker.ts';
import { isWorkerShutdown, unlessShutDown } from './job-shutdown.ts';

describe('unlessShutDown', () => {
  it("gives the step's value and leaves no listener on the worker's long-lived signal", async () => {
    const shutdown = new AbortController();
    for (let index = 0; index < 20; index += 1) expect(await unlessShutDown(Promise.resolve(index), shutdown.signal)).toBe(index);
    await expect(unlessShutDown(Promise.reject(new Error('read failed')), shutdown.signal)).rejects.toThrow('read failed');
    expect(getEventListeners(shutdown.signal, 'abort')).toHaveLength(0);
  });

  it('throws the shutdown reason as soon as the signal aborts, without waiting for the step', async () => {
    const shutdown = new AbortController();
    const neverEnding = new Promise<never>(() => undefined);
    const waiting = unlessShutDown(neverEnding, shutdown.signal);
    shutdown.abort(new WorkerShuttingDownError());
    const error = await waiting.catch((caught: unknown) => caught);
    expect(isWorkerShutdown(error)).toBe(true);
    // Already aborted: the step is not waited for at all.
    await expect(unlessShutDown(neverEnding, shutdown.signal)).rejects.toBeInstanceOf(WorkerShuttingDownError);
    expect(isWorkerShutdown(new Error('worker shutting down'))).toBe(false);
  });
});
