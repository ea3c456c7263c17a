import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import type { ProviderStatus } from './create-capabilities.ts';
import { openCircuitsOf, ProviderStatusBoard } from './provider-status-board.ts';

const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
const prefix = `test-provider-status-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

afterAll(async () => {
  await redis.del(`${prefix}:provider-status`);
  await redis.quit();
});

function statusWith(openrouterCircuitState: 'closed' | 'open'): ProviderStatus {
  const circuit = { name: 'openrouter:anthropic/claude-3.5-sonnet', state: openrouterCircuitState, consecutiveFailures: 0, nextProbeAt: null, openedCount: 0 };
  return {
    openrouter: { mode: 'live', status: openrouterCircuitState === 'open' ? 'degraded' : 'up', models: ['anthropic/claude-3.5-sonnet'], circuits: [circuit] },
    openai: { mode: 'local', status: 'up', models: ['local-hashing-v4'], circuits: [] },
    cohere: { mode: 'local', status: 'up', models: ['local-lexical-v1'], circuits: [] },
  };
}

describe('ProviderStatusBoard', () => {
  it('shows the open circuits that fresh workers report, and forgets stale workers', async () => {
    const board = new ProviderStatusBoard(redis, prefix, 1_000);
    const now = Date.now();
    await board.publish('worker-a', statusWith('closed'), now);
    await board.publish('worker-b', statusWith('open'), now);
    await board.publish('worker-dead', statusWith('open'), now - 5_000);

    const fresh = await board.readFresh(now);
    expect(fresh.map((entry) => entry.workerId).sort()).toEqual(['worker-a', 'worker-b']);
    expect(openCircuitsOf(fresh, 'openrouter')).toEqual(['openrouter:anthropic/claude-3.5-sonnet']);
    expect(openCircuitsOf(fresh, 'openai')).toEqual([]);
    // The stale entry was removed, not just skipped.
    expect(await redis.hexists(`${prefix}:provider-status`, 'worker-dead')).toBe(0);

    await board.withdraw('worker-b');
    expect(openCircuitsOf(await board.readFresh(now), 'openrouter')).toEqual([]);
  });
});
