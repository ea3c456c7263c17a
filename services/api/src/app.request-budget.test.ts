import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@lac/core';
import { repliesDelayedInOrder, startTcpTestProxy, waitUntil, type TcpTestProxy } from '@lac/core/testing';
import { startTestApi, startTestDatabase, type TestApi, type TestDatabase } from './testing/api-test-harness.ts';

/**
 * A post to POST /api/v2/chat over a Redis whose every reply is late, within each command's
 * deadline (800 ms) but not within the request's budget (API_REQUEST_BUDGET_MS, 2 s here): a
 * tokenless first post made its round trips one after the other and answered past 2 s. It must
 * answer 503 with Retry-After within the budget, leaving nothing half done: the conversation's claim
 * given back (the next first post gets the token), an admission whose job was not created taken
 * back (no job, the rate-limit slot free, the conversation's order empty), and with an
 * Idempotency-Key the retry gets the one message accepted.
 */
const redisUrl = new URL(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
const BUDGET_MS = 2_000;

let replyDelayMs = 0;
let proxy: TcpTestProxy;
let database: TestDatabase;
let api: TestApi;
let direct: Redis;

beforeAll(async () => {
  // Every reply from Redis leaves `replyDelayMs` after it came, in order on each connection.
  proxy = await startTcpTestProxy({ host: redisUrl.hostname, port: Number(redisUrl.port || 6379) }, repliesDelayedInOrder(() => replyDelayMs));
  database = await startTestDatabase(createLogger({ level: 'silent' }));
  api = await startTestApi({
    name: 'request-budget',
    database,
    startWorker: false,
    env: { REDIS_URL: proxy.url('redis'), CONVERSATION_ACCESS: 'token', API_REQUEST_BUDGET_MS: String(BUDGET_MS), API_DEPENDENCY_TIMEOUT_MS: '800' },
  });
  direct = new Redis(redisUrl.toString());
});

afterAll(async () => {
  replyDelayMs = 0;
  await api?.close();
  await database?.stop();
  await proxy?.close();
  direct?.disconnect();
});

const post = async (body: Record<string, unknown>, headers: Record<string, string> = {}) => {
  const startedAt = Date.now();
  const response = await fetch(`${api.baseUrl}/api/v2/chat`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: response.status, retryAfter: response.headers.get('retry-after'), replayed: response.headers.get('idempotent-replayed'), body: (await response.json()) as Record<string, unknown>, ms: Date.now() - startedAt };
};

/** What a conversation holds in Redis: its claim, its order, its rate-limit slots. */
const tracesOf = async (conversationId: string) => ({
  claim: await direct.exists(api.keys.conversationClaim(conversationId)),
  order: await direct.llen(api.keys.conversationOrder(conversationId)),
  // The window's members but its '~ttl' marker (rate-limit-sliding-window.lua).
  slots: (await direct.zrange(api.keys.rateLimit(conversationId), '0', '-1')).filter((member) => member !== '~ttl').length,
});

describe('POST /api/v2/chat within its time budget', () => {
  it('answers a tokenless first post 503 with Retry-After within the budget, and gives its claim back', async () => {
    // Warm: scripts loaded, connections made (a NOSCRIPT would add a round trip).
    expect((await post({ user_id: 'u', conversation_id: `test-conv-${randomUUID()}`, message: 'Bonjour ?' })).status).toBe(202);
    const conversationId = `test-conv-${randomUUID()}`;
    replyDelayMs = 700;
    // Markers (0.7 s), claim (1.4 s): the owner lookup would start with 0.6 s left, under one deadline.
    const answer = await post({ user_id: 'u', conversation_id: conversationId, message: 'Combien coûte le coaching ?' });
    replyDelayMs = 0;
    process.stdout.write(`[budget] tokenless first post, Redis replies 700 ms late: ${answer.status} in ${answer.ms} ms\n`);
    expect({ status: answer.status, code: (answer.body.error as { code?: string } | undefined)?.code, retryAfter: answer.retryAfter }).toEqual({ status: 503, code: 'dependency_unavailable', retryAfter: expect.any(String) });
    expect(answer.ms).toBeLessThan(BUDGET_MS);
    await waitUntil(() => tracesOf(conversationId), (traces) => traces.claim === 0, 5_000);
    expect(await tracesOf(conversationId)).toEqual({ claim: 0, order: 0, slots: 0 });
    expect(await api.countJobs()).toBe(1);
    const retried = await post({ user_id: 'u', conversation_id: conversationId, message: 'Combien coûte le coaching ?' });
    expect(retried.status).toBe(202);
    expect(retried.body.conversation_token).toEqual(expect.any(String));
  });

  it('takes back an admission whose job creation would pass the budget; with an Idempotency-Key the retry gets the one message', async () => {
    const conversationId = `test-conv-${randomUUID()}`;
    const first = await post({ user_id: 'u', conversation_id: conversationId, message: 'Bonjour ?' });
    expect(first.status).toBe(202);
    const token = { authorization: `Bearer ${String(first.body.conversation_token)}` };
    const jobsBefore = await api.countJobs();

    replyDelayMs = 650;
    // Erasure marker (0.65 s), admission (1.3 s): the creation would start with 0.7 s left.
    const withoutKey = await post({ user_id: 'u', conversation_id: conversationId, message: 'Et le tarif de groupe ?' }, token);
    replyDelayMs = 0;
    process.stdout.write(`[budget] post with its token, Redis replies 650 ms late: ${withoutKey.status} in ${withoutKey.ms} ms\n`);
    expect({ status: withoutKey.status, retryAfter: withoutKey.retryAfter }).toEqual({ status: 503, retryAfter: expect.any(String) });
    expect(withoutKey.ms).toBeLessThan(BUDGET_MS);
    // Taken back: only the first message's slot and place (its job queued, no worker here).
    await waitUntil(() => tracesOf(conversationId), (traces) => traces.order === 1 && traces.slots === 1, 5_000);
    expect(await api.countJobs()).toBe(jobsBefore);

    replyDelayMs = 650;
    const keyed = { ...token, 'idempotency-key': `key-${randomUUID()}` };
    const withKey = await post({ user_id: 'u', conversation_id: conversationId, message: 'Et pour une entreprise ?' }, keyed);
    replyDelayMs = 0;
    expect(withKey.status).toBe(503);
    expect(withKey.ms).toBeLessThan(BUDGET_MS);
    // The visitor's retry with the same key: the one message is accepted, once.
    const retried = await post({ user_id: 'u', conversation_id: conversationId, message: 'Et pour une entreprise ?' }, keyed);
    expect(retried.status).toBe(202);
    const again = await post({ user_id: 'u', conversation_id: conversationId, message: 'Et pour une entreprise ?' }, keyed);
    expect({ status: again.status, replayed: again.replayed, jobId: again.body.job_id }).toEqual({ status: 202, replayed: 'true', jobId: retried.body.job_id });
    expect(await api.countJobs()).toBe(jobsBefore + 1);
    expect(await tracesOf(conversationId)).toMatchObject({ order: 2, slots: 2 });
  });
});

describe('POST /api/v2/conversations within its time budget', () => {
  const open = async (body: Record<string, unknown>, headers: Record<string, string> = {}) => {
    const startedAt = Date.now();
    const response = await fetch(`${api.baseUrl}/api/v2/conversations`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    return { status: response.status, retryAfter: response.headers.get('retry-after'), body: (await response.json()) as Record<string, unknown>, ms: Date.now() - startedAt };
  };

  it('answers an opening 503 with Retry-After when Redis is too slow for the budget, and gives its claim back', async () => {
    expect((await open({ user_id: 'u', conversation_id: `test-conv-${randomUUID()}` })).status).toBe(201);
    const conversationId = `test-conv-${randomUUID()}`;
    replyDelayMs = 700;
    // Erasure marker (0.7 s), claim (1.4 s): the owner lookup would start with 0.6 s left, under one
    // deadline. Without a budget the opening went on to its 201, each step within its own deadline.
    const answer = await open({ user_id: 'u', conversation_id: conversationId });
    replyDelayMs = 0;
    process.stdout.write(`[budget] opening, Redis replies 700 ms late: ${answer.status} in ${answer.ms} ms\n`);
    expect({ status: answer.status, code: (answer.body.error as { code?: string } | undefined)?.code, retryAfter: answer.retryAfter }).toEqual({
      status: 503,
      code: 'dependency_unavailable',
      retryAfter: expect.any(String),
    });
    // Nothing kept: the claim given back, so the visitor's retry opens the conversation.
    await waitUntil(() => tracesOf(conversationId), (traces) => traces.claim === 0, 5_000);
    const retried = await open({ user_id: 'u', conversation_id: conversationId });
    expect({ status: retried.status, token: retried.body.conversation_token }).toEqual({ status: 201, token: expect.any(String) });
  });
});
