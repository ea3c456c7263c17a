import { randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@lac/core';
import { startTestApi, startTestDatabase, type TestApi, type TestDatabase } from './testing/api-test-harness.ts';
import { responseProblems } from './testing/openapi-conformance.ts';

/**
 * The visitor routes that read no body (`DELETE /api/v2/conversations/:id`, `POST …/handover/cancel`)
 * hold a body sent anyway to the rule of every body (docs/http-api.md): JSON or 415, well-formed or
 * 400. They ignored it: a DELETE with a form's or a broken JSON body erased the conversation.
 */
let database: TestDatabase;
let api: TestApi;
let document: Record<string, unknown>;

beforeAll(async () => {
  database = await startTestDatabase(createLogger({ level: 'silent' }));
  api = await startTestApi({ name: 'bodyless-routes', database, startWorker: false, handover: {}, env: { CONVERSATION_ACCESS: 'token' } });
  document = (await (await fetch(`${api.baseUrl}/openapi.json`)).json()) as Record<string, unknown>;
});

afterAll(async () => {
  await api?.close();
  await database?.stop();
});

/** A conversation opened for the test, with its token. */
async function openConversation(): Promise<{ path: string; authorization: string }> {
  const conversationId = `test-conv-${randomUUID()}`;
  const response = await fetch(`${api.baseUrl}/api/v2/conversations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ user_id: 'u', conversation_id: conversationId }),
  });
  const { conversation_token: token } = (await response.json()) as { conversation_token: string };
  return { path: `${api.baseUrl}/api/v2/conversations/${conversationId}`, authorization: `Bearer ${token}` };
}

/** The answer's status and error code, the answer checked against the OpenAPI document the app serves. */
const errorOf = async (response: Response, method: 'DELETE' | 'POST') => {
  const body = (await response.json()) as { error?: { code?: string } };
  const path = new URL(response.url).pathname;
  expect(responseProblems(document, { method, path }, { status: response.status, contentType: response.headers.get('content-type'), body })).toEqual([]);
  return { status: response.status, code: body.error?.code };
};

describe('routes that read no body', () => {
  it('refuse an erasure sent with a body that is not JSON (415) or not well-formed (400), and erase nothing', async () => {
    const conversation = await openConversation();
    const form = await fetch(conversation.path, { method: 'DELETE', headers: { authorization: conversation.authorization, 'content-type': 'application/x-www-form-urlencoded' }, body: 'confirm=yes' });
    expect(await errorOf(form, 'DELETE')).toEqual({ status: 415, code: 'unsupported_media_type' });
    const broken = await fetch(conversation.path, { method: 'DELETE', headers: { authorization: conversation.authorization, 'content-type': 'application/json' }, body: '{"confirm":' });
    expect(await errorOf(broken, 'DELETE')).toEqual({ status: 400, code: 'invalid_json' });
    // Still there: its state reads 200 (an erased one answers 410).
    expect((await fetch(conversation.path, { headers: { authorization: conversation.authorization } })).status).toBe(200);
    // Without a body, as the widget sends it, the erasure is done.
    expect((await fetch(conversation.path, { method: 'DELETE', headers: { authorization: conversation.authorization } })).status).toBe(200);
    expect((await fetch(conversation.path, { headers: { authorization: conversation.authorization } })).status).toBe(410);
  });

  it('refuse a hand-over cancel sent with a body that is not JSON (415) or not well-formed (400)', async () => {
    const conversation = await openConversation();
    const cancel = (headers: Record<string, string>, body?: string) =>
      fetch(`${conversation.path}/handover/cancel`, { method: 'POST', headers: { authorization: conversation.authorization, ...headers }, ...(body === undefined ? {} : { body }) });
    expect(await errorOf(await cancel({ 'content-type': 'text/plain' }, 'annuler'), 'POST')).toEqual({ status: 415, code: 'unsupported_media_type' });
    expect(await errorOf(await cancel({ 'content-type': 'application/json' }, '{bad'), 'POST')).toEqual({ status: 400, code: 'invalid_json' });
    // Without a body (or with JSON), the route answers as before: nothing waits here.
    expect(await errorOf(await cancel({}), 'POST')).toEqual({ status: 409, code: 'handover_not_waiting' });
    expect(await errorOf(await cancel({ 'content-type': 'application/json' }, '{}'), 'POST')).toEqual({ status: 409, code: 'handover_not_waiting' });
  });
});

describe('a body sent by a client that half-closes its connection (nc -N)', () => {
  it('is read on a hand-over cancel, whose body is read after the access check: the route answers, not a 400 "request aborted"', async () => {
    const conversation = await openConversation();
    const { pathname } = new URL(conversation.path);
    const { port } = new URL(api.baseUrl);
    const sendThenHalfClose = (body: string) =>
      new Promise<string>((resolve, reject) => {
        const socket = connect(Number(port), '127.0.0.1', () =>
          socket.end(
            `POST ${pathname}/handover/cancel HTTP/1.1\r\nHost: api.test\r\nAuthorization: ${conversation.authorization}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
          ),
        );
        let received = '';
        socket.setEncoding('utf8');
        socket.on('data', (chunk: string) => (received += chunk));
        socket.on('close', () => resolve(received));
        socket.on('error', reject);
      });
    const answer = await sendThenHalfClose('{}');
    expect(answer.split('\r\n')[0]).toBe('HTTP/1.1 409 Conflict');
    expect(answer).toContain('handover_not_waiting');
    // The body read so is held to the same rules: a broken one is still a 400 of its own.
    const broken = await sendThenHalfClose('{bad');
    expect(broken.split('\r\n')[0]).toBe('HTTP/1.1 400 Bad Request');
    expect(broken).toContain('invalid_json');
  });
});
