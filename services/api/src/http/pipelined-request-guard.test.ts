import { connect } from 'node:net';
import type { Server } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@lac/core';
import { createPipelinedRequestGuard } from './pipelined-request-guard.ts';

let server: Server;
let port: number;
let handled = 0;

beforeAll(async () => {
  const app = express();
  app.use(createPipelinedRequestGuard({ logger: createLogger({ level: 'silent' }), maxInProgress: 16 }));
  app.get('/slow', async (_req, res) => {
    handled += 1;
    await sleep(100);
    res.json({ ok: true });
  });
  server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  port = (server.address() as { port: number }).port;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** Writes `count` pipelined GET /slow on one connection; the answers' statuses and whether the server closed it. */
async function pipeline(count: number): Promise<{ statuses: number[]; closedByServer: boolean }> {
  const socket = connect(port, '127.0.0.1');
  let received = '';
  let closedByServer = false;
  socket.setEncoding('latin1');
  socket.on('data', (chunk: string) => (received += chunk));
  socket.on('close', () => (closedByServer = true));
  // The server resets a connection it closes with requests still unread.
  socket.on('error', () => undefined);
  socket.write('GET /slow HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n'.repeat(count));
  const statuses = () => [...received.matchAll(/HTTP\/1\.1 (\d{3}) /g)].map((match) => Number(match[1]));
  const deadline = Date.now() + 5_000;
  while (statuses().length < count && !closedByServer && Date.now() < deadline) await sleep(20);
  const result = { statuses: statuses(), closedByServer };
  socket.destroy();
  return result;
}

describe('createPipelinedRequestGuard', () => {
  it('answers a connection that pipelines up to the limit, in order', async () => {
    const { statuses, closedByServer } = await pipeline(16);
    expect(statuses).toEqual(Array(16).fill(200));
    expect(closedByServer).toBe(false);
  });

  it('closes a connection that pipelines more: nothing past the limit reaches a handler', async () => {
    handled = 0;
    const { statuses, closedByServer } = await pipeline(2_000);
    expect(closedByServer).toBe(true);
    expect(statuses.length).toBeLessThan(17);
    await sleep(300);
    expect(handled).toBeLessThanOrEqual(16);
  });

  it('counts per connection: another connection is served while one is closed for pipelining', async () => {
    const [attack, visitor] = await Promise.all([pipeline(500), pipeline(3)]);
    expect(attack.closedByServer).toBe(true);
    expect(visitor.statuses).toEqual([200, 200, 200]);
  });
});
