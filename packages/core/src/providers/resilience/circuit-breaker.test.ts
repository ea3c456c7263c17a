import { describe, expect, it } from 'vitest';
import { CircuitBreaker, CircuitBreakerRegistry } from './circuit-breaker.ts';

describe('CircuitBreaker', () => {
  const make = () => {
    let now = 0;
    const changes: string[] = [];
    const breaker = new CircuitBreaker('openrouter:m', {
      failureThreshold: 3,
      openDurationMs: 1_000,
      now: () => now,
      onStateChange: ({ from, to }) => changes.push(`${from}->${to}`),
    });
    return { breaker, changes, advance: (ms: number) => (now += ms) };
  };

  it('opens after the threshold of consecutive failures and refuses calls while open', () => {
    const { breaker } = make();
    for (let index = 0; index < 2; index += 1) {
      expect(breaker.tryAcquire()).toBe(true);
      breaker.recordFailure();
    }
    expect(breaker.currentState()).toBe('closed');
    breaker.tryAcquire();
    breaker.recordFailure();
    expect(breaker.currentState()).toBe('open');
    expect(breaker.tryAcquire()).toBe(false);
    expect(breaker.msUntilProbe()).toBe(1_000);
  });

  it('a success resets the failure count', () => {
    const { breaker } = make();
    breaker.recordFailure();
    breaker.recordFailure();
    breaker.recordSuccess();
    breaker.recordFailure();
    expect(breaker.snapshot()).toMatchObject({ state: 'closed', consecutiveFailures: 1 });
  });

  it('remembers how long its latest successful call took, and when', () => {
    const { breaker, advance } = make();
    expect(breaker.snapshot()).toMatchObject({ lastSuccessLatencyMs: null, lastSuccessAt: null });
    advance(5_000);
    breaker.recordSuccess(850);
    advance(1_000);
    breaker.recordFailure();
    expect(breaker.snapshot()).toMatchObject({ lastSuccessLatencyMs: 850, lastSuccessAt: 5_000 });
  });

  it('half-opens after the wait, lets ONE probe through, closes on its success', () => {
    const { breaker, changes, advance } = make();
    for (let index = 0; index < 3; index += 1) breaker.recordFailure();
    advance(1_000);
    expect(breaker.currentState()).toBe('half_open');
    expect(breaker.tryAcquire()).toBe(true);
    expect(breaker.tryAcquire()).toBe(false);
    breaker.recordSuccess();
    expect(breaker.currentState()).toBe('closed');
    expect(changes).toEqual(['closed->open', 'open->half_open', 'half_open->closed']);
  });

  it('a failed probe opens the circuit again for a full wait', () => {
    const { breaker, advance } = make();
    for (let index = 0; index < 3; index += 1) breaker.recordFailure();
    advance(1_500);
    expect(breaker.tryAcquire()).toBe(true);
    breaker.recordFailure();
    expect(breaker.snapshot()).toMatchObject({ state: 'open', openedCount: 2, nextProbeAt: 2_500 });
  });

  it('a probe that ends without verdict frees the probe slot', () => {
    const { breaker, advance } = make();
    for (let index = 0; index < 3; index += 1) breaker.recordFailure();
    advance(1_000);
    expect(breaker.tryAcquire()).toBe(true);
    breaker.releaseWithoutVerdict();
    expect(breaker.tryAcquire()).toBe(true);
  });

  it('the registry keeps one breaker per provider and model', () => {
    const registry = new CircuitBreakerRegistry({ failureThreshold: 1, openDurationMs: 10 });
    expect(registry.get('openrouter', 'a')).toBe(registry.get('openrouter', 'a'));
    registry.get('cohere', 'r').recordFailure();
    expect(registry.snapshots().map((snapshot) => [snapshot.name, snapshot.state])).toEqual([
      ['openrouter:a', 'closed'],
      ['cohere:r', 'open'],
    ]);
  });
});
