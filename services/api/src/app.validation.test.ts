import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { errorBodySchema } from '@lac/core';
import { startTestApiAroundTests } from './testing/test-api-around-tests.ts';

// No worker: nothing may reach the queue, the store or the rate limit on bad input.
const stack = startTestApiAroundTests({ name: 'validation', startWorker: false });

const conversation = `test-conv-${randomUUID()}`;
const valid = { user_id: 'user-1', conversation_id: conversation, message: 'Bonjour' };

interface BadRequestCase {
  name: string;
  body: string;
  contentType?: string;
  headers?: Record<string, string>;
  status: number;
  code: string;
  fields?: string[];
}

const cases: BadRequestCase[] = [
  { name: 'malformed JSON', body: '{"user_id": "u", "conversation_id": ', status: 400, code: 'invalid_json' },
  { name: 'JSON with a trailing comma', body: '{"user_id": "u",}', status: 400, code: 'invalid_json' },
  { name: 'empty object', body: '{}', status: 400, code: 'invalid_request', fields: ['user_id', 'conversation_id', 'message'] },
  { name: 'not an object', body: '"bonjour"', status: 400, code: 'invalid_request', fields: ['(body)'] },
  { name: 'null body', body: 'null', status: 400, code: 'invalid_request', fields: ['(body)'] },
  { name: 'array body', body: '[1,2]', status: 400, code: 'invalid_request', fields: ['(body)'] },
  { name: 'missing message', body: JSON.stringify({ user_id: 'u', conversation_id: conversation }), status: 400, code: 'invalid_request', fields: ['message'] },
  { name: 'wrong types', body: JSON.stringify({ user_id: 42, conversation_id: conversation, message: ['a'] }), status: 400, code: 'invalid_request', fields: ['user_id', 'message'] },
  { name: 'empty message', body: JSON.stringify({ ...valid, message: '' }), status: 400, code: 'invalid_request', fields: ['message'] },
  { name: 'whitespace message', body: JSON.stringify({ ...valid, message: '  \n\t ' }), status: 400, code: 'invalid_request', fields: ['message'] },
  { name: 'zero-width and blank characters only', body: JSON.stringify({ ...valid, message: '\u200b\u200d \u2060\ufeff\u3164\u00ad' }), status: 400, code: 'invalid_request', fields: ['message'] },
  { name: 'next-line control, variation selector and grapheme joiner only (kept by trim)', body: JSON.stringify({ ...valid, message: '\u0085\ufe0f\u034f\u0085' }), status: 400, code: 'invalid_request', fields: ['message'] },
  { name: '2001-character message', body: JSON.stringify({ ...valid, message: 'a'.repeat(2001) }), status: 400, code: 'invalid_request', fields: ['message'] },
  { name: '129-character conversation id', body: JSON.stringify({ ...valid, conversation_id: 'c'.repeat(129) }), status: 400, code: 'invalid_request', fields: ['conversation_id'] },
  { name: 'empty user id', body: JSON.stringify({ ...valid, user_id: '' }), status: 400, code: 'invalid_request', fields: ['user_id'] },
  { name: 'bad timestamp', body: JSON.stringify({ ...valid, timestamp: 'hier' }), status: 400, code: 'invalid_request', fields: ['timestamp'] },
  // No URL can name it: clients resolve `..` (and `%2E%2E`) away, so its reads would never reach it.
  { name: 'conversation id `..`', body: JSON.stringify({ ...valid, conversation_id: '..' }), status: 400, code: 'invalid_request', fields: ['conversation_id'] },
  { name: 'extra fields', body: JSON.stringify({ ...valid, role: 'admin', agent: 'carole' }), status: 400, code: 'invalid_request', fields: ['role', 'agent'] },
  { name: '1 MB body', body: JSON.stringify({ ...valid, message: 'a'.repeat(1024 * 1024) }), status: 413, code: 'payload_too_large' },
  { name: 'text/plain body', body: JSON.stringify(valid), contentType: 'text/plain', status: 415, code: 'unsupported_media_type' },
  { name: 'form body', body: 'user_id=u&message=x', contentType: 'application/x-www-form-urlencoded', status: 415, code: 'unsupported_media_type' },
  { name: 'bad Idempotency-Key', body: JSON.stringify(valid), headers: { 'idempotency-key': 'é'.repeat(3) }, status: 400, code: 'invalid_request', fields: ['Idempotency-Key'] },
];

