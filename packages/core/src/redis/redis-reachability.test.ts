import { afterAll, describe, expect, it } from 'vitest';
import { checkRedisReachable } from './redis-reachability.ts';
import { createRedisTestContext } from '../queue/test-support/redis-test-context.ts';

// On a Redis Cluster: services/api/src/health/health-check.cluster.test.ts.

describe('checkRedisReachable on one Redis', () => {
  const context = createRedisTestContext('redis-reachability');
  afterAll(() => context.cleanup());

  it('resolves with no detail when Redis answers', async () => {
    await expect(checkRedisReachable(context.redis)).resolves.toBeUndefined();
  });
});
