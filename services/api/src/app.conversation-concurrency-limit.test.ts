import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@lac/core';
import { startTestApi, startTestDatabase, type TestApi, type TestDatabase } from './testing/api-test-harness.ts';
import { responseProblems } from './testing/openapi-conformance.ts';
import { TOO_MANY_REQUESTS_IN_PROGRESS_MESSAGE } from './http/client-concurrency-limit.ts';

/**
 * The per-client concurrency limit (http/client-concurrency-limit.ts) on the visitor's
 * non-read conversation routes, through the real stack (PGlite, Redis): 400 concurrent
 * POST …/handover/cancel from one address once took the database pool from every other visitor.
 * Behind a trusted proxy (TRUST_PROXY=loopback) so each test client has its own X-Forwarded-For.
 */

const LIMIT = 2;
let database: TestDatabase;
let api: TestApi;
let document: Record<string, unknown>;

beforeAll(async () => {
  database = await startTestDatabase(createLogger({ level: 'silent' }));
  api = await startTestApi({
    name: 'conversation-concurrency',
    database,
    startWorker: false,
    env: { MAX_REQUESTS_IN_PROGRESS_PER_CLIENT: String(LIMIT), TRUST_PROXY: 'loopback' },
    handover: {},
  });
  document = (await (await fetch(`${api.baseUrl}/openapi.json`)).json()) as Record<string, unknown>;
}, 180_000);

afterAll(async () => {
  await api?.close();
  await database?.stop();
});

