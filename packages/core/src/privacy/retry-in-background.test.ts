import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { retryInBackground } from './retry-in-background.ts';

describe('retryInBackground', () => {
  it('tries after each delay until an attempt succeeds, then stops', async () => {
    let attempts = 0;
    const givenUp: unknown[] = [];
    retryInBackground(
      async () => {
        attempts += 1;
        if (attempts < 2) throw new Error('Redis away');
      },
      [10, 10, 10],
      (error) => givenUp.push(error),
    );
    expect(attempts).toBe(0);
    await sleep(150);
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
    await sleep(150);
    expect(attempts).toBe(2);
    expect(givenUp).toEqual([new Error('refused 2')]);
  });
});
