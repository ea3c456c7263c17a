import { randomUUID } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@lac/core';
import { startTestApi, startTestDatabase, type TestApi, type TestDatabase } from './testing/api-test-harness.ts';

/**
 * Clients that close their sending side once the request is sent (`nc -N`, `shutdown(SHUT_WR)`):
 * Node's default ended the connection at once, so a chat post was acted on (its message accepted,
 * its conversation claimed) and its answer, with the conversation's token, never sent.
 */
let database: TestDatabase;
let api: TestApi;

beforeAll(async () => {
  database = await startTestDatabase(createLogger({ level: 'silent' }));
  // No worker: a job stays queued, its event stream open. A heartbeat far off: only the client's end can close a stream.
  api = await startTestApi({ name: 'half-closed', database, startWorker: false, sseHeartbeatMs: 120_000, env: { CONVERSATION_ACCESS: 'token' } });
});

afterAll(async () => {
  await api?.close();
  await database?.stop();
});

/** A raw connection: what it received, and whether the server closed it. */
function openConnection(): Promise<{ socket: Socket; received: () => string; closed: Promise<void> }> {
  const { port } = new URL(api.baseUrl);
  const socket = connect(Number(port), '127.0.0.1');
  let received = '';
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => (received += chunk));
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  socket.on('error', () => undefined);
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve({ socket, received: () => received, closed }));
    socket.once('error', reject);
  });
}

/** Sends `request`, half-closes (FIN, still reading), and returns all the server sent before it closed. */
async function sendThenHalfClose(request: string): Promise<string> {
  const connection = await openConnection();
  connection.socket.end(request);
  await connection.closed;
  return connection.received();
}

const chatPost = (body: Record<string, unknown>): string => {
  const json = JSON.stringify(body);
  return `POST /api/v2/chat HTTP/1.1\r\nHost: api.test\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(json)}\r\n\r\n${json}`;
};

/** A message accepted in a new conversation: the address of its job's event stream. */
async function acceptedMessageEventsUrl(): Promise<string> {
  const accepted = await fetch(`${api.baseUrl}/api/v2/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ user_id: 'u', conversation_id: `test-conv-${randomUUID()}`, message: 'Bonjour ?' }),
  });
  return ((await accepted.json()) as { events_url: string }).events_url;
}

const bodyOf = (answer: string): Record<string, unknown> => JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)) as Record<string, unknown>;

describe('a client that half-closes its connection after its request', () => {
  it('gets the answer of its chat post, with the conversation token, for the one job it created', async () => {
    const conversationId = `test-conv-${randomUUID()}`;
    const jobsBefore = await api.countJobs();
    const answer = await sendThenHalfClose(chatPost({ user_id: 'u', conversation_id: conversationId, message: 'Comment créer un tunnel de vente ?' }));
    expect(answer.split('\r\n')[0]).toBe('HTTP/1.1 202 Accepted');
    const body = bodyOf(answer);
    expect(body).toMatchObject({ status: 'queued', conversation_id: conversationId, conversation_token: expect.any(String) });
    expect(await api.countJobs()).toBe(jobsBefore + 1);
    // The token it got opens the conversation.
    const state = await fetch(`${api.baseUrl}/api/v2/conversations/${conversationId}/messages`, { headers: { authorization: `Bearer ${String(body.conversation_token)}` } });
    expect(state.status).toBe(200);
  });

  it('gets the answer of a read', async () => {
    const answer = await sendThenHalfClose(`GET /api/v2/rate-limit/test-conv-${randomUUID()} HTTP/1.1\r\nHost: api.test\r\n\r\n`);
    expect(answer.split('\r\n')[0]).toBe('HTTP/1.1 200 OK');
    expect(bodyOf(answer)).toMatchObject({ allowed: true, limit: api.config.RATE_LIMIT_MESSAGES });
  });

  it('ends an event stream at once when its client closes while it waits (a client gone sends the same end)', async () => {
    const eventsUrl = await acceptedMessageEventsUrl();
    const connection = await openConnection();
    connection.socket.write(`GET ${eventsUrl} HTTP/1.1\r\nHost: api.test\r\n\r\n`);
    // The stream is open (and waiting) once its retry field came.
    const openedBy = Date.now() + 10_000;
    while (!connection.received().includes('retry:') && Date.now() < openedBy) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(connection.received()).toContain('text/event-stream');
    connection.socket.end();
    // Closed by the server long before the stream's next heartbeat (two minutes away) or its job's end.
    const outcome = await Promise.race([connection.closed.then(() => 'closed'), new Promise((resolve) => setTimeout(() => resolve('still open'), 20_000))]);
    connection.socket.destroy();
    expect(outcome).toBe('closed');
  });
});

describe('a client whose end arrives before its answer starts waiting', () => {
  it('gets its chat post with Prefer: wait answered at once, 202 with its token (the post created the job, the end would cut a wait)', async () => {
    const conversationId = `test-conv-${randomUUID()}`;
    const json = JSON.stringify({ user_id: 'u', conversation_id: conversationId, message: 'Comment créer un tunnel de vente ?' });
    const answer = await sendThenHalfClose(
      `POST /api/v2/chat HTTP/1.1\r\nHost: api.test\r\nContent-Type: application/json\r\nPrefer: wait=20\r\nContent-Length: ${Buffer.byteLength(json)}\r\n\r\n${json}`,
    );
    expect(answer.split('\r\n')[0]).toBe('HTTP/1.1 202 Accepted');
    expect(bodyOf(answer)).toMatchObject({ status: 'queued', conversation_id: conversationId, conversation_token: expect.any(String) });
  });


  it('has its event stream ended at once, as when the end comes while it waits (not left open until its next heartbeat)', async () => {
    const eventsUrl = await acceptedMessageEventsUrl();
    const connection = await openConnection();
    // The request and the end together: the end arrives while the access check still reads Redis.
    connection.socket.end(`GET ${eventsUrl} HTTP/1.1\r\nHost: api.test\r\n\r\n`);
    const outcome = await Promise.race([connection.closed.then(() => 'closed'), new Promise((resolve) => setTimeout(() => resolve('still open'), 20_000))]);
    connection.socket.destroy();
    expect(outcome).toBe('closed');
  });
});
