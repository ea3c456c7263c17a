import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { responseProblems } from './testing/openapi-conformance.ts';
import { startTestApiAroundTests } from './testing/test-api-around-tests.ts';

/**
 * Malformed input at the edge: every case answers 400 or 415 (or 404 for an id that cannot
 * exist) in the documented error shape, never a 500; nothing reaches the queue, the store or
 * the rate limit; every response matches the OpenAPI document the app serves.
 */

let openApiDocument: Record<string, unknown>;

const stack = startTestApiAroundTests({ name: 'edge-input', startWorker: false });

beforeAll(async () => {
  openApiDocument = (await (await fetch(`${stack.api.baseUrl}/openapi.json`)).json()) as Record<string, unknown>;
});

const conversation = `edge-${randomUUID()}`;
const valid = { user_id: 'user-edge', conversation_id: conversation, message: 'Bonjour' };

/** Sends raw bytes (fetch would re-encode some of them). */
function send(options: { method: string; path: string; headers?: Record<string, string>; body?: Buffer }): Promise<{ status: number; contentType: string | null; allow: string | null; requestId: string | null; cacheControl: string | null; text: string }> {
  const url = new URL(stack.api.baseUrl);
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      { host: url.hostname, port: url.port, method: options.method, path: options.path, headers: { ...(options.body ? { 'content-length': String(options.body.length) } : {}), ...options.headers } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, contentType: response.headers['content-type'] ?? null, allow: (response.headers.allow as string | undefined) ?? null, requestId: (response.headers['x-request-id'] as string | undefined) ?? null, cacheControl: response.headers['cache-control'] ?? null, text: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    outgoing.on('error', reject);
    outgoing.end(options.body);
  });
}

const json = (text: string) => Buffer.from(text, 'utf8');
const post = (body: Buffer, headers: Record<string, string> = {}) => ({ method: 'POST', path: '/api/v2/chat', headers: { 'content-type': 'application/json', ...headers }, body });
const get = (path: string) => ({ method: 'GET', path });
const job = randomUUID();

interface EdgeCase {
  name: string;
  request: { method: string; path: string; headers?: Record<string, string>; body?: Buffer };
  status: number;
  code: string;
}

