import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conversationEventSchema, createLogger } from '@lac/core';
import { startTestApi, startTestDatabase, type TestApi, type TestDatabase } from './testing/api-test-harness.ts';
import { responseProblems } from './testing/openapi-conformance.ts';
import { ServerSentEventsReader } from './testing/server-sent-events-reader.ts';

/**
 * Real answers of the conversation routes (visitor and operator) and of the admin privacy routes,
 * each checked against the OpenAPI document the app serves (`responseProblems`: path, method,
 * status, content type and the zod schema the document names): successes, the conversation token's
 * 401/403/410, the admin 401, 404 and 409 — so a client generated from the document can use them.
 */

const ADMIN_PASSWORD = 'mot-de-passe-conformite';
const admin = { authorization: `Basic ${Buffer.from(`admin:${ADMIN_PASSWORD}`).toString('base64')}` };
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

let database: TestDatabase;
let api: TestApi;
/** Without the hand-over, with a worker: jobs finish (the 200 of `Prefer: wait`). */
let workerApi: TestApi;
let document: Record<string, unknown>;

beforeAll(async () => {
  database = await startTestDatabase(createLogger({ level: 'silent' }));
  [api, workerApi] = await Promise.all([
    startTestApi({ name: 'openapi-conformance', database, startWorker: false, env: { ADMIN_PASSWORD }, handover: {} }),
    startTestApi({ name: 'openapi-conformance-worker', database }),
  ]);
  document = (await (await fetch(`${api.baseUrl}/openapi.json`)).json()) as Record<string, unknown>;
}, 120_000);

afterAll(async () => {
  await Promise.all([api?.close(), workerApi?.close()]);
  await database?.stop();
});

interface Answer {
  status: number;
  body: any;
  problems: string[];
}

/**
 * Calls the API and checks the answer against the document. An event stream is read up to its first
 * event with `firstEvent` (the visitor's opens with a snapshot), else closed once its headers arrived.
 */
async function call(
  method: string,
  path: string,
  options: { headers?: Record<string, string>; json?: unknown; firstEvent?: boolean } = {},
  target: TestApi = api,
): Promise<Answer> {
  const abort = new AbortController();
  const response = await fetch(`${target.baseUrl}${path}`, {
    method,
    signal: abort.signal,
    headers: { ...(options.json === undefined ? {} : { 'content-type': 'application/json' }), ...options.headers },
    ...(options.json === undefined ? {} : { body: JSON.stringify(options.json) }),
  });
  const contentType = response.headers.get('content-type');
  let body: unknown;
  if (contentType?.startsWith('text/event-stream')) {
    body = options.firstEvent ? await new ServerSentEventsReader(response.body!).next() : undefined;
    abort.abort();
  } else {
    const text = await response.text();
    body = contentType?.startsWith('application/json') ? JSON.parse(text) : text;
  }
  return { status: response.status, body, problems: responseProblems(document, { method, path }, { status: response.status, contentType, body }) };
}

/** The call answered `status` with `code` (when an error), as the document declares. */
async function expectAnswer(answer: Promise<Answer>, status: number, code?: string): Promise<Answer> {
  const settled = await answer;
  expect({ status: settled.status, code: settled.body?.error?.code, problems: settled.problems }).toEqual({ status, code, problems: [] });
  return settled;
}

async function openConversation(): Promise<{ conversationId: string; userId: string; token: string; path: string }> {
  const userId = `user-${randomUUID()}`;
  const created = await expectAnswer(call('POST', '/api/v2/conversations', { json: { user_id: userId } }), 201);
  const conversationId = created.body.conversation_id as string;
  return { conversationId, userId, token: created.body.conversation_token as string, path: `/api/v2/conversations/${encodeURIComponent(conversationId)}` };
}

