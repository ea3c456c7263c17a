import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatAcceptedSchema, conversationIdDigest, conversationMessagesSchema, createLogger, errorBodySchema } from '@lac/core';
import { startTestApi, startTestDatabase, type TestApi, type TestDatabase } from './testing/api-test-harness.ts';
import { waitForStoredMessages } from './testing/stored-messages.ts';

/** Conversation tokens through HTTP (docs/security.md): who may post into and read a conversation. */

let database: TestDatabase;
let api: TestApi;
let openApi: TestApi;

beforeAll(async () => {
  database = await startTestDatabase(createLogger({ level: 'silent' }));
  [api, openApi] = await Promise.all([
    startTestApi({ name: 'access', database }),
    startTestApi({ name: 'access-open', database, env: { CONVERSATION_ACCESS: 'open' }, startWorker: false }),
  ]);
});

afterAll(async () => {
  await Promise.all([api?.close(), openApi?.close()]);
  await database?.stop();
});

function post(target: TestApi, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${target.baseUrl}/api/v2/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

async function expectError(response: Response, status: number, code: string): Promise<string> {
  expect(response.status).toBe(status);
  const body = errorBodySchema.parse(await response.json());
  expect(body.error.code).toBe(code);
  return body.error.message;
}

async function remainingOf(target: TestApi, conversationId: string): Promise<number> {
  return ((await (await fetch(`${target.baseUrl}/api/v2/rate-limit/${encodeURIComponent(conversationId)}`)).json()) as { remaining: number }).remaining;
}

describe('conversation tokens', () => {
  it('the first post gets the token; without it another client can neither post nor read (401/403), and nothing is stored', async () => {
    const conversation = `test-conv-${randomUUID()}`;
    const first = await post(api, { user_id: 'visitor', conversation_id: conversation, message: 'Bonjour, une question sur Kajabi' }, { prefer: 'wait=20' });
    expect(first.status).toBe(200);
    const { conversation_token: token } = (await first.json()) as { conversation_token: string };
    expect(token).toMatch(/^ct1\.[A-Za-z0-9_-]{43}$/);

    const jobsBefore = await api.countJobs();
    const remainingBefore = await remainingOf(api, conversation);
    const missing = await post(api, { user_id: 'visitor', conversation_id: conversation, message: 'intrusion' });
    expect(missing.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(await expectError(missing, 401, 'conversation_token_required')).toMatch(/jeton/);
    const otherConversation = (await (await post(api, { user_id: 'x', conversation_id: `test-conv-${randomUUID()}`, message: 'à moi' })).json()) as {
      conversation_token: string;
    };
    await expectError(await post(api, { user_id: 'visitor', conversation_id: conversation, message: 'intrusion' }, bearer(otherConversation.conversation_token)), 403, 'conversation_token_invalid');
    await expectError(await post(api, { user_id: 'visitor', conversation_id: conversation, message: 'intrusion' }, bearer('ct1.forged')), 403, 'conversation_token_invalid');
    await expectError(await post(api, { user_id: 'visitor', conversation_id: conversation, message: 'intrusion' }, { authorization: 'Bearer' }), 403, 'conversation_token_invalid');
    expect(await api.countJobs()).toBe(jobsBefore + 1); // only the other conversation's message
    expect(await remainingOf(api, conversation)).toBe(remainingBefore);

    const messagesPath = `${api.baseUrl}/api/v2/conversations/${encodeURIComponent(conversation)}/messages`;
    await expectError(await fetch(messagesPath), 401, 'conversation_token_required');
    await expectError(await fetch(messagesPath, { headers: bearer(otherConversation.conversation_token) }), 403, 'conversation_token_invalid');

    const second = await post(api, { user_id: 'visitor', conversation_id: conversation, message: 'Et pour Zapier ?' }, { ...bearer(token), prefer: 'wait=20' });
    expect(second.status).toBe(200);
    expect(((await second.json()) as Record<string, unknown>).conversation_token).toBeUndefined();
    const read = await fetch(messagesPath, { headers: bearer(token) });
    expect(read.status).toBe(200);
    const { messages } = conversationMessagesSchema.parse(await read.json());
    expect(messages.map((message) => message.content).filter((_, index) => index % 2 === 0)).toEqual(['Bonjour, une question sur Kajabi', 'Et pour Zapier ?']);
    const stored = await database.pool.query<{ content: string }>("SELECT content FROM messages WHERE conversation_id = $1 AND role = 'user'", [conversation]);
    expect(stored.rows.map((row) => row.content)).not.toContain('intrusion');
  });

  it('a refused first post (invalid body) does not take the conversation; a retry with the same Idempotency-Key gets the token again', async () => {
    const conversation = `test-conv-${randomUUID()}`;
    await expectError(await post(api, { user_id: 'visitor', conversation_id: conversation, message: '   ' }), 400, 'invalid_request');
    const key = randomUUID();
    const body = { user_id: 'visitor', conversation_id: conversation, message: 'Premier message' };
    const first = chatAcceptedSchema.parse(await (await post(api, body, { 'idempotency-key': key })).json());
    expect(first.conversation_token).toBeDefined();
    const retried = await post(api, body, { 'idempotency-key': key });
    expect(retried.status).toBe(202);
    const replay = chatAcceptedSchema.parse(await retried.json());
    expect(replay.job_id).toBe(first.job_id);
    expect(replay.conversation_token).toBe(first.conversation_token);
    // Someone else's key does not open the door.
    await expectError(await post(api, body, { 'idempotency-key': randomUUID() }), 401, 'conversation_token_required');
    // The same key with another body, without the token: refused as a conflict, without naming the
    // first job nor giving the token (the key may be guessed, and user_id is no secret).
    const conflict = await post(api, { ...body, message: 'Un autre contenu' }, { 'idempotency-key': key });
    expect(conflict.status).toBe(422);
    const conflictBody = (await conflict.json()) as { error: { code: string; job_id?: string }; conversation_token?: string };
    expect(conflictBody.error.code).toBe('idempotency_conflict');
    expect(conflictBody.error.job_id).toBeUndefined();
    expect(JSON.stringify(conflictBody)).not.toContain(first.conversation_token!);
    // With the token, the conflict names the job the key is bound to.
    const owned = await post(api, { ...body, message: 'Un autre contenu' }, { 'idempotency-key': key, authorization: `Bearer ${first.conversation_token!}` });
    expect(((await owned.json()) as { error: { job_id?: string } }).error.job_id).toBe(first.job_id);
  });

  it('a conversation stored before tokens existed is claimed once, by its stored owner', async () => {
    const conversation = randomUUID();
    await database.pool.query("INSERT INTO users (id) VALUES ('owner-v1') ON CONFLICT DO NOTHING");
    // As v1 or the Python v2 write a conversation (after migration 0026 too: they name no token_issued).
    await database.pool.query("INSERT INTO conversations (id, user_id) VALUES ($1, 'owner-v1')", [conversation]);
    await database.pool.query("INSERT INTO messages (conversation_id, role, content) VALUES ($1, 'user', 'ancien message')", [conversation]);

    await expectError(await post(api, { user_id: 'someone-else', conversation_id: conversation, message: 'je prends' }), 401, 'conversation_token_required');
    const owner = await post(api, { user_id: 'owner-v1', conversation_id: conversation, message: 'Je reviens' });
    expect(owner.status).toBe(202);
    const { conversation_token: token } = chatAcceptedSchema.parse(await owner.json());
    expect(token).toBeDefined();
    await expectError(await post(api, { user_id: 'owner-v1', conversation_id: conversation, message: 'encore' }), 401, 'conversation_token_required');
    await waitForStoredMessages(database, conversation, 3);
    const read = conversationMessagesSchema.parse(await (await fetch(`${api.baseUrl}/api/v2/conversations/${conversation}/messages`, { headers: bearer(token!) })).json());
    expect(read.messages.map((message) => message.content)).toContain('ancien message');
  });

  it('POST /api/v2/conversations opens a conversation (201 + token) without a message; taken ids are refused', async () => {
    const opened = await fetch(`${api.baseUrl}/api/v2/conversations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user_id: 'visitor' }),
    });
    expect(opened.status).toBe(201);
    const { conversation_id: id, conversation_token: token } = (await opened.json()) as { conversation_id: string; conversation_token: string };
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await remainingOf(api, id)).toBe(10);
    const again = (body: unknown, headers: Record<string, string> = {}) =>
      fetch(`${api.baseUrl}/api/v2/conversations`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    await expectError(await again({ user_id: 'intruder', conversation_id: id }), 401, 'conversation_token_required');
    expect((await again({ user_id: 'visitor', conversation_id: id }, bearer(token))).status).toBe(200);
    await expectError(await again({ user_id: 'visitor', conversation_id: id, extra: 1 }, bearer(token)), 400, 'invalid_request');
  });

  it('CONVERSATION_ACCESS=open keeps the old behaviour (no token needed) and still hands tokens out', async () => {
    const conversation = `test-conv-${randomUUID()}`;
    const first = chatAcceptedSchema.parse(await (await post(openApi, { user_id: 'v', conversation_id: conversation, message: 'un' })).json());
    expect(first.conversation_token).toBeDefined();
    expect((await post(openApi, { user_id: 'v', conversation_id: conversation, message: 'deux' })).status).toBe(202);
    expect((await fetch(`${openApi.baseUrl}/api/v2/conversations/${conversation}/messages`)).status).toBe(200);
  });

  it('in open mode too, an erased id is never given a token again: its former token would open the new conversation once tokens are required', async () => {
    const conversation = `test-conv-${randomUUID()}`;
    const first = chatAcceptedSchema.parse(await (await post(openApi, { user_id: 'v', conversation_id: conversation, message: 'un' })).json());
    expect((await fetch(`${openApi.baseUrl}/api/v2/conversations/${conversation}`, { method: 'DELETE', headers: bearer(first.conversation_token!) })).status).toBe(200);
    // A day later the erasure marker is gone: someone else writes under the same id.
    await openApi.redis.del(`${openApi.config.QUEUE_PREFIX}:erased:${conversationIdDigest(conversation)}`);
    const stranger = await post(openApi, { user_id: 'quelqu-un-d-autre', conversation_id: conversation, message: 'deux' });
    expect(stranger.status).toBe(202);
    expect(chatAcceptedSchema.parse(await stranger.json()).conversation_token).toBeUndefined();
  });
});
