import type { Server } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClientConcurrencyLimit, releaseClientSlot } from './client-concurrency-limit.ts';

let server: Server;
let baseUrl: string;
/** Requests at /api/work wait until the test opens the gate; /api/wait gives its place back first (a long-poll). */
let openGate: () => void = () => undefined;
let gate: Promise<void> = Promise.resolve();
let handlersRunning = 0;
const HOLD_AFTER_ABORT_MS = 400;

function closeGate(): void {
  gate = new Promise<void>((resolve) => (openGate = resolve));
}

beforeAll(async () => {
  const app = express();
  // Each request names its client address (as behind a trusted proxy): one test process plays several clients.
  app.set('trust proxy', 'loopback');
  app.use('/api', createClientConcurrencyLimit({ max: 3, holdAfterAbortMs: HOLD_AFTER_ABORT_MS }));
  app.get('/api/work', async (_req, res) => {
    handlersRunning += 1;
    await gate;
    handlersRunning -= 1;
    res.json({ ok: true });
  });
  app.get('/api/wait', async (_req, res) => {
    releaseClientSlot(res);
    await gate;
    res.json({ ok: true });
  });
  server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  baseUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});

afterAll(async () => {
  openGate();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const get = (path: string, address: string, signal?: AbortSignal) =>
  fetch(`${baseUrl}${path}`, { headers: { 'x-forwarded-for': address }, signal }).then(async (response) => ({
    status: response.status,
    retryAfter: response.headers.get('retry-after'),
    body: (await response.json()) as { error?: { code: string } },
  }));

async function waitForHandlers(count: number): Promise<void> {
  for (let tries = 0; handlersRunning < count && tries < 200; tries++) await sleep(10);
  expect(handlersRunning).toBe(count);
}

describe('createClientConcurrencyLimit', () => {
  it('answers 429 at once past the limit of one address, serves another address meanwhile, and frees places as answers end', async () => {
    closeGate();
    const held = Array.from({ length: 3 }, () => get('/api/work', '203.0.113.5'));
    await waitForHandlers(3);
    const refused = await Promise.all(Array.from({ length: 5 }, () => get('/api/work', '203.0.113.5')));
    expect(refused.map((answer) => answer.status)).toEqual([429, 429, 429, 429, 429]);
    expect(refused[0]).toMatchObject({ retryAfter: '1', body: { error: { code: 'rate_limited' } } });
    const other = get('/api/work', '198.51.100.9');
    await waitForHandlers(4);
    openGate();
    expect((await Promise.all([...held, other])).map((answer) => answer.status)).toEqual([200, 200, 200, 200]);
    expect((await get('/api/work', '203.0.113.5')).status).toBe(200);
  });

  it('a long-poll gives its place back when it starts waiting', async () => {
    closeGate();
    const waits = Array.from({ length: 5 }, () => get('/api/wait', '203.0.113.7'));
    await sleep(100);
    const work = Array.from({ length: 3 }, () => get('/api/work', '203.0.113.7'));
    await waitForHandlers(3);
    openGate();
    expect((await Promise.all([...waits, ...work])).every((answer) => answer.status === 200)).toBe(true);
  });

  it('a request whose client went away keeps its place for a while: dropping connections frees nothing at once', async () => {
    closeGate();
    const aborts = Array.from({ length: 3 }, () => new AbortController());
    const dropped = aborts.map((controller) => get('/api/work', '203.0.113.8', controller.signal).catch(() => 'aborted'));
    await waitForHandlers(3);
    for (const controller of aborts) controller.abort();
    expect(await Promise.all(dropped)).toEqual(['aborted', 'aborted', 'aborted']);
    expect((await get('/api/work', '203.0.113.8')).status).toBe(429);
    await sleep(HOLD_AFTER_ABORT_MS + 200);
    const later = get('/api/work', '203.0.113.8');
    await waitForHandlers(4);
    openGate();
    expect((await later).status).toBe(200);
  });
});