describe('visitor conversation routes', () => {
  it('creation, posting, state, messages and events answer as declared, with the token', async () => {
    const { conversationId, userId, token, path } = await openConversation();
    await expectAnswer(call('POST', '/api/v2/conversations', { json: { user_id: userId, conversation_id: conversationId }, headers: bearer(token) }), 200);
    // Opened, no message yet: it exists (its token says so), in the agents' hands.
    const opened = await expectAnswer(call('GET', path, { headers: bearer(token) }), 200);
    expect(opened.body).toMatchObject({ conversation_id: conversationId, state: 'ai', version: 0, pending_job_ids: [], operator: null });

    const accepted = await expectAnswer(call('POST', '/api/v2/chat', { json: { user_id: userId, conversation_id: conversationId, message: 'Bonjour' }, headers: bearer(token) }), 202);
    expect(accepted.body.conversation_token).toBeUndefined();
    const state = await expectAnswer(call('GET', path, { headers: bearer(token) }), 200);
    expect(state.body).toMatchObject({ conversation_id: conversationId, state: 'ai', pending_job_ids: [accepted.body.job_id] });
    // The visitor's own text of a message not answered yet (the database stores it with its answer).
    expect(state.body.pending_messages).toEqual([{ job_id: accepted.body.job_id, message: 'Bonjour', received_at: expect.any(String) }]);
    await expectAnswer(call('GET', `${path}/messages`, { headers: bearer(token) }), 200);
    const stream = await expectAnswer(call('GET', `${path}/events`, { headers: bearer(token), firstEvent: true }), 200);
    expect(conversationEventSchema.parse(stream.body.data)).toMatchObject({ type: 'state', state: 'ai', reason: 'snapshot' });
  });

  it('the first post of a new conversation needs no token and its answer carries conversation_token (202, and 200 under Prefer: wait)', async () => {
    const first = await expectAnswer(call('POST', '/api/v2/chat', { json: { user_id: 'visiteur', conversation_id: `conv-${randomUUID()}`, message: 'Bonjour' } }), 202);
    expect(first.body.conversation_token).toMatch(/^ct1\./);
    // The 200 of a job finished within the wait: a worker answers this one.
    const answered = await call('POST', '/api/v2/chat', { json: { user_id: 'visiteur', conversation_id: `conv-${randomUUID()}`, message: 'Bonjour' }, headers: { prefer: 'wait=20' } }, workerApi);
    expect({ status: answered.status, problems: answered.problems }).toEqual({ status: 200, problems: [] });
    expect(answered.body).toMatchObject({ status: 'completed', conversation_token: expect.stringMatching(/^ct1\./) });
  });

  it('answers 401 without the token and 403 with another one, on every conversation route', async () => {
    const { conversationId, userId, path } = await openConversation();
    const other = await openConversation();
    const routes: Array<[string, string, unknown?]> = [
      ['GET', path],
      ['GET', `${path}/messages`],
      ['GET', `${path}/events`],
      ['DELETE', path],
      ['POST', '/api/v2/chat', { user_id: userId, conversation_id: conversationId, message: 'intrusion' }],
      ['POST', '/api/v2/conversations', { user_id: userId, conversation_id: conversationId }],
    ];
    for (const [method, route, json] of routes) {
      await expectAnswer(call(method, route, { json }), 401, 'conversation_token_required');
      await expectAnswer(call(method, route, { json, headers: bearer(other.token) }), 403, 'conversation_token_invalid');
    }
  });

  it('the visitor erases the conversation (200); it then answers 410 on every route, token or not', async () => {
    const { conversationId, userId, token, path } = await openConversation();
    const erased = await expectAnswer(call('DELETE', path, { headers: bearer(token) }), 200);
    expect(erased.body.conversation_id).toBe(conversationId);
    for (const [method, route] of [['GET', path], ['GET', `${path}/messages`], ['GET', `${path}/events`], ['DELETE', path]] as const) {
      await expectAnswer(call(method, route, { headers: bearer(token) }), 410, 'conversation_erased');
    }
    await expectAnswer(call('POST', '/api/v2/chat', { json: { user_id: userId, conversation_id: conversationId, message: 'encore' } }), 410, 'conversation_erased');
  });
});

