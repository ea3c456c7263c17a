import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { createRedisConnection } from '../redis/redis-connection.ts';
import { startTcpTestProxy } from '../testing/tcp-test-proxy.ts';
import { JobEventStream, streamFieldOf } from './job-event-stream.ts';
import { createRedisTestContext } from './test-support/redis-test-context.ts';

const context = createRedisTestContext('event-stream');
afterAll(() => context.cleanup());

/** Waits (generously: a loaded machine) until `condition` holds. */
async function eventually(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function openStream(streamKey: string, blockMs: number) {
  const connection = createRedisConnection(context.redisUrl, { connectionName: 'test:event-stream', forBullWorker: true, logger: context.logger });
  const received: string[][] = [];
  const stream = new JobEventStream(connection, streamKey, (fields) => received.push(fields), context.logger, blockMs);
  stream.start();
  return { connection, stream, received };
}

describe('JobEventStream', () => {
  it('hands over the entries appended after it started, in order, with their fields', async () => {
    const key = `${context.prefix}:events-order`;
    await context.redis.xadd(key, '*', 'event', 'added', 'jobId', 'before-start');
    const { connection, stream, received } = openStream(key, 200);
    await stream.waitUntilReady();
    // Its first read starts at the stream's end: give it time to be blocked there.
    await new Promise((resolve) => setTimeout(resolve, 300));
    for (let i = 0; i < 5; i++) await context.redis.xadd(key, '*', 'event', 'completed', 'jobId', `job-${i}`, 'returnvalue', `{"n":${i}}`);
    await eventually(() => received.length === 5, 'five entries');
    expect(received.map((fields) => streamFieldOf(fields, 'jobId'))).toEqual(['job-0', 'job-1', 'job-2', 'job-3', 'job-4']);
    expect(streamFieldOf(received[2]!, 'returnvalue')).toBe('{"n":2}');
    expect(streamFieldOf(received[2]!, 'missing')).toBeUndefined();
    await stream.close(1_000);
    connection.disconnect();
  });

  it('loses no entry appended between two reads while the stream has given nothing yet', async () => {
    const key = `${context.prefix}:events-between-reads`;
    await context.redis.xadd(key, '*', 'event', 'added', 'jobId', 'before-start');
    const connection = createRedisConnection(context.redisUrl, { connectionName: 'test:event-stream', forBullWorker: true, logger: context.logger });
    // The second XREAD (after the first came back empty) is held until an entry has been appended.
    const realXread = connection.xread.bind(connection) as (...args: unknown[]) => Promise<unknown>;
    let reads = 0;
    let releaseSecondRead!: () => void;
    const secondReadReleased = new Promise<void>((resolve) => (releaseSecondRead = resolve));
    (connection as unknown as { xread: (...args: unknown[]) => Promise<unknown> }).xread = async (...args) => {
      reads += 1;
      if (reads === 2) await secondReadReleased;
      return realXread(...args);
    };
    const received: string[][] = [];
    const stream = new JobEventStream(connection, key, (fields) => received.push(fields), context.logger, 100);
    stream.start();
    await stream.waitUntilReady();
    await eventually(() => reads === 2, 'the second read');
    await context.redis.xadd(key, '*', 'event', 'completed', 'jobId', 'between-reads');
    releaseSecondRead();
    await eventually(() => received.length === 1, 'the entry appended between the reads');
    expect(received.map((fields) => streamFieldOf(fields, 'jobId'))).toEqual(['between-reads']);
    await stream.close(1_000);
    connection.disconnect();
  });

  it('loses no entry when its connection is cut: it reads on from the last id it read', async () => {
    const key = `${context.prefix}:events-cut`;
    const { connection, stream, received } = openStream(key, 200);
    await stream.waitUntilReady();
    await new Promise((resolve) => setTimeout(resolve, 300));
    await context.redis.xadd(key, '*', 'event', 'active', 'jobId', 'first');
    await eventually(() => received.length === 1, 'the first entry');
    // Its socket closed by the server while blocked; entries appended while it reconnects.
    const id = (await (connection as Redis).client('ID')) as number;
    await context.redis.client('KILL', 'ID', String(id));
    for (let i = 0; i < 3; i++) await context.redis.xadd(key, '*', 'event', 'active', 'jobId', `while-cut-${i}`);
    await eventually(() => received.length === 4, 'the entries appended while it was cut');
    expect(received.map((fields) => streamFieldOf(fields, 'jobId'))).toEqual(['first', 'while-cut-0', 'while-cut-1', 'while-cut-2']);
    await stream.close(1_000);
    connection.disconnect();
  });

  it('reads a stream created again behind its last id (Redis restarted empty on a clock that is behind)', async () => {
    const key = `${context.prefix}:events-recreated`;
    const { connection, stream, received } = openStream(key, 200);
    await stream.waitUntilReady();
    await new Promise((resolve) => setTimeout(resolve, 300));
    // The old server's clock was a minute ahead of the new one's: its last entry's id is ahead of every new id.
    await context.redis.xadd(key, `${Date.now() + 60_000}-0`, 'event', 'active', 'jobId', 'before-restart');
    await eventually(() => received.length === 1, 'the entry before the restart');
    // Restarted empty: the stream is gone, the new one's ids come from the new clock.
    await context.redis.del(key);
    for (let i = 0; i < 3; i++) await context.redis.xadd(key, '*', 'event', 'active', 'jobId', `after-restart-${i}`);
    await eventually(() => received.length === 4, 'the entries of the new stream');
    expect(received.map((fields) => streamFieldOf(fields, 'jobId'))).toEqual(['before-restart', 'after-restart-0', 'after-restart-1', 'after-restart-2']);
    await stream.close(1_000);
    connection.disconnect();
  });

  it('goes on reading after the handling of an entry threw', async () => {
    const key = `${context.prefix}:events-throw`;
    const connection = createRedisConnection(context.redisUrl, { connectionName: 'test:event-stream', forBullWorker: true, logger: context.logger });
    const received: string[] = [];
    const stream = new JobEventStream(
      connection,
      key,
      (fields) => {
        const jobId = streamFieldOf(fields, 'jobId')!;
        if (jobId === 'poison') throw new Error('listener bug');
        received.push(jobId);
      },
      context.logger,
      200,
    );
    stream.start();
    await stream.waitUntilReady();
    await new Promise((resolve) => setTimeout(resolve, 300));
    await context.redis.xadd(key, '*', 'event', 'active', 'jobId', 'poison');
    await context.redis.xadd(key, '*', 'event', 'active', 'jobId', 'after');
    await eventually(() => received.length === 1, 'the entry after the one that threw');
    expect(received).toEqual(['after']);
    await stream.close(1_000);
    connection.disconnect();
  });

  it('ends its blocked read at close once its connection is dropped', async () => {
    const key = `${context.prefix}:events-close`;
    const { connection, stream } = openStream(key, 10_000);
    await stream.waitUntilReady();
    await new Promise((resolve) => setTimeout(resolve, 200));
    connection.disconnect();
    const started = Date.now();
    await stream.close(5_000);
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});

describe('JobEventStream hung-read watchdog', () => {
  it('still watches the current read after an abandoned one settles late', async () => {
    const key = `${context.prefix}:events-watchdog`;
    const connection = createRedisConnection(context.redisUrl, { connectionName: 'test:event-stream', forBullWorker: true, logger: context.logger });
    // The first two reads get no answer (a black-holed socket) until the test settles them; later ones go to Redis.
    const realXread = connection.xread.bind(connection) as (...args: unknown[]) => Promise<unknown>;
    const held: Array<(reply: null) => void> = [];
    let reads = 0;
    (connection as unknown as { xread: (...args: unknown[]) => Promise<unknown> }).xread = (...args) => {
      reads += 1;
      if (reads <= 2) return new Promise((resolve) => held.push(resolve));
      return realXread(...args);
    };
    const received: string[][] = [];
    const stream = new JobEventStream(connection, key, (fields) => received.push(fields), context.logger, 100);
    stream.start();
    // The first read is abandoned by the watchdog; the second one is sent.
    await eventually(() => reads === 2, 'the read after the first one was abandoned');
    // The abandoned read's answer comes at last (a reply re-sent after the reconnect): the second read,
    // still unanswered, must be abandoned in its turn and the reading go on.
    held[0]!(null);
    await eventually(() => reads >= 3, 'the read after the second one was abandoned');
    await context.redis.xadd(key, '*', 'event', 'active', 'jobId', 'after-hangs');
    await eventually(() => received.length === 1, 'the entry appended after both hangs');
    held[1]!(null);
    await stream.close(1_000);
    connection.disconnect();
  });

  it('after a black-holed network, reads are answered again (the hung reads are not re-sent ahead of them)', async () => {
    const key = `${context.prefix}:events-black-hole`;
    const redisAddress = new URL(context.redisUrl);
    let blackHoled = false;
    // While black-holed, no byte goes through (connections stay open); they go on, in order, after.
    const held: Array<() => void> = [];
    const proxy = await startTcpTestProxy({ host: redisAddress.hostname, port: Number(redisAddress.port) }, (_connection, _direction, _chunk, forward) => {
      if (blackHoled) held.push(forward);
      else forward();
    });
    const connection = createRedisConnection(proxy.url('redis'), { connectionName: 'test:event-stream', forBullWorker: true, logger: context.logger });
    // Counted on the real client: socket replacements, and reads answered since the last one.
    let replacements = 0;
    let answeredSinceReplacement = 0;
    const disconnect = connection.disconnect.bind(connection);
    connection.disconnect = (reconnect?: boolean) => {
      replacements += 1;
      answeredSinceReplacement = 0;
      disconnect(reconnect);
    };
    const realXread = connection.xread.bind(connection) as (...args: unknown[]) => Promise<unknown>;
    (connection as unknown as { xread: (...args: unknown[]) => Promise<unknown> }).xread = (...args) =>
      realXread(...args).then((reply) => {
        answeredSinceReplacement += 1;
        return reply;
      });
    const blockMs = 1_500;
    const received: string[][] = [];
    const stream = new JobEventStream(connection, key, (fields) => received.push(fields), context.logger, blockMs);
    stream.start();
    await stream.waitUntilReady();
    blackHoled = true;
    await eventually(() => replacements >= 1, 'the hung read abandoned');
    // Black-holed for three more watchdog periods (a reconnect may be tried meanwhile), then back.
    await new Promise((resolve) => setTimeout(resolve, 3 * (blockMs + 1_000)));
    blackHoled = false;
    for (const forward of held.splice(0)) forward();
    // Idle stream: reads come back empty after their block time, none is abandoned any more.
    await eventually(() => answeredSinceReplacement >= 5, 'five reads answered in a row');
    await context.redis.xadd(key, '*', 'event', 'active', 'jobId', 'after-black-hole');
    await eventually(() => received.length === 1, 'the entry appended after the black hole');
    await stream.close(1_000);
    disconnect();
    await proxy.close();
  });

  it('opens its connection again when the dropped socket closes late (a black-holed network)', async () => {
    const key = `${context.prefix}:events-late-close`;
    const connection = createRedisConnection(context.redisUrl, { connectionName: 'test:event-stream', forBullWorker: true, logger: context.logger });
    // The first read gets no answer; the socket it drops closes only 3 s later (a FIN never acknowledged).
    const realXread = connection.xread.bind(connection) as (...args: unknown[]) => Promise<unknown>;
    let reads = 0;
    (connection as unknown as { xread: (...args: unknown[]) => Promise<unknown> }).xread = (...args) => {
      reads += 1;
      return reads === 1 ? new Promise(() => undefined) : realXread(...args);
    };
    const disconnect = connection.disconnect.bind(connection);
    let lateCloses = 0;
    let closed = false;
    connection.disconnect = (reconnect?: boolean) => {
      lateCloses += 1;
      setTimeout(() => {
        disconnect(reconnect);
        closed = true;
      }, 3_000);
    };
    const received: string[][] = [];
    const stream = new JobEventStream(connection, key, (fields) => received.push(fields), context.logger, 100);
    stream.start();
    await eventually(() => lateCloses === 1, 'the hung read abandoned');
    await eventually(() => closed, 'the socket closed at last');
    await context.redis.xadd(key, '*', 'event', 'active', 'jobId', 'after-late-close');
    await eventually(() => received.length === 1, 'the entry appended after the late close');
    await stream.close(1_000);
    disconnect();
  });
});
