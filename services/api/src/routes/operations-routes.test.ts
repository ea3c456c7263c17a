import { describe, expect, it } from 'vitest';
import { sharedWhileInProgress } from './operations-routes.ts';

describe('sharedWhileInProgress', () => {
  it('gives callers that come while a call is in progress that call, and keeps nothing once it settled', async () => {
    let calls = 0;
    let finish: (value: string) => void = () => undefined;
    const check = sharedWhileInProgress(() => {
      calls += 1;
      return new Promise<string>((resolve) => (finish = resolve));
    });
    const together = Array.from({ length: 10 }, () => check());
    expect(calls).toBe(1);
    finish('healthy');
    expect(await Promise.all(together)).toEqual(Array(10).fill('healthy'));
    const next = check();
    expect(calls).toBe(2);
    finish('degraded');
    expect(await next).toBe('degraded');
  });

  it('shares a failure with the callers of that call only', async () => {
    let calls = 0;
    const check = sharedWhileInProgress(async () => {
      calls += 1;
      if (calls === 1) throw new Error('Redis away');
      return 'back';
    });
    const results = await Promise.allSettled([check(), check()]);
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    expect(await check()).toBe('back');
    expect(calls).toBe(2);
  });
});
