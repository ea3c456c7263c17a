import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../logging/logger.ts';
import { captureLogLines } from '../testing/captured-log-lines.ts';
import { createRedisConnection } from '../redis/redis-connection.ts';
import { RedisKeys } from '../redis/redis-keys.ts';
import type { ConversationEraser } from './conversation-eraser.ts';
import { ErasedConversations } from './erased-conversations.ts';
import { eraseAfterJobsOfErasedConversations } from './erasure-guard.ts';

describe('erasure after the jobs of erased conversations', () => {
  it('while Redis is away, finished jobs cost one line that says the check failed, not that an erasure failed', async () => {
    const { logger, lines } = captureLogLines();
    // A real Redis client to an address nobody listens on: every check fails at once.
    const unreachable = createRedisConnection('redis://127.0.0.1:1', { connectionName: 'lac:test-erasure-guard', logger: createLogger({ level: 'silent' }) });
    const worker = new EventEmitter();
    eraseAfterJobsOfErasedConversations({
      handle: { worker: worker as never },
      erased: new ErasedConversations(unreachable, new RedisKeys('test-erasure-guard')),
      // Never reached: no conversation can be found erased while Redis is away.
      eraser: undefined as unknown as ConversationEraser,
      logger,
    });
    for (let index = 0; index < 20; index += 1) worker.emit('completed', { data: { conversation_id: `conv-${index}` } });
    await new Promise((resolve) => setTimeout(resolve, 300));
    unreachable.disconnect();
    expect(lines.map((line) => line.msg)).toEqual(['could not check whether the conversation of a finished job was erased']);
  });
});
