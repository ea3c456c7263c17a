import { describe, expect, it } from 'vitest';
import { createHandoverQueue, handoverJobId } from '../handover/handover-queue.ts';
import { CHAT_JOB_NAME, createChatQueue } from '../queue/chat-queue.ts';
import { redisTestContextAroundTests } from '../testing/resources-around-tests.ts';
import { ErasedConversations } from './erased-conversations.ts';
import { RedisTraceEraser } from './redis-trace-eraser.ts';

/**
 * A user erased again after a partial failure: the database no longer names their conversations, a
 * chat job still in Redis does. The hand-over's jobs name only the conversation (one holds the
 * visitor's message): they go too.
 */

const context = redisTestContextAroundTests('redis-trace-eraser');

describe('the Redis traces of a user whose conversations the database no longer knows', () => {
  it('learns the conversation from the user’s chat job and removes the jobs that name only that conversation', async () => {
    const { redis, keys, config, logger } = context();
    const chat = createChatQueue({ connection: redis, config: config() });
    const handover = createHandoverQueue({ connection: redis, config: config() });
    const eraser = new RedisTraceEraser(redis, keys, new ErasedConversations(redis, keys), logger);
    try {
      const now = new Date().toISOString();
      await chat.add(CHAT_JOB_NAME, { conversation_id: 'conv-oubliee', user_id: 'visiteuse-effacee', message: 'Mon secret', sent_at: now, received_at: now, request_id: 'r1' }, { jobId: 'job-chat-1', delay: 60_000 });
      const notifyId = handoverJobId('notify', 'visitor|job-held-1');
      await handover.add(
        'notify',
        { event_id: notifyId, type: 'conversation.visitor_message', occurred_at: now, conversation: { id: 'conv-oubliee', state: 'human', version: 3, operator_name: 'Léa', waiting_since: null }, message: { id: 'm1', content: 'Mon secret encore', created_at: now, job_id: 'job-held-1' } },
        { jobId: notifyId, delay: 60_000 },
      );
      // An order entry of the conversation seen without its job (conversation-remove-jobless.lua): its key names the conversation.
      await redis.hset(keys.joblessSuspects('conv-oubliee'), 'job-never-created', Date.now());
      const erased = await eraser.erase({ conversationIds: [], userIds: ['visiteuse-effacee'], jobIds: [], escalationIds: [] });
      expect(erased.conversationIds).toContain('conv-oubliee');
      expect(await chat.getJob('job-chat-1')).toBeUndefined();
      expect(await handover.getJob(notifyId)).toBeUndefined();
      expect(await redis.exists(keys.joblessSuspects('conv-oubliee'))).toBe(0);
    } finally {
      await eraser.close();
      await chat.close();
      await handover.close();
    }
  });
});
