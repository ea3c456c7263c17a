import type { Server } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClientConcurrencyLimit } from './client-concurrency-limit.ts';

let server: Server;
let baseUrl: string;

beforeAll(async () => {
  const app = express();
  // Each request names its client address (as a trusted proxy would), so one test process plays several clients.
  app.set('trust proxy', 'loopback');
  app.use('/api', createClientConcurrencyLimit({ max: 3 }));
  app.get(['/api/slow', '/api/slow/events'], async (_req, res) => {
    await sleep(300);
    res.json({ ok: true });
  });
  server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  baseUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const get = (path: string, address: string, headers: Record<string, string> = {}) =>
  fetch(`${baseUrl}${path}`, { headers: { 'x-forwarded-for': address, ...headers } }).then(async (response) => ({
    status: response.status,
    retryAfter: response.headers.get('retry-after'),
    body: (await response.json()) as { error?: { code: string } },
  }));

describe('createClientConcurrencyLimit', () => {
  it('answers 429 at once past the limit of one address, and serves another address meanwhile', async () => {
    const started = Date.now();
    const [burst, other] = await Promise.all([
      Promise.all(Array.from({ length: 10 }, () => get('/api/slow', '203.0.113.5'))),
      get('/api/slow', '198.51.100.9'),
    ]);
    expect(burst.filter((answer) => answer.status === 200)).toHaveLength(3);
    const refused = burst.filter((answer) => answer.status === 429);
    expect(refused).toHaveLength(7);
    expect(refused[0]).toMatchObject({ retryAfter: '1', body: { error: { code: 'rate_limited' } } });
    expect(other.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('frees the places as answers end', async () => {
    expect((await Promise.all(Array.from({ length: 3 }, () => get('/api/slow', '203.0.113.6')))).map((answer) => answer.status)).toEqual([200, 200, 200]);
    expect((await Promise.all(Array.from({ length: 3 }, () => get('/api/slow', '203.0.113.6')))).map((answer) => answer.status)).toEqual([200, 200, 200]);
  });

  it('does not count long-polls and event streams', async () => {
    const answers = await Promise.all([
      ...Array.from({ length: 4 }, () => get('/api/slow?wait=25', '203.0.113.7')),
      ...Array.from({ length: 4 }, () => get('/api/slow/events', '203.0.113.7')),
      ...Array.from({ length: 4 }, () => get('/api/slow', '203.0.113.7', { prefer: 'wait=10' })),
      ...Array.from({ length: 3 }, () => get('/api/slow', '203.0.113.7')),
    ]);
    expect(answers.every((answer) => answer.status === 200)).toBe(true);
  });
});
