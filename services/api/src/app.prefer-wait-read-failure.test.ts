import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatAcceptedSchema, createLogger } from '@lac/core';
import { startTcpTestProxy, type ProxiedConnection, type TcpTestProxy } from '@lac/core/testing';
import { startTestApi, startTestDatabase, type TestApi, type TestDatabase } from './testing/api-test-harness.ts';

/**
 * A `Prefer: wait` post whose message is accepted, then whose job cannot be read: Redis answered
 * the admission and the job's creation, then went silent (a network slower than the API's command
 * deadline; fault probe through a latency proxy: one wait-post in twelve answered 503 after 11 s
 * under a 4 KB/s bandwidth limit). The message is in the queue: the answer must be the 202 that
 * names its job, not a 503, whose retry would post the message a second time.
 *
 * The API reaches Redis through a proxy that, once the job's creation (the only command carrying
 * the message's text) has had its reply, holds every later reply until the test lets them through.
 */
const redisUrl = new URL(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');

let proxy: TcpTestProxy;
let database: TestDatabase;
let api: TestApi;
let marker = `marqueur-${randomUUID()}`;
/** Replies pass, then are held once the creation's reply went back, then pass again for the clean-up. */
let phase: 'passing' | 'holding' | 'released' = 'passing';
const creationSentOn = new WeakSet<ProxiedConnection>();
const held: Array<() => void> = [];

beforeAll(async () => {
  proxy = await startTcpTestProxy({ host: redisUrl.hostname, port: Number(redisUrl.port || 6379) }, (connection, direction, chunk, forward) => {
    if (direction === 'to_server') {
      if (chunk.includes(marker)) creationSentOn.add(connection);
      forward();
      return;
    }
    if (phase === 'holding') {
      held.push(forward);
      return;
    }
    forward();
    // The creation's reply went back: from now on Redis is silent for the API.
    if (phase === 'passing' && creationSentOn.has(connection)) phase = 'holding';
  });
  database = await startTestDatabase(createLogger({ level: 'silent' }));
  // No worker: the job stays queued; what matters is the answer to a post whose job cannot be read.
  api = await startTestApi({ name: 'prefer-wait-read-failure', database, startWorker: false, env: { REDIS_URL: proxy.url('redis') } });
});

afterAll(async () => {
  phase = 'released';
  for (const forward of held.splice(0)) forward();
  await api?.close();
  await database?.stop();
  await proxy?.close();
});

describe('POST /api/v2/chat with Prefer: wait when Redis goes silent after accepting the message', () => {
  it('answers 202 naming the accepted job (not a 503 whose retry would double the message)', async () => {
    const conversationId = `test-conv-${randomUUID()}`;
    // Scripts loaded and connections warm before the silence (a NOSCRIPT retry would carry the text again).
    const warmUp = await fetch(`${api.baseUrl}/api/v2/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user_id: 'u', conversation_id: `test-conv-${randomUUID()}`, message: 'Bonjour ?' }),
    });
    expect(warmUp.status).toBe(202);
    marker = `marqueur-${randomUUID()}`;

    const response = await fetch(`${api.baseUrl}/api/v2/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', prefer: 'wait=2' },
      body: JSON.stringify({ user_id: 'u', conversation_id: conversationId, message: `Combien coûte le coaching ? ${marker}` }),
    });
    const body: unknown = await response.json();
    expect(phase).toBe('holding');
    expect({ status: response.status, body }).toMatchObject({ status: 202, body: { status: 'queued', conversation_id: conversationId } });
    const accepted = chatAcceptedSchema.parse(body);
    expect(response.headers.get('location')).toBe(accepted.poll_url);

    // The job it names is the one in the queue (read past the proxy), holding the message.
    const direct = new Redis(redisUrl.toString(), { maxRetriesPerRequest: 1 });
    const queue = new Queue(api.config.CHAT_QUEUE_NAME, { connection: direct, prefix: api.config.QUEUE_PREFIX });
    try {
      const job = await queue.getJob(accepted.job_id);
      expect(job?.data).toMatchObject({ conversation_id: conversationId, message: `Combien coûte le coaching ? ${marker}` });
    } finally {
      await queue.close();
      direct.disconnect();
    }
  });
});
