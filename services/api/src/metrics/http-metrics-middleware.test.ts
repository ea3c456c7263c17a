import { connect, type AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:http';
import express, { Router, type ErrorRequestHandler } from 'express';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiMetrics } from './api-metrics.ts';
import { createHttpMetricsMiddleware, mountedAt } from './http-metrics-middleware.ts';

// An app shaped like app.ts: the metrics middleware first, routers mounted under a path, one error
// handler at the end. A route that fails (a 503 while the database is away, as the operator's join
// during a Postgres cut in the fault probe) reaches the error handler after Express has given the
// request its app-level baseUrl back.
let server: Server;
let baseUrl: string;
const registry = new Registry();

beforeAll(async () => {
  const metrics = createApiMetrics(registry, { name: 'chat', getJobCounts: async () => ({}) });
  const app = express();
  app.use(createHttpMetricsMiddleware(metrics));
  app.get('/health', (_req, res) => {
    res.status(200).json({ status: 'healthy' });
  });
  const operator = Router();
  operator.post('/:id/join', (req, _res, next) => next(req.query.fail === '1' ? new Error('database away') : undefined), (_req, res) => {
    res.status(200).json({ joined: true });
  });
  operator.get('/', (req, res, next) => (req.query.fail === '1' ? next(new Error('database away')) : res.status(200).json({ conversations: [] })));
  app.use('/admin/conversations', operator);
  const visitor = Router({ mergeParams: true });
  visitor.get('/messages', (_req, _res, next) => next(new Error('database away')));
  app.use('/api/v2/conversations/:conversation_id', mountedAt('/api/v2/conversations/:conversation_id'), visitor);
  const failed: ErrorRequestHandler = (_error, _req, res, _next) => {
    res.status(503).json({ error: { code: 'dependency_unavailable', message: 'indisponible' } });
  };
  app.use(failed);
  server = createServer(app).listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

async function durationCounts(): Promise<string[]> {
  const text = await registry.metrics();
  return text.split('\n').filter((line) => line.startsWith('lac_http_request_duration_seconds_count'));
}

describe('HTTP metrics route label', () => {
  it('labels a failed request of a mounted router with its full pattern, as its success is labelled', async () => {
    expect((await fetch(`${baseUrl}/admin/conversations/conv-secret-1/join`, { method: 'POST' })).status).toBe(200);
    expect((await fetch(`${baseUrl}/admin/conversations/conv-secret-2/join?fail=1`, { method: 'POST' })).status).toBe(503);
    const counts = await durationCounts();
    expect(counts).toContain('lac_http_request_duration_seconds_count{method="POST",route="/admin/conversations/:id/join",status_code="200"} 1');
    // Before: route="/:id/join", a series no dashboard of the admin routes would find.
    expect(counts).toContain('lac_http_request_duration_seconds_count{method="POST",route="/admin/conversations/:id/join",status_code="503"} 1');
    expect(counts.join('\n')).not.toContain('conv-secret');
  });

  it("labels a failed request of a router's own path '/' with its mount (the inbox list while Postgres is away)", async () => {
    expect((await fetch(`${baseUrl}/admin/conversations?state=open`)).status).toBe(200);
    expect((await fetch(`${baseUrl}/admin/conversations?state=open&fail=1`)).status).toBe(503);
    const counts = await durationCounts();
    expect(counts).toContain('lac_http_request_duration_seconds_count{method="GET",route="/admin/conversations/",status_code="200"} 1');
    // Before: route="/", the label of the site's root.
    expect(counts).toContain('lac_http_request_duration_seconds_count{method="GET",route="/admin/conversations/",status_code="503"} 1');
  });

  // HTTP/1.1 lets a client send the absolute form (`GET http://host/path`, meant for proxies): Express
  // routes its path, but the label read the mount from the whole target, host included
  // (`/http:/evil-1.example/health`): one new series per host a client cares to invent, each a
  // histogram of 15 lines, held in the API's memory and served by /metrics, without bound.
  it('labels a request sent in absolute form by its route, never by the host it names', async () => {
    const port = (server.address() as AddressInfo).port;
    const statusOfRaw = (requestLine: string): Promise<string> =>
      new Promise((resolve, reject) => {
        const socket = connect(port, '127.0.0.1', () => socket.write(`${requestLine}\r\nHost: a\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`));
        let answer = '';
        socket.on('data', (chunk: Buffer) => (answer += chunk.toString('latin1')));
        socket.on('end', () => resolve(answer.split('\r\n')[0] ?? ''));
        socket.on('error', reject);
      });
    expect(await statusOfRaw('GET http://evil-1.example/health HTTP/1.1')).toBe('HTTP/1.1 200 OK');
    expect(await statusOfRaw('GET https://evil-2.example:8443/health?x=1 HTTP/1.1')).toBe('HTTP/1.1 200 OK');
    expect(await statusOfRaw('POST http://evil-3.example/admin/conversations/conv-secret-4/join?fail=1 HTTP/1.1')).toBe('HTTP/1.1 503 Service Unavailable');
    const counts = await durationCounts();
    expect(counts.join('\n')).not.toContain('evil');
    expect(counts).toContain('lac_http_request_duration_seconds_count{method="GET",route="/health",status_code="200"} 2');
    expect(counts).toContain('lac_http_request_duration_seconds_count{method="POST",route="/admin/conversations/:id/join",status_code="503"} 2');
  });

  // Express matches paths without case, and `req.baseUrl` is the mount as the URL spelled it: each
  // spelling of `/admin/conversations` (2^18 of them) was a series of its own.
  it('labels a mounted route the same whatever the case the URL is written in', async () => {
    expect((await fetch(`${baseUrl}/ADMIN/Conversations/conv-secret-5/join`, { method: 'POST' })).status).toBe(200);
    expect((await fetch(`${baseUrl}/aDmIn/cOnVeRsAtIoNs/conv-secret-6/join?fail=1`, { method: 'POST' })).status).toBe(503);
    const counts = await durationCounts();
    expect(counts.filter((line) => /route="[^"]*[A-Z]/.test(line))).toEqual([]);
  });

  it('keeps the mount pattern of a router mounted on a parameter, without the conversation id', async () => {
    expect((await fetch(`${baseUrl}/api/v2/conversations/conv-secret-3/messages`)).status).toBe(503);
    const counts = await durationCounts();
    expect(counts).toContain('lac_http_request_duration_seconds_count{method="GET",route="/api/v2/conversations/:conversation_id/messages",status_code="503"} 1');
    expect(counts.join('\n')).not.toContain('conv-secret');
  });
});
