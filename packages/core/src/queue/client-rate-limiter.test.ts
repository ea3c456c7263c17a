import { afterAll, describe, expect, it } from 'vitest';
import { ClientRateLimiter } from './client-rate-limiter.ts';
import { createRedisTestContext } from './test-support/redis-test-context.ts';

/** The per-client windows on a real Redis: the 24-hour one beside the short one. */
const context = createRedisTestContext('client-rate-limiter');
afterAll(() => context.cleanup());

describe('the 24-hour window of messages per client', () => {
  const limiter = new ClientRateLimiter(context.redis, context.keys, {
    messagesPerClient: 100,
    messageWindowSeconds: 60,
    messagesPerClientPerDay: 3,
    newConversationsPerHour: 0,
  });
  const message = (address: string, userId: string) => limiter.admit({ address, userId, messages: true, newConversation: false });

  it('refuses an address past its messages of the day, well inside the short window, until a day after the first', async () => {
    for (let index = 0; index < 3; index += 1) expect((await message('198.51.100.1', `visiteur-${index}`)).kind).toBe('admitted');
    const refused = await message('198.51.100.1', 'visiteur-4');
    expect(refused).toMatchObject({ kind: 'refused', window: 'address_day', status: { allowed: false, limit: 3, window_seconds: 86_400 } });
    if (refused.kind !== 'refused') return;
    expect(refused.status.retry_after_seconds).toBeGreaterThan(86_000);
    // Another address is counted apart.
    expect((await message('198.51.100.2', 'visiteur-5')).kind).toBe('admitted');
  });

  it('counts a user_id across addresses the same way', async () => {
    for (let index = 0; index < 3; index += 1) expect((await message(`198.51.100.${10 + index}`, 'la-meme-visiteuse')).kind).toBe('admitted');
    expect(await message('198.51.100.20', 'la-meme-visiteuse')).toMatchObject({ kind: 'refused', window: 'user_day' });
  });

  it('is off at 0, and opening a conversation without a message is not counted', async () => {
    const off = new ClientRateLimiter(context.redis, context.keys, { messagesPerClient: 100, messageWindowSeconds: 60, messagesPerClientPerDay: 0, newConversationsPerHour: 0 });
    for (let index = 0; index < 5; index += 1) expect((await off.admit({ address: '198.51.100.30', userId: 'u', messages: true, newConversation: false })).kind).toBe('admitted');
    for (let index = 0; index < 5; index += 1) expect((await limiter.admit({ address: '198.51.100.31', messages: false, newConversation: true })).kind).toBe('admitted');
  });
});
