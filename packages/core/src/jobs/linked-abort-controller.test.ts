import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { LinkedAbortController } from './linked-abort-controller.ts';

describe('LinkedAbortController', () => {
  it('aborts with the reason of the first source that aborts, and only once', () => {
    const first = new AbortController();
    const second = new AbortController();
    const linked = new LinkedAbortController([first.signal, undefined, second.signal]);
    expect(linked.signal.aborted).toBe(false);
    second.abort(new Error('second'));
    first.abort(new Error('first'));
    expect(linked.signal.aborted).toBe(true);
    expect((linked.signal.reason as Error).message).toBe('second');
  });

  it('aborts at once when a source is already aborted', () => {
    const source = new AbortController();
    source.abort('gone');
    const linked = new LinkedAbortController([source.signal]);
    expect(linked.signal.aborted).toBe(true);
    expect(linked.signal.reason).toBe('gone');
  });

  it('aborts on its own, keeping its own reason when a source aborts afterwards', () => {
    const source = new AbortController();
    const linked = new LinkedAbortController([source.signal]);
    linked.abort('deadline');
    source.abort('shutdown');
    expect(linked.signal.reason).toBe('deadline');
  });

  it('leaves no listener on a long-lived source after dispose, so many jobs do not pile up listeners', () => {
    const shutdown = new AbortController();
    for (let job = 0; job < 1000; job++) new LinkedAbortController([shutdown.signal]).dispose();
    expect(getEventListeners(shutdown.signal, 'abort')).toHaveLength(0);
    const disposed = new LinkedAbortController([shutdown.signal]);
    disposed.dispose();
    shutdown.abort('shutdown');
    expect(disposed.signal.aborted).toBe(false);
  });
});