const cases: EdgeCase[] = [
  // The malformed requests of the issue.
  { name: 'bad percent-encoding in a job id', request: get('/api/v2/chat/jobs/%'), status: 400, code: 'invalid_request' },
  { name: 'invalid UTF-8 in a job id', request: get('/api/v2/chat/jobs/%FF%FE'), status: 400, code: 'invalid_request' },
  { name: 'NUL byte in a job id', request: get('/api/v2/chat/jobs/abc%00def'), status: 400, code: 'invalid_request' },
  { name: 'NUL byte in a conversation id (messages)', request: get('/api/v2/conversations/conv%00x/messages'), status: 400, code: 'invalid_request' },
  { name: 'lone surrogate in conversation_id', request: post(json(`{"user_id":"u","conversation_id":"\\ud800","message":"x"}`)), status: 400, code: 'invalid_request' },
  { name: 'job id equal to a BullMQ key name (meta)', request: get('/api/v2/chat/jobs/meta'), status: 400, code: 'invalid_request' },
  { name: 'job id equal to a BullMQ key name (wait, events)', request: get('/api/v2/chat/jobs/wait/events'), status: 400, code: 'invalid_request' },
  { name: 'invalid gzip body', request: post(Buffer.from('pas du gzip'), { 'content-encoding': 'gzip' }), status: 400, code: 'invalid_request' },
  { name: 'NUL byte in message', request: post(json(JSON.stringify({ ...valid, message: 'a\u0000b' }))), status: 400, code: 'invalid_request' },
  // Twenty-odd more.
  { name: 'truncated percent-encoding in a job id', request: get('/api/v2/chat/jobs/%E0%A4%A'), status: 400, code: 'invalid_request' },
  { name: 'overlong UTF-8 in a conversation id', request: get('/api/v2/rate-limit/%C0%AF'), status: 400, code: 'invalid_request' },
  { name: 'encoded lone surrogate in a conversation id', request: get('/api/v2/conversations/%ED%A0%80/messages'), status: 400, code: 'invalid_request' },
  { name: 'line feed in a conversation id (rate limit)', request: get('/api/v2/rate-limit/a%0Ab'), status: 400, code: 'invalid_request' },
  { name: 'DEL in a conversation id', request: get('/api/v2/rate-limit/a%7Fb'), status: 400, code: 'invalid_request' },
  { name: 'job id addressing a sub-key (x:lock)', request: get('/api/v2/chat/jobs/x:lock'), status: 400, code: 'invalid_request' },
  { name: 'job id stalled-check', request: get('/api/v2/chat/jobs/stalled-check'), status: 400, code: 'invalid_request' },
  { name: 'job id id (the id counter)', request: get('/api/v2/chat/jobs/id'), status: 400, code: 'invalid_request' },
  { name: 'job id with dots and slashes', request: get('/api/v2/chat/jobs/..%2F..%2Fetc'), status: 400, code: 'invalid_request' },
  { name: 'job id with accented letters', request: get('/api/v2/chat/jobs/%C3%A9t%C3%A9'), status: 400, code: 'invalid_request' },
  { name: 'wait above 30', request: get(`/api/v2/chat/jobs/${job}?wait=99`), status: 400, code: 'invalid_request' },
  { name: 'wait given twice', request: get(`/api/v2/chat/jobs/${job}?wait=1&wait=2`), status: 400, code: 'invalid_request' },
  { name: 'partial_after not a number', request: get(`/api/v2/chat/jobs/${job}?wait=1&partial_after=abc`), status: 400, code: 'invalid_request' },
  { name: 'negative wait', request: get(`/api/v2/chat/jobs/${job}?wait=-1`), status: 400, code: 'invalid_request' },
  { name: 'lone low surrogate in message', request: post(json(`{"user_id":"u","conversation_id":"${conversation}","message":"a\\udc00"}`)), status: 400, code: 'invalid_request' },
  { name: 'bell character in message', request: post(json(JSON.stringify({ ...valid, message: 'ding\u0007' }))), status: 400, code: 'invalid_request' },
  { name: 'NUL in user_id', request: post(json(JSON.stringify({ ...valid, user_id: 'u\u0000' }))), status: 400, code: 'invalid_request' },
  { name: 'escape character in conversation_id', request: post(json(JSON.stringify({ ...valid, conversation_id: 'c\u001b[31m' }))), status: 400, code: 'invalid_request' },
  { name: 'lone surrogate in timestamp', request: post(json(`{"user_id":"u","conversation_id":"${conversation}","message":"x","timestamp":"\\ud800"}`)), status: 400, code: 'invalid_request' },
  { name: '2001 emoji', request: post(json(JSON.stringify({ ...valid, message: '🌸'.repeat(2001) }))), status: 400, code: 'invalid_request' },
  { name: '129 emoji in conversation_id', request: post(json(JSON.stringify({ ...valid, conversation_id: '🌸'.repeat(129) }))), status: 400, code: 'invalid_request' },
  { name: 'invalid UTF-8 bytes in the JSON body', request: post(Buffer.concat([json('{"user_id":"u","conversation_id":"c","message":"'), Buffer.from([0xff, 0xfe]), json('"}')])), status: 400, code: 'invalid_request' },
  { name: 'truncated gzip body', request: post(gzipSync(json(JSON.stringify(valid))).subarray(0, 12), { 'content-encoding': 'gzip' }), status: 400, code: 'invalid_request' },
  { name: 'invalid deflate body', request: post(Buffer.from('pas du deflate'), { 'content-encoding': 'deflate' }), status: 400, code: 'invalid_request' },
  { name: 'invalid brotli body', request: post(Buffer.from('pas du brotli'), { 'content-encoding': 'br' }), status: 400, code: 'invalid_request' },
  { name: 'unsupported Content-Encoding', request: post(json(JSON.stringify(valid)), { 'content-encoding': 'compress' }), status: 415, code: 'unsupported_media_type' },
  // Node's body parser reads zstd too; the API does not (as documented), and a corrupt one was a 500.
  { name: 'zstd Content-Encoding (corrupt body)', request: post(Buffer.from('pas du zstd'), { 'content-encoding': 'zstd' }), status: 415, code: 'unsupported_media_type' },
  { name: 'gzip then zstd Content-Encoding', request: post(gzipSync(json(JSON.stringify(valid))), { 'content-encoding': 'gzip, zstd' }), status: 415, code: 'unsupported_media_type' },
  { name: 'zstd Content-Encoding on an empty body', request: post(Buffer.alloc(0), { 'content-encoding': 'zstd' }), status: 415, code: 'unsupported_media_type' },
  { name: 'unsupported charset', request: post(json(JSON.stringify(valid)), { 'content-type': 'application/json; charset=koi8-r' }), status: 415, code: 'unsupported_media_type' },
  { name: '__proto__ key in the body', request: post(json(`{"user_id":"u","conversation_id":"${conversation}","message":"x","__proto__":{"admin":true}}`)), status: 400, code: 'invalid_request' },
  { name: 'empty JSON body', request: post(Buffer.alloc(0)), status: 400, code: 'invalid_request' },
  { name: 'message is a number', request: post(json(JSON.stringify({ ...valid, message: 42 }))), status: 400, code: 'invalid_request' },
  { name: 'job id too long to exist', request: get(`/api/v2/chat/jobs/${'x'.repeat(300)}`), status: 404, code: 'job_not_found' },
];