/** Opens a conversation as the client at `address`; answers its id and token. */
async function openConversation(address: string): Promise<{ conversationId: string; token: string }> {
  const response = await fetch(`${api.baseUrl}/api/v2/conversations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
    body: JSON.stringify({ user_id: `user-${address}` }),
  });
  expect(response.status).toBe(201);
  const body = (await response.json()) as { conversation_id: string; conversation_token: string };
  return { conversationId: body.conversation_id, token: body.conversation_token };
}

async function cancel(address: string, conversation: { conversationId: string; token: string }) {
  const path = `/api/v2/conversations/${encodeURIComponent(conversation.conversationId)}/handover/cancel`;
  const response = await fetch(`${api.baseUrl}${path}`, {
    method: 'POST',
    headers: { 'x-forwarded-for': address, authorization: `Bearer ${conversation.token}` },
  });
  const body = (await response.json()) as { error?: { code: string; retry_after_seconds?: number } };
  const problems = responseProblems(document, { method: 'POST', path }, { status: response.status, contentType: response.headers.get('content-type'), body });
  return { status: response.status, retryAfter: response.headers.get('retry-after'), body, problems };
}

describe('per-client concurrency limit on the hand-over cancel route', () => {
  it('60 concurrent cancels from one address: 429 with Retry-After past the limit, while another address is served', async () => {
    const flooder = '203.0.113.40';
    const neighbour = '198.51.100.41';
    const [flooded, quiet] = await Promise.all([openConversation(flooder), openConversation(neighbour)]);

    const [floodAnswers, neighbourAnswer] = await Promise.all([
      Promise.all(Array.from({ length: 60 }, () => cancel(flooder, flooded))),
      cancel(neighbour, quiet),
    ]);

    // Nothing waits for a person in either conversation: a served cancel is 409 handover_not_waiting.
    expect(neighbourAnswer).toMatchObject({ status: 409, body: { error: { code: 'handover_not_waiting' } }, problems: [] });
    const refused = floodAnswers.filter((answer) => answer.status === 429);
    const served = floodAnswers.filter((answer) => answer.status === 409);
    expect(refused.length + served.length).toBe(60);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused[0]).toMatchObject({ retryAfter: '1', body: { error: { code: 'rate_limited', retry_after_seconds: 1 } }, problems: [] });
    // Places are given back as answers end: the flooding client is served again afterwards.
    expect((await cancel(flooder, flooded)).status).toBe(409);
  });

  it('erasure (DELETE) is counted too: a burst past the limit is refused with the same 429', async () => {
    const flooder = '203.0.113.42';
    // Opened one after the other: openings are counted too (below).
    const conversations: Array<{ conversationId: string; token: string }> = [];
    for (let index = 0; index < 30; index += 1) conversations.push(await openConversation(flooder));
    const answers = await Promise.all(
      conversations.map(async ({ conversationId, token }) => {
        const path = `/api/v2/conversations/${encodeURIComponent(conversationId)}`;
        const response = await fetch(`${api.baseUrl}${path}`, { method: 'DELETE', headers: { 'x-forwarded-for': flooder, authorization: `Bearer ${token}` } });
        const body = response.status === 204 ? undefined : await response.json();
        return { status: response.status, retryAfter: response.headers.get('retry-after'), problems: responseProblems(document, { method: 'DELETE', path }, { status: response.status, contentType: response.headers.get('content-type'), body }) };
      }),
    );
    const refused = answers.filter((answer) => answer.status === 429);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused[0]).toMatchObject({ retryAfter: '1', problems: [] });
  });
});

describe('per-client concurrency limit on posts and openings', () => {
  const post = async (address: string, path: '/api/v2/chat' | '/api/v2/conversations', index: number, headers: Record<string, string> = {}) => {
    const conversationId = `flood-${address}-${index}`;
    const body = path === '/api/v2/chat' ? { user_id: `u-${index}`, conversation_id: conversationId, message: 'bonjour' } : { user_id: `u-${index}`, conversation_id: conversationId };
    const response = await fetch(`${api.baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': address, ...headers }, body: JSON.stringify(body) });
    const answer = (await response.json()) as { error?: { code: string; message: string } };
    const problems = responseProblems(document, { method: 'POST', path }, { status: response.status, contentType: response.headers.get('content-type'), body: answer });
    return { status: response.status, retryAfter: response.headers.get('retry-after'), message: answer.error?.message, problems };
  };

  // A tokenless first post looks its conversation id up in the database before the per-client
  // windows refuse it: a flood of them from one address past its new conversations (all 429) took
  // the database pool, and another visitor's reads answered 503.
  for (const path of ['/api/v2/chat', '/api/v2/conversations'] as const) {
    it(`60 concurrent first posts to ${path} from one address: past the limit, 429 before any database lookup`, async () => {
      const flooder = path === '/api/v2/chat' ? '203.0.113.50' : '203.0.113.51';
      const answers = await Promise.all(Array.from({ length: 60 }, (_, index) => post(flooder, path, index)));
      const refusedAtWork = answers.filter((answer) => answer.status === 429 && answer.message === TOO_MANY_REQUESTS_IN_PROGRESS_MESSAGE);
      expect(refusedAtWork.length).toBeGreaterThan(0);
      expect(refusedAtWork[0]).toMatchObject({ retryAfter: '1', problems: [] });
      expect(answers.every((answer) => answer.problems.length === 0)).toBe(true);
    });
  }

  // Only a Bearer token makes a post one into an existing conversation: any other Authorization
  // (a site's Basic credentials the browser adds, or one sent on purpose) is no token, and such a
  // first post does the same database lookup. It skipped the limit: a flooder only had to add one.
  it.each([['Basic', 'Basic YTpi'], ['empty', ''], ['another scheme', 'Token abc']])(
    'a first post carrying an Authorization that is no Bearer token (%s) is counted as a first post',
    async (_name, authorization) => {
      const flooder = `203.0.113.${60 + ['Basic YTpi', '', 'Token abc'].indexOf(authorization)}`;
      const answers = await Promise.all(Array.from({ length: 60 }, (_, index) => post(flooder, '/api/v2/chat', index, { authorization })));
      expect(answers.filter((answer) => answer.status === 429 && answer.message === TOO_MANY_REQUESTS_IN_PROGRESS_MESSAGE).length).toBeGreaterThan(0);
    },
  );

  it('posts into a conversation with its token are not counted: 50 at once get the conversation rate limit only (10 accepted, 40 with its RateLimit headers)', async () => {
    const address = '203.0.113.52';
    const conversation = await openConversation(address);
    const answers = await Promise.all(
      Array.from({ length: 50 }, async (_, index) => {
        const response = await fetch(`${api.baseUrl}/api/v2/chat`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': address, authorization: `Bearer ${conversation.token}` },
          body: JSON.stringify({ user_id: `user-${address}`, conversation_id: conversation.conversationId, message: `message ${index}` }),
        });
        await response.arrayBuffer();
        return { status: response.status, policy: response.headers.get('ratelimit-policy') };
      }),
    );
    expect(answers.filter((answer) => answer.status === 202)).toHaveLength(10);
    const refused = answers.filter((answer) => answer.status === 429);
    expect(refused).toHaveLength(40);
    expect(refused.every((answer) => answer.policy !== null)).toBe(true);
  });
});