describe('operator routes', () => {
  it('list, read, join, reply, hand back, close and the event streams answer as declared, 409 included', async () => {
    const { conversationId, userId, token, path } = await openConversation();
    await api.handover!.desk.escalated(conversationId, userId);
    const operatorPath = `/admin/conversations/${encodeURIComponent(conversationId)}`;

    const listed = await expectAnswer(call('GET', '/admin/conversations?state=waiting_human', { headers: admin }), 200);
    expect(listed.body.conversations.map((conversation: { conversation_id: string }) => conversation.conversation_id)).toContain(conversationId);
    await expectAnswer(call('GET', operatorPath, { headers: admin }), 200);
    await expectAnswer(call('POST', `${operatorPath}/messages`, { json: { text: 'Bonjour' }, headers: admin }), 409, 'conversation_state_conflict');
    await expectAnswer(call('POST', `${operatorPath}/join`, { json: { operator_name: 'Léa' }, headers: admin }), 200);
    await expectAnswer(call('POST', `${operatorPath}/join`, { json: { operator_name: 'Marc' }, headers: admin }), 409, 'conversation_held_by_another_operator');
    const reply = await expectAnswer(call('POST', `${operatorPath}/messages`, { json: { text: 'Bonjour, je suis Léa.' }, headers: admin }), 201);
    expect(reply.body.message).toMatchObject({ author: 'human', content: 'Bonjour, je suis Léa.' });
    await expectAnswer(call('POST', `${operatorPath}/handback`, { headers: admin }), 200);
    await expectAnswer(call('POST', `${operatorPath}/handback`, { headers: admin }), 409, 'conversation_state_conflict');
    await expectAnswer(call('POST', `${operatorPath}/close`, { headers: admin }), 200);
    await expectAnswer(call('GET', '/admin/conversations/events', { headers: admin }), 200);
    // Closed: the visitor's stream has nothing more to send.
    await expectAnswer(call('GET', `${path}/events`, { headers: bearer(token) }), 204);
  });

  it('bad input 400, unknown conversation 404, no or wrong credentials 401', async () => {
    const unknown = `/admin/conversations/${randomUUID()}`;
    await expectAnswer(call('GET', unknown, { headers: admin }), 404, 'conversation_not_found');
    await expectAnswer(call('POST', `${unknown}/join`, { json: { operator_name: 'x', extra: true }, headers: admin }), 400, 'invalid_request');
    await expectAnswer(call('GET', '/admin/conversations?limit=0', { headers: admin }), 400, 'invalid_request');
    await expectAnswer(call('GET', '/admin/conversations'), 401, 'unauthorized');
    await expectAnswer(call('POST', `${unknown}/close`, { headers: { authorization: `Basic ${Buffer.from('admin:faux').toString('base64')}` } }), 401, 'unauthorized');
  });
});

describe('admin privacy routes', () => {
  it('export, erase a conversation, erase a user: 200 as declared; the erased conversation then answers 410 to its visitor', async () => {
    const { conversationId, userId, token, path } = await openConversation();
    await expectAnswer(call('POST', '/api/v2/chat', { json: { user_id: userId, conversation_id: conversationId, message: 'Bonjour' }, headers: bearer(token) }), 202);
    const exported = await expectAnswer(call('GET', `/admin/users/${encodeURIComponent(userId)}/export`, { headers: admin }), 200);
    expect(exported.body.user_id).toBe(userId);
    await expectAnswer(call('DELETE', `/admin/conversations/${encodeURIComponent(conversationId)}`, { headers: admin }), 200);
    await expectAnswer(call('GET', path, { headers: bearer(token) }), 410, 'conversation_erased');
    const erasedUser = await expectAnswer(call('DELETE', `/admin/users/${encodeURIComponent(userId)}`, { headers: admin }), 200);
    expect(erasedUser.body.user_id).toBe(userId);
    await expectAnswer(call('DELETE', `/admin/users/${encodeURIComponent(userId)}`), 401, 'unauthorized');
    await expectAnswer(call('GET', '/admin/users/a%00b/export', { headers: admin }), 400, 'invalid_request');
  });
});
