/**
 * `pnpm bench:handover`: a person takes over (issue 12), on the real API stack (Express app, Redis,
 * PGlite, the hand-over wired as in production) in this process.
 *
 * 1. Operator reply → visitor stream latency: POST /admin/conversations/:id/messages until the
 *    visitor's open SSE stream (GET /api/v2/conversations/:id/events) delivers the message; p50/p99,
 *    against a baseline measured in the same run: a bare Redis PUBLISH → SUBSCRIBE round trip.
 * 2. 2,000 open conversation streams, in this process: the reply latency with them open.
 * 3. The API's own memory and Redis connections with 2,000 open conversation streams: the real API
 *    process (services/api/src/main.ts) measured from outside (bench/api-conversation-streams.ts).
 */
import { execSync } from 'node:child_process';
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { createLogger, createRedisConnection } from '@lac/core';
import { startTestApi, startTestDatabase } from '../services/api/src/testing/api-test-harness.ts';
import { measureApiWithConversationStreams } from './bench/api-conversation-streams.ts';
import { percentile, round } from './bench/statistics.ts';

const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 200);
const OPEN_STREAMS = Number(process.env.BENCH_STREAMS ?? 2000);
const ADMIN_PASSWORD = 'bench-operator';
const adminAuthorization = `Basic ${Buffer.from(`admin:${ADMIN_PASSWORD}`).toString('base64')}`;
const logger = createLogger({ level: 'silent' });

const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });

/** Opens an SSE stream with node:http; calls onEvent with each event's type and data. */
function openStream(url: string, headers: Record<string, string>, onEvent: (type: string, data: any) => void): Promise<http.ClientRequest> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { headers: { accept: 'text/event-stream', ...headers }, agent }, (response) => {
      if (response.statusCode !== 200) return reject(new Error(`stream answered ${response.statusCode}`));
      let buffer = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        buffer += chunk;
        for (let boundary = buffer.indexOf('\n\n'); boundary >= 0; boundary = buffer.indexOf('\n\n')) {
          const block = buffer.slice(0, boundary);
          buffer = buffer.slice(boundary + 2);
          const type = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (type && data) onEvent(type, JSON.parse(data));
        }
      });
      resolve(request);
    });
    request.on('error', reject);
  });
}

async function post(url: string, body: unknown, headers: Record<string, string>): Promise<any> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return response.json();
}

/** TCP connections of THIS process to Redis (the Redis server is shared: CLIENT LIST would count others). */
function redisConnections(redisUrl: string): number {
  const port = new URL(redisUrl).port || '6379';
  const lines = execSync(`ss -tnp state established '( dport = :${port} )'`, { encoding: 'utf8' }).split('\n');
  return lines.filter((line) => line.includes(`pid=${process.pid},`)).length;
}

async function publishBaseline(url: string): Promise<number[]> {
  const publisher = createRedisConnection(url, { connectionName: 'bench:baseline-pub', logger });
  const subscriber = createRedisConnection(url, { connectionName: 'bench:baseline-sub', forBullWorker: true, logger });
  const channel = `bench-handover-baseline-${randomUUID()}`;
  let waiting: (() => void) | undefined;
  subscriber.on('message', () => waiting?.());
  await subscriber.subscribe(channel);
  const samples: number[] = [];
  for (let index = 0; index < SAMPLES; index += 1) {
    const started = performance.now();
    await new Promise<void>((resolve) => {
      waiting = resolve;
      void publisher.publish(channel, 'x');
    });
    samples.push(performance.now() - started);
  }
  await subscriber.quit();
  await publisher.quit();
  return samples;
}