describe('malformed input at the edge', () => {
  it.each(cases)('$name → $status $code', async ({ request, status, code }) => {
    const response = await send(request);
    expect(response.status).toBe(status);
    const body = JSON.parse(response.text) as { error: { code: string; message: string; details?: Array<{ field: string; message: string }> } };
    expect(body.error.code).toBe(code);
    expect(body.error.message.length).toBeGreaterThan(0);
    if (code === 'invalid_request') expect(body.error.details?.length).toBeGreaterThan(0);
    expect(responseProblems(openApiDocument, request, { status: response.status, contentType: response.contentType, body })).toEqual([]);
  });

  it.each(['application/json; charset=utf8', 'application/json; charset="UTF8"', 'application/json;charset=us-ascii', 'application/json; charset=unicode-1-1-utf-8'])(
    'reads a body labelled %s as UTF-8 (other labels of the Encoding Standard for UTF-8, and ASCII)',
    async (contentType) => {
      // Read and validated (an empty message is the body's own fault: 400 naming the field), not refused as a charset (415).
      const response = await send(post(json(JSON.stringify({ ...valid, message: '' })), { 'content-type': contentType }));
      expect(response.status).toBe(400);
      expect(JSON.parse(response.text)).toMatchObject({ error: { code: 'invalid_request', details: [{ field: 'message' }] } });
    },
  );

  it('still refuses bytes that are not UTF-8 under such a label', async () => {
    const body = Buffer.concat([json('{"user_id":"u","conversation_id":"c","message":"'), Buffer.from([0xff, 0xfe]), json('"}')]);
    const response = await send(post(body, { 'content-type': 'application/json; charset=utf8' }));
    expect(response.status).toBe(400);
    expect(JSON.parse(response.text)).toMatchObject({ error: { code: 'invalid_request', details: [{ field: '(body)' }] } });
  });

  it('names the charset it refuses, and the one it reads', async () => {
    const response = await send(post(json(JSON.stringify(valid)), { 'content-type': 'application/json; charset=latin1' }));
    expect(response.status).toBe(415);
    const body = JSON.parse(response.text) as { error: { code: string; message: string; charset: string; expected_charset: string } };
    expect(body.error).toMatchObject({ code: 'unsupported_media_type', charset: 'latin1', expected_charset: 'utf-8' });
    expect(body.error.message).toContain('charset=utf-8');
  });

  it('nothing was enqueued, stored or counted', async () => {
    expect(await stack.api.countJobs()).toBe(0);
    expect(await stack.api.conversations.listMessages(conversation)).toEqual([]);
    const peek = (await (await fetch(`${stack.api.baseUrl}/api/v2/rate-limit/${conversation}`)).json()) as { remaining: number };
    expect(peek.remaining).toBe(stack.api.config.RATE_LIMIT_MESSAGES);
  });
});