describe('bad input to POST /api/v2/chat', () => {
  it.each(cases)('$name → $status $code', async (testCase) => {
    const response = await fetch(`${stack.api.baseUrl}/api/v2/chat`, {
      method: 'POST',
      headers: { 'content-type': testCase.contentType ?? 'application/json', ...testCase.headers },
      body: testCase.body,
    });
    expect(response.status).toBe(testCase.status);
    const body = errorBodySchema.parse(await response.json());
    expect(body.error.code).toBe(testCase.code);
    expect(body.error.message.length).toBeGreaterThan(0);
    if (testCase.fields) {
      const details = body.error.details as Array<{ field: string; message: string }>;
      expect(details.map((detail) => detail.field).sort()).toEqual([...testCase.fields].sort());
      for (const detail of details) expect(detail.message.length).toBeGreaterThan(0);
    }
  });

  it('messages of visitor-facing errors are French', async () => {
    const response = await fetch(`${stack.api.baseUrl}/api/v2/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' });
    expect(errorBodySchema.parse(await response.json()).error.message).toBe("Le corps de la requête n'est pas un JSON valide.");
    const missing = await fetch(`${stack.api.baseUrl}/api/v2/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    const details = errorBodySchema.parse(await missing.json()).error.details as Array<{ field: string; message: string }>;
    expect(details.find((detail) => detail.field === 'message')?.message).toBe('champ requis');
  });

  it('nothing was enqueued, stored or counted', async () => {
    expect(await stack.api.countJobs()).toBe(0);
    expect(await stack.api.conversations.listMessages(conversation)).toEqual([]);
    const peek = await (await fetch(`${stack.api.baseUrl}/api/v2/rate-limit/${conversation}`)).json();
    expect(peek).toMatchObject({ remaining: stack.api.config.RATE_LIMIT_MESSAGES });
  });

  it('a valid message after all that is accepted', async () => {
    const response = await fetch(`${stack.api.baseUrl}/api/v2/chat`, { method: 'POST', headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(valid) });
    expect(response.status).toBe(202);
    expect(await stack.api.countJobs()).toBe(1);
  });

  it('a timestamp sent as null reads as absent (a client serialising an unset field), and is the same body for an Idempotency-Key', async () => {
    const other = { ...valid, conversation_id: `test-conv-${randomUUID()}` };
    const post = (body: object) =>
      fetch(`${stack.api.baseUrl}/api/v2/chat`, { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': 'null-timestamp' }, body: JSON.stringify(body) });
    const first = await post({ ...other, timestamp: null });
    expect(first.status).toBe(202);
    const again = await post(other);
    expect(again.status).toBe(202);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(((await again.json()) as { job_id: string }).job_id).toBe(((await first.json()) as { job_id: string }).job_id);
  });

  it('a timestamp in any ISO 8601 form clients write is accepted (it is not used)', async () => {
    for (const timestamp of ['2026-12-04T15:20:03+0100', '2026-12-04 15:20:03', '2026-12-04T15:20Z']) {
      const body = { ...valid, conversation_id: `test-conv-${randomUUID()}`, timestamp };
      const response = await fetch(`${stack.api.baseUrl}/api/v2/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      expect(response.status, timestamp).toBe(202);
    }
  });

  it('a retry stamped with the time of the retry is the same post for an Idempotency-Key: the same job and the token again, not a 422', async () => {
    const other = { ...valid, conversation_id: `test-conv-${randomUUID()}` };
    const post = (body: object) =>
      fetch(`${stack.api.baseUrl}/api/v2/chat`, { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': 'stamped-again' }, body: JSON.stringify(body) });
    const first = await post({ ...other, timestamp: '2026-12-04T15:20:03.000Z' });
    expect(first.status).toBe(202);
    const firstBody = (await first.json()) as { job_id: string; conversation_token: string };
    const again = await post({ ...other, timestamp: '2026-12-04T15:20:09.000Z' });
    expect(again.status).toBe(202);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    const againBody = (await again.json()) as { job_id: string; conversation_token?: string };
    expect(againBody.job_id).toBe(firstBody.job_id);
    expect(againBody.conversation_token).toBe(firstBody.conversation_token);
    // Another message under the same key is still a conflict.
    const otherMessage = await post({ ...other, message: 'Autre chose', timestamp: '2026-12-04T15:20:09.000Z' });
    expect(otherMessage.status).toBe(422);
  });

  it('an opening with conversation_id null opens a conversation as one without it (a client serialising an unset field)', async () => {
    const response = await fetch(`${stack.api.baseUrl}/api/v2/conversations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user_id: `visitor-${randomUUID()}`, conversation_id: null }),
    });
    expect(response.status).toBe(201);
    const body = (await response.json()) as { conversation_id: string; conversation_token: string };
    expect(body.conversation_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(body.conversation_token).toMatch(/^ct1\./);
  });
});

describe('bad input to the read routes', () => {
  it.each([
    ['unknown job id', `/api/v2/chat/jobs/${randomUUID()}`, 404, 'job_not_found'],
    ['unknown job id, long-poll', `/api/v2/chat/jobs/${randomUUID()}?wait=2`, 404, 'job_not_found'],
    ['absurd job id', `/api/v2/chat/jobs/${'x'.repeat(500)}`, 404, 'job_not_found'],
    ['bad wait', `/api/v2/chat/jobs/${randomUUID()}?wait=soon`, 400, 'invalid_request'],
    ['129-character conversation id (rate limit)', `/api/v2/rate-limit/${'c'.repeat(129)}`, 400, 'invalid_request'],
    ['129-character conversation id (messages)', `/api/v2/conversations/${'c'.repeat(129)}/messages`, 400, 'invalid_request'],
    ['messages without the conversation token', `/api/v2/conversations/abc/messages?limit=0`, 401, 'conversation_token_required'],
    ['unknown route', '/api/v3/chat', 404, 'not_found'],
    ['wrong method', '/api/v2/rate-limit', 404, 'not_found'],
  ])('%s → %i %s', async (_name, path, status, code) => {
    const response = await fetch(`${stack.api.baseUrl}${path}`);
    expect(response.status).toBe(status);
    expect(errorBodySchema.parse(await response.json()).error.code).toBe(code);
  });

  it('a conversation opened without messages has none; a bad limit is 400', async () => {
    const opened = await fetch(`${stack.api.baseUrl}/api/v2/conversations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user_id: 'u' }),
    });
    expect(opened.status).toBe(201);
    const { conversation_id: id, conversation_token: token } = (await opened.json()) as { conversation_id: string; conversation_token: string };
    const authorization = { authorization: `Bearer ${token}` };
    const response = await fetch(`${stack.api.baseUrl}/api/v2/conversations/${id}/messages`, { headers: authorization });
    expect(response.status).toBe(200);
    expect((await response.json()) as unknown).toMatchObject({ messages: [] });
    const badLimit = await fetch(`${stack.api.baseUrl}/api/v2/conversations/${id}/messages?limit=0`, { headers: authorization });
    expect(badLimit.status).toBe(400);
  });
});