async function main(): Promise<void> {
  process.stdout.write(`bench:handover: ${SAMPLES} replies, ${OPEN_STREAMS} open streams\n`);
  const database = await startTestDatabase(logger);
  const api = await startTestApi({
    name: 'bench-handover',
    database,
    env: { ADMIN_PASSWORD, CONVERSATION_ACCESS: 'open', HANDOVER_OPERATOR_WAIT_SECONDS: '86400', RATE_LIMIT_MESSAGES: '100000' },
    handover: {},
  });
  try {
    const desk = api.handover!.desk;
    const conversationId = `bench-${randomUUID()}`;
    await desk.escalated(conversationId, 'bench-visitor');
    await desk.act('join', conversationId, 'Léa');

    async function measureReplies(count: number): Promise<number[]> {
      let waiting: ((content: string) => void) | undefined;
      const stream = await openStream(`${api.baseUrl}/api/v2/conversations/${conversationId}/events`, {}, (type, data) => {
        if (type === 'message') waiting?.(data.message.content);
      });
      const samples: number[] = [];
      for (let index = 0; index < count; index += 1) {
        const text = `Réponse ${index} ${randomUUID()}`;
        const received = new Promise<void>((resolve) => {
          waiting = (content) => {
            if (content === text) resolve();
          };
        });
        const started = performance.now();
        await Promise.all([post(`${api.baseUrl}/admin/conversations/${conversationId}/messages`, { text }, { authorization: adminAuthorization }), received]);
        samples.push(performance.now() - started);
      }
      stream.destroy();
      return samples;
    }

    const baseline = await publishBaseline(api.config.REDIS_URL);
    await measureReplies(20); // warm-up
    const replies = await measureReplies(SAMPLES);
    const report = (name: string, samples: number[]) => ({ name, p50_ms: round(percentile(samples, 50)), p99_ms: round(percentile(samples, 99)) });
    const baselineRow = report('redis publish → subscriber (baseline)', baseline);
    const replyRow = report('operator reply → visitor SSE', replies);
    console.table([baselineRow, replyRow]);
    process.stdout.write(
      `operator reply → visitor stream: p50 ${replyRow.p50_ms} ms (target < 50 ms), p99 ${replyRow.p99_ms} ms; ` +
        `${round(replyRow.p50_ms / Math.max(baselineRow.p50_ms, 0.001), 1)}× the bare publish p50 (a store write and an HTTP request ride on it)\n`,
    );

    // 2,000 open streams, each on its own conversation.
    const prefix = api.config.QUEUE_PREFIX;
    global.gc?.();
    const before = { memory: process.memoryUsage(), connections: redisConnections(api.config.REDIS_URL) };
    const streams: http.ClientRequest[] = [];
    for (let index = 0; index < OPEN_STREAMS; index += 50) {
      streams.push(
        ...(await Promise.all(
          Array.from({ length: Math.min(50, OPEN_STREAMS - index) }, (_, offset) =>
            openStream(`${api.baseUrl}/api/v2/conversations/bench-open-${index + offset}-${prefix}/events`, {}, () => undefined),
          ),
        )),
      );
    }
    global.gc?.();
    const after = { memory: process.memoryUsage(), connections: redisConnections(api.config.REDIS_URL), watched: api.handover!.events.watchedConversationCount };
    const withStreams = report(`operator reply → visitor SSE with ${OPEN_STREAMS} streams open`, await measureReplies(Math.min(SAMPLES, 100)));
    console.table([
      { measure: 'open conversation streams', before: 0, after: after.watched },
      { measure: 'Redis connections of this process (API, worker, bench)', before: before.connections, after: after.connections },
      { measure: 'RSS (MB, API, worker and clients in one process)', before: round(before.memory.rss / 1e6, 1), after: round(after.memory.rss / 1e6, 1) },
      { measure: 'heap used (MB)', before: round(before.memory.heapUsed / 1e6, 1), after: round(after.memory.heapUsed / 1e6, 1) },
    ]);
    process.stdout.write(
      `${OPEN_STREAMS} streams: +${round((after.memory.rss - before.memory.rss) / 1e6, 1)} MB RSS ` +
        `(${round((after.memory.rss - before.memory.rss) / 1024 / OPEN_STREAMS, 1)} KB per stream, client sockets included), ` +
        `Redis connections ${before.connections} → ${after.connections}; reply latency with them open: p50 ${withStreams.p50_ms} ms, p99 ${withStreams.p99_ms} ms\n`,
    );
    for (const stream of streams) stream.destroy();
  } finally {
    await api.close();
    await database.stop();
    agent.destroy();
  }

  // The API alone (its own process, no worker, no client in it).
  const apiProcess = await measureApiWithConversationStreams({ streams: OPEN_STREAMS, redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', logger });
  console.table([
    { measure: 'RSS of the API process (MB)', before: apiProcess.rss_before_mb, after: apiProcess.rss_after_mb },
    { measure: 'heap used of the API process (MB)', before: apiProcess.heap_before_mb, after: apiProcess.heap_after_mb },
    { measure: 'Redis connections of the API process', before: apiProcess.redis_connections_before, after: apiProcess.redis_connections_after },
  ]);
  process.stdout.write(
    `API process with ${OPEN_STREAMS} open conversation streams: RSS ${apiProcess.rss_before_mb} → ${apiProcess.rss_after_mb} MB ` +
      `(${apiProcess.kb_per_stream} KB per stream), Redis connections ${apiProcess.redis_connections_before} → ${apiProcess.redis_connections_after} ` +
      `(one subscription per process, whatever the number of streams)\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:handover failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
