import { afterAll, describe, expect, it } from 'vitest';
import type { StoredExchange } from '../capabilities/capabilities.ts';
import { chatJobViewSchema } from '../contract/chat-schemas.ts';
import { ChatJobReader } from './chat-job-reader.ts';
import { createChatQueue } from './chat-queue.ts';
import { createRedisTestContext } from './test-support/redis-test-context.ts';

const context = createRedisTestContext('job-reader');
const config = context.config();
const queue = createChatQueue({ connection: context.redis, config });
afterAll(async () => {
  await queue.close();
  await context.cleanup();
});

describe('ChatJobReader', () => {
  it('returns null for an unknown job without a store', async () => {
    const reader = new ChatJobReader({ queue, redis: context.redis, keys: context.keys });
    expect(await reader.getJobView('inconnu')).toBeNull();
  });

  it('rebuilds a completed view from the conversation store once the job left Redis', async () => {
    const exchange: StoredExchange & { conversationId: string } = {
      jobId: 'old-job',
      assistantMessageId: 'm-1',
      assistantMessage: 'Voici ce que je te conseille…',
      agent: 'carole',
      answeredAt: '2026-11-01T09:00:00.000Z',
      conversationId: 'conv-archive',
    };
    const reader = new ChatJobReader({
      queue,
      redis: context.redis,
      keys: context.keys,
      conversations: { findExchangeByJobId: async (jobId) => (jobId === 'old-job' ? exchange : null) },
    });
    const view = await reader.getJobView('old-job');
    expect(chatJobViewSchema.parse(view)).toMatchObject({
      job_id: 'old-job',
      conversation_id: 'conv-archive',
      status: 'completed',
      result: { message: 'Voici ce que je te conseille…', agent: 'carole', escalated: false },
    });
    expect(await reader.getJobView('other')).toBeNull();
  });
});