describe('methods and paths the API does not serve', () => {
  it.each([
    { method: 'PUT', path: '/api/v2/chat', allow: 'POST, OPTIONS' },
    { method: 'GET', path: '/api/v2/chat', allow: 'POST, OPTIONS' },
    { method: 'DELETE', path: `/api/v2/chat/jobs/${job}`, allow: 'GET, HEAD, OPTIONS' },
    { method: 'POST', path: '/health', allow: 'GET, HEAD, OPTIONS' },
  ])('$method $path → 405 with Allow: $allow', async ({ method, path, allow }) => {
    const response = await send({ method, path });
    expect(response.status).toBe(405);
    const body = JSON.parse(response.text) as { error: { code: string; allowed_methods: string[] } };
    expect(body.error.code).toBe('method_not_allowed');
    expect(body.error.allowed_methods.join(', ')).toBe(allow);
    expect(response.allow).toBe(allow);
  });

  it.each([
    { path: '/api/v2/chat', allow: 'POST, OPTIONS' },
    { path: `/api/v2/chat/jobs/${job}`, allow: 'GET, HEAD, OPTIONS' },
    { path: '/api/v2/conversations/une-conversation', allow: 'DELETE, OPTIONS' },
    { path: '/api/v2/conversations/une-conversation/messages', allow: 'GET, HEAD, OPTIONS' },
    { path: '/health', allow: 'GET, HEAD, OPTIONS' },
  ])('OPTIONS $path → 204 with Allow: $allow (every method of the path, as a 405 lists them)', async ({ path, allow }) => {
    const response = await send({ method: 'OPTIONS', path });
    expect(response.status).toBe(204);
    expect(response.allow).toBe(allow);
    expect(response.text).toBe('');
  });

  it('OPTIONS on a path the API does not serve is a 404 in the error format', async () => {
    const response = await send({ method: 'OPTIONS', path: '/api/v2/nothing-here' });
    expect(response.status).toBe(404);
    expect(JSON.parse(response.text)).toMatchObject({ error: { code: 'not_found' } });
  });

  it('headers too large for the HTTP parser get 431 in the error format, not a bare status line', async () => {
    const response = await send({ method: 'GET', path: '/health', headers: { 'x-oversized': 'x'.repeat(20_000) } });
    expect(response.status).toBe(431);
    expect(response.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.contentType).toMatch(/application\/json/);
    expect(JSON.parse(response.text)).toMatchObject({ error: { code: 'headers_too_large' } });
    expect(response.cacheControl).toBe('no-store');
  });

  it('a request without Host, with an Expect the server does not meet, or declaring a body too large, is answered in the error format at once', async () => {
    const raw = (request: string) =>
      new Promise<string>((resolve, reject) => {
        const url = new URL(stack.api.baseUrl);
        const socket = connect(Number(url.port), url.hostname, () => socket.write(request));
        let received = '';
        socket.on('data', (chunk: Buffer) => (received += chunk.toString('utf8')));
        socket.on('close', () => resolve(received));
        socket.on('error', reject);
      });
    const noHost = await raw('GET /health HTTP/1.1\r\nConnection: close\r\n\r\n');
    expect(noHost).toMatch(/^HTTP\/1\.1 400 /);
    expect(noHost).toMatch(/\r\nX-Request-Id: \S+/i);
    expect(JSON.parse(noHost.slice(noHost.indexOf('\r\n\r\n') + 4))).toMatchObject({ error: { code: 'host_required' } });
    const expectation = await raw(`POST /api/v2/chat HTTP/1.1\r\nHost: x\r\nExpect: something-else\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}`);
    expect(expectation).toMatch(/^HTTP\/1\.1 417 /);
    expect(JSON.parse(expectation.slice(expectation.indexOf('\r\n\r\n') + 4))).toMatchObject({ error: { code: 'expectation_failed' } });
    // Expect: 100-continue with a body larger than the API reads: 413 at once, no invitation to send it.
    const oversized = await raw(`POST /api/v2/chat HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Type: application/json\r\nContent-Length: 10000000\r\n\r\n`);
    expect(oversized).toMatch(/^HTTP\/1\.1 413 /);
    expect(oversized).not.toContain('100 Continue');
    expect(JSON.parse(oversized.slice(oversized.indexOf('\r\n\r\n') + 4))).toMatchObject({ error: { code: 'payload_too_large' } });
    /** What the server answers to `request` (its connection left open), read up to the end of a JSON error body; '' after 15 s. */
    const answerTo = (request: string) =>
      new Promise<string>((resolve, reject) => {
        const url = new URL(stack.api.baseUrl);
        const socket = connect(Number(url.port), url.hostname, () => socket.write(request));
        let received = '';
        const giveUp = setTimeout(() => socket.destroy(), 15_000);
        socket.on('data', (chunk: Buffer) => {
          received += chunk.toString('utf8');
          if (received.includes('}}')) socket.destroy();
        });
        socket.on('close', () => {
          clearTimeout(giveUp);
          resolve(received);
        });
        socket.on('error', reject);
      });
    // No Expect, a declared body larger than the API reads, its bytes still coming: 413 at once, not
    // once the whole body came (body-parser reads it all before its 413: a slow client, or one that
    // stops, waited out the server's request deadline for a 408).
    const declaredOversized = await answerTo(`POST /api/v2/chat HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 10000000\r\n\r\n{"user_id":`);
    expect(declaredOversized).toMatch(/^HTTP\/1\.1 413 /);
    expect(JSON.parse(declaredOversized.slice(declaredOversized.indexOf('\r\n\r\n') + 4))).toMatchObject({ error: { code: 'payload_too_large' } });
    // A chunked body (no length declared) past the limit, its end not sent: 413 as soon as the limit is passed.
    const overLimit = `{"user_id":"${'a'.repeat(70_000)}`;
    const chunkedOversized = await answerTo(`POST /api/v2/chat HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n${overLimit.length.toString(16)}\r\n${overLimit}\r\n`);
    expect(chunkedOversized).toMatch(/^HTTP\/1\.1 413 /);
    expect(JSON.parse(chunkedOversized.slice(chunkedOversized.indexOf('\r\n\r\n') + 4))).toMatchObject({ error: { code: 'payload_too_large' } });
    const invited = await raw(`POST /api/v2/chat HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}`);
    expect(invited).toMatch(/^HTTP\/1\.1 100 Continue\r\n\r\nHTTP\/1\.1 400 /);
    // HTTP/1.0 needs no Host.
    expect(await raw('GET /health HTTP/1.0\r\n\r\n')).toMatch(/^HTTP\/1\.1 200 /);
  });

  it('an unknown path is a 404 in the error format, echoing at most 200 characters of it', async () => {
    const response = await send(get(`/api/v2/${'nope'.repeat(1000)}`));
    expect(response.status).toBe(404);
    // Not kept by a cache (a 404 is cacheable by default).
    expect(response.cacheControl).toBe('no-store');
    const body = JSON.parse(response.text) as { error: { code: string; path: string } };
    expect(body.error.code).toBe('not_found');
    expect(body.error.path.length).toBeLessThanOrEqual(201);
  });
});

