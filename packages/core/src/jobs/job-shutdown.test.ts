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

  it('already aborted: a step that fails afterwards is dropped too, never an unhandled rejection (that ends the process)', async () => {
    const shutdown = new AbortController();
    shutdown.abort(new WorkerShuttingDownError());
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => void unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      // A read started after the abort (the retention sweep's next batch), failing later (the database away).
      let fail!: (error: Error) => void;
      const step = new Promise<never>((_resolve, reject) => (fail = reject));
      await expect(unlessShutDown(step, shutdown.signal)).rejects.toBeInstanceOf(WorkerShuttingDownError);
      fail(new Error('query failed after the shutdown'));
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
