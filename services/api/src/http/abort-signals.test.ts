import { createServer, request, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { Response } from 'express';
import { requestLifetimeSignal } from './abort-signals.ts';

/** Real HTTP connections: the signal of an answer whose client left, before or after it was made. */

let server: Server | undefined;
afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

/** A server whose only request hands its response over; the client's socket is given back to the test. */
async function oneRequest(): Promise<{ response: ServerResponse; destroyClient: () => void }> {
  let handOver!: (res: ServerResponse) => void;
  const received = new Promise<ServerResponse>((resolve) => (handOver = resolve));
  server = createServer((_req, res) => handOver(res));
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const clientRequest = request({ port: (server.address() as AddressInfo).port, host: '127.0.0.1', path: '/wait' });
  clientRequest.on('error', () => undefined);
  clientRequest.end();
  return { response: await received, destroyClient: () => clientRequest.destroy() };
}

const closed = (res: ServerResponse) => new Promise<void>((resolve) => (res.destroyed ? resolve() : res.once('close', () => resolve())));

describe('requestLifetimeSignal', () => {
  it('aborts when the client leaves while the answer waits', async () => {
    const { response, destroyClient } = await oneRequest();
    const lifetime = requestLifetimeSignal(response as Response);
    expect(lifetime.signal.aborted).toBe(false);
    destroyClient();
    await closed(response);
    expect(lifetime.signal.aborted).toBe(true);
    lifetime.dispose();
  });

  it('is aborted at once when the client left before it was made (during a middleware or a first read)', async () => {
    const { response, destroyClient } = await oneRequest();
    destroyClient();
    await closed(response);
    const lifetime = requestLifetimeSignal(response as Response);
    expect(lifetime.signal.aborted).toBe(true);
    expect((lifetime.signal.reason as Error).message).toBe('client disconnected');
    lifetime.dispose();
  });

  it('is aborted at once when the shutdown came before it was made, and not by an answer sent', async () => {
    const { response } = await oneRequest();
    const shutdown = new AbortController();
    shutdown.abort(new Error('shutting down'));
    const lifetime = requestLifetimeSignal(response as Response, [shutdown.signal]);
    expect(lifetime.signal.aborted).toBe(true);
    lifetime.dispose();

    const answered = requestLifetimeSignal(response as Response);
    response.end('done');
    await closed(response);
    expect(answered.signal.aborted).toBe(false);
    answered.dispose();
  });
});
