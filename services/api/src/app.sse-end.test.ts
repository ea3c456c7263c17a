import { randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { EventSource } from 'eventsource';
import { describe, expect, it } from 'vitest';
import { chatJobViewSchema } from '@lac/core';
import { CLIENT_RETRY_MS } from './http/event-stream.ts';
import { startTestApiAroundTests } from './testing/test-api-around-tests.ts';

/**
 * A finished job's event stream ends for good with a standard EventSource client (the `eventsource`
 * package, which follows the WHATWG spec as browsers do): the client gets the final events once,
 * reconnects once, receives 204 No Content and stops; nothing more is asked of the server.
 */

const stack = startTestApiAroundTests({ name: 'sse-end', env: { CONVERSATION_ACCESS: 'open' } });

/** A message answered (waited for): its finished job's view. */
async function finishedJob(conversationPrefix: string) {
  const submitted = await fetch(`${stack.api.baseUrl}/api/v2/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', prefer: 'wait=20' },
    body: JSON.stringify({ user_id: 'u', conversation_id: `${conversationPrefix}-${randomUUID()}`, message: 'Comment créer un Reel ?' }),
  });
  return chatJobViewSchema.parse(await submitted.json());
}

describe('an EventSource client left open on a finished job', () => {
  it('gets the final event once, then one reconnect answered 204, then no request at all', async () => {
    const view = await finishedJob('sse-end');
    expect(view.status).toBe('completed');

    const requests: Array<{ at: number; status: number }> = [];
    const countingFetch: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      requests.push({ at: Date.now(), status: response.status });
      return response;
    };
    const source = new EventSource(`${stack.api.baseUrl}/api/v2/chat/jobs/${view.job_id}/events`, { fetch: countingFetch });
    const completedEvents: string[] = [];
    source.addEventListener('completed', (event) => completedEvents.push(event.lastEventId));
    const closed = new Promise<void>((resolve) => {
      source.onerror = () => {
        if (source.readyState === EventSource.CLOSED) resolve();
      };
    });
    await Promise.race([closed, sleep(20_000)]);
    const requestsWhenClosed = requests.length;
    // Left open past two of the client's retry delays (the stream's `retry:`): no further request.
    await sleep(CLIENT_RETRY_MS * 2 + 500);
    source.close();

    expect(completedEvents).toHaveLength(1);
    expect(completedEvents[0]).toMatch(/-final$/);
    expect(requests.map((request) => request.status)).toEqual([200, 204]);
    expect(requests.length).toBe(requestsWhenClosed);
  }, 60_000);
});

describe('a client that asks to close the connection after the answer', () => {
  it('gets `Connection: close` on a finished job\'s stream and the socket closed with it, not kept alive', async () => {
    const view = await finishedJob('sse-close');
    const { hostname, port } = new URL(stack.api.baseUrl);
    const socket = connect(Number(port), hostname);
    socket.write(`GET /api/v2/chat/jobs/${view.job_id}/events HTTP/1.1\r\nHost: ${hostname}\r\nAccept: text/event-stream\r\nConnection: close\r\n\r\n`);
    let received = '';
    socket.on('data', (chunk: Buffer) => (received += chunk.toString('utf8')));
    // The server ends the socket after the last event (a kept-alive socket would stay open until the client closes it).
    const ended = await Promise.race([new Promise<boolean>((resolve) => socket.once('end', () => resolve(true))), sleep(4_000).then(() => false)]);
    socket.destroy();
    expect(received).toMatch(/^HTTP\/1\.1 200/);
    expect(received).toMatch(/\r\nConnection: close\r\n/i);
    expect(received).toContain('event: completed');
    expect(ended).toBe(true);
  });
});
