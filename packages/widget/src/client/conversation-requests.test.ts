import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RateLimitedError } from './chat-client-errors.ts';
import { cancelHandover, eraseConversation, loadConversationSnapshot } from './conversation-requests.ts';

let server: Server;
let baseUrl: string;
/** How many of the next requests get 429 (too many requests of this client at work), and with which Retry-After. */
let busyAnswers = 0;
let retryAfterSeconds = 1;
let requests = 0;
/** The next POST gets a 503 (the API may have done the work before failing). */
let failNextPost = false;

beforeAll(async () => {
  server = createServer((req, res) => {
    requests += 1;
    if (busyAnswers > 0) {
      busyAnswers -= 1;
      res.writeHead(429, { 'content-type': 'application/json', 'retry-after': String(retryAfterSeconds) });
      res.end(JSON.stringify({ error: { code: 'rate_limited', message: 'Trop de requêtes en cours. Veuillez patienter.', retry_after_seconds: retryAfterSeconds } }));
      return;
    }
    if (req.method === 'POST' && failNextPost) {
      failNextPost = false;
      res.writeHead(503, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'dependency_unavailable', message: 'Service momentanément indisponible.' } }));
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(req.method === 'DELETE' ? '{}' : JSON.stringify({ conversation_id: 'c', state: 'ai', operator: null, last_event_id: null, pending_job_ids: [] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});

afterAll(() => new Promise((resolve) => server.close(resolve)));

describe('conversation requests under a short 429', () => {
  it('the snapshot read and the erasure try again after a 429 that asks to wait a second', async () => {
    busyAnswers = 1;
    retryAfterSeconds = 1;
    requests = 0;
    expect(await loadConversationSnapshot(baseUrl, 'c', 'ct1.token')).toMatchObject({ state: 'ai' });
    expect(requests).toBe(2);
    busyAnswers = 2;
    requests = 0;
    await eraseConversation(baseUrl, 'c', 'ct1.token');
    expect(requests).toBe(3);
  });

  it('the hand-over withdrawal tries again after a short 429 (refused before any work), never after a 5xx', async () => {
    busyAnswers = 2;
    retryAfterSeconds = 1;
    requests = 0;
    expect(await cancelHandover(baseUrl, 'c', 'ct1.token')).toMatchObject({ kind: 'cancelled', snapshot: { state: 'ai' } });
    expect(requests).toBe(3);
    failNextPost = true;
    requests = 0;
    await expect(cancelHandover(baseUrl, 'c', 'ct1.token')).rejects.toMatchObject({ status: 503 });
    expect(requests).toBe(1);
  });

  it('a 429 that asks to wait long is not retried', async () => {
    busyAnswers = 1;
    retryAfterSeconds = 3600;
    requests = 0;
    await expect(loadConversationSnapshot(baseUrl, 'c', 'ct1.token')).rejects.toBeInstanceOf(RateLimitedError);
    expect(requests).toBe(1);
    busyAnswers = 0;
  });
});