describe('valid input near the edges', () => {
  it('2000 emoji are one valid 2000-character message; tabs and line breaks are fine', async () => {
    const emoji = await send(post(json(JSON.stringify({ ...valid, conversation_id: `edge-ok-${randomUUID()}`, message: '🌸'.repeat(2000) }))));
    expect(emoji.status).toBe(202);
    const lines = await send(post(json(JSON.stringify({ ...valid, conversation_id: `edge-ok-${randomUUID()}`, message: 'Bonjour\n\tmerci\r\n' }))));
    expect(lines.status).toBe(202);
  });

  it('a gzip body is read; 128 emoji make a valid conversation id', async () => {
    const gzipped = await send(post(gzipSync(json(JSON.stringify({ ...valid, conversation_id: '🌸'.repeat(128) }))), { 'content-encoding': 'gzip' }));
    expect(gzipped.status).toBe(202);
    const body = JSON.parse(gzipped.text) as unknown;
    expect(responseProblems(openApiDocument, { method: 'POST', path: '/api/v2/chat' }, { status: 202, contentType: gzipped.contentType, body })).toEqual([]);
  });

  it('malformed JSON answers what the document declares', async () => {
    const response = await send(post(json('{"user_id": ')));
    const body = JSON.parse(response.text) as unknown;
    expect(response.status).toBe(400);
    expect(responseProblems(openApiDocument, { method: 'POST', path: '/api/v2/chat' }, { status: 400, contentType: response.contentType, body })).toEqual([]);
  });
});
