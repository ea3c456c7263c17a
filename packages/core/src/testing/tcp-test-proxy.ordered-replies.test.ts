import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { repliesDelayedInOrder, startTcpTestProxy, type TcpTestProxy } from './tcp-test-proxy.ts';

/**
 * repliesDelayedInOrder: replies keep their order on a connection while their delay changes (a
 * slow network that recovers). Commands sent one by one, each reply checked against its command:
 * a reply out of order gives one command another's answer.
 */

const redisUrl = new URL(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
let proxy: TcpTestProxy | undefined;
let client: Redis | undefined;
afterEach(async () => {
  client?.disconnect();
  await proxy?.close();
});

describe('replies delayed in order', () => {
  it('reach the client in the order Redis sent them while the delay goes from 40 ms to none and back', async () => {
    let delayMs = 0;
    proxy = await startTcpTestProxy({ host: redisUrl.hostname, port: Number(redisUrl.port || 6379) }, repliesDelayedInOrder(() => delayMs));
    client = new Redis(proxy.url('redis'));
    const replies: Array<Promise<string | null>> = [];
    for (let round = 0; round < 40; round += 1) {
      delayMs = round % 2 === 0 ? 40 : 0;
      for (let index = 0; index < 10; index += 1) {
        replies.push(client.echo(`reply-${round}-${index}`));
        await new Promise((resolve) => setImmediate(resolve));
      }
      await new Promise((resolve) => setTimeout(resolve, 3));
    }
    const expected = Array.from({ length: 400 }, (_, i) => `reply-${Math.floor(i / 10)}-${i % 10}`);
    expect(await Promise.all(replies)).toEqual(expected);
  });
});
