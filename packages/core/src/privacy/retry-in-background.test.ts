import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { retryInBackground } from './retry-in-background.ts';

// Fake timers: each delay passes when the test says so, not when a loaded machine gets to it (with
// real timers and a 150 ms wait, the second attempt sometimes had not run yet: 1 run in 10 under load).
beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('retryInBackground', () => {
  it('tries after each delay until an attempt succeeds, then stops', async () => {
    let attempts = 0;
    const givenUp: unknown[] = [];
    retryInBackground(
      async () => {
        attempts += 1;
        if (attempts < 2) throw new Error('Redis away');
      },
      [10, 20, 30],
      (error) => givenUp.push(error),
    );
    expect(attempts).toBe(0);
    await vi.advanceTimersByTimeAsync(9);
    expect(attempts).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(attempts).toBe(1);
    await vi.advanceTimersByTimeAsync(19);
    expect(attempts).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(attempts).toBe(2);
    // Succeeded: the third delay is never used.
    await vi.advanceTimersByTimeAsync(1_000);
    expect(attempts).toBe(2);
    expect(givenUp).toEqual([]);
  });

  it('hands the last error over once every delay is spent', async () => {
    let attempts = 0;
    const givenUp: unknown[] = [];
    retryInBackground(
      async () => {
        attempts += 1;
        throw new Error(`refused ${attempts}`);
      },
      [10, 10],
      (error) => givenUp.push(error),
    );
    await vi.advanceTimersByTimeAsync(10);
    expect(attempts).toBe(1);
    expect(givenUp).toEqual([]);
    await vi.advanceTimersByTimeAsync(10);
    expect(attempts).toBe(2);
    expect(givenUp).toEqual([new Error('refused 2')]);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(attempts).toBe(2);
    expect(givenUp).toHaveLength(1);
  });
});
