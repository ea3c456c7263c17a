import http from 'node:http';
import net from 'node:net';
import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { createJsonBodyMiddleware } from './json-body.ts';

/**
 * A client that gives up while an earlier step of the request waits (the admin login's checks on a
 * slow Redis) has sent its whole body: the route must not run without it. body-parser takes a
 * request whose connection closed as already read and leaves `req.body` undefined, so an operator's
 * join ran under the default name, and the inbox's retry under the operator's own was refused as
 * "held by another operator" (tests/faults/slow-handover.test.ts found it through a latency proxy).
 */

const servers: http.Server[] = [];

afterEach(async () => {
  for (const server of servers.splice(0)) await new Promise((resolve) => server.close(resolve));
});

type Outcome = { ran: true; body: unknown } | { ran: false; status: number; code: string };

/** An app whose route waits (as for Redis) until `release` says, then reads the JSON body; resolves with what the route did. */
async function startApp(release: (req: express.Request) => Promise<void>): Promise<{ port: number; outcome: Promise<Outcome> }> {
  let settle!: (outcome: Outcome) => void;
  const outcome = new Promise<Outcome>((resolve) => (settle = resolve));
  const app = express();
  const slowStep: RequestHandler = (req, _res, next) => void release(req).then(() => next());
  const onError: ErrorRequestHandler = (error: { status: number; code: string }, _req, res, _next) => {
    settle({ ran: false, status: error.status, code: error.code });
    if (!res.destroyed) res.status(error.status).end();
  };
  app.post('/act', slowStep, ...createJsonBodyMiddleware(10_000), (req, res) => {
    settle({ ran: true, body: req.body });
    res.status(200).end();
  });
  app.use(onError);
  const server = http.createServer(app);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as net.AddressInfo).port, outcome };
}

/** Sends a whole POST with a JSON body over a raw socket; `thenClose`: closes the connection right after, without waiting for the answer. */
function sendRequest(port: number, thenClose: boolean): void {
  const body = JSON.stringify({ operator_name: 'Léa' });
  const socket = net.connect(port, '127.0.0.1', () => {
    socket.write(`POST /act HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    if (thenClose) socket.destroy();
  });
  socket.on('error', () => undefined);
  socket.on('data', () => socket.destroy());
}

describe('createJsonBodyMiddleware', () => {
  it('refuses (400) a body whose connection closed before it was read: the route never runs without it', async () => {
    const { port, outcome } = await startApp((req) => new Promise((resolve) => req.socket.once('close', () => resolve())));
    sendRequest(port, true);
    expect(await outcome).toEqual({ ran: false, status: 400, code: 'bad_request' });
  });

  it('reads the body of a client still connected', async () => {
    const { port, outcome } = await startApp(async () => undefined);
    sendRequest(port, false);
    expect(await outcome).toEqual({ ran: true, body: { operator_name: 'Léa' } });
  });
});
