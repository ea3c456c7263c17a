import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@lac/core';
import { startTestApi, startTestDatabase, type TestApi, type TestDatabase } from './testing/api-test-harness.ts';
import { responseProblems } from './testing/openapi-conformance.ts';

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
    const conversations = await Promise.all(Array.from({ length: 30 }, () => openConversation(flooder)));
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
