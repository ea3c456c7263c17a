import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { createLogger, healthSchema } from '@lac/core';
import { createHealthCheck } from './health/health-check.ts';
import { DEPENDENCY_RETRY_AFTER_SECONDS } from './http/error-handler.ts';
import { startTestApi, startTestDatabase, type TestApi, type TestDatabase } from './testing/api-test-harness.ts';

let database: TestDatabase;
let api: TestApi;
let adminApi: TestApi;

const ADMIN_PASSWORD = 'mot-de-passe-très-secret';

beforeAll(async () => {
  database = await startTestDatabase(createLogger({ level: 'silent' }));
  api = await startTestApi({ name: 'ops', database, startWorker: false, env: { ALLOWED_ORIGINS: 'https://coaching.example.fr' } });
  adminApi = await startTestApi({
    name: 'ops-admin',
    database,
    startWorker: false,
    env: { ADMIN_USER: 'equipe', ADMIN_PASSWORD, OPENAI_API_KEY: 'sk-test-not-used' },
  });
});

afterAll(async () => {
  await api?.close();
  await adminApi?.close();
  await database?.stop();
});

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

describe('GET /health', () => {
  it('reports redis, database and queue up, providers local without keys', async () => {
    const response = await fetch(`${api.baseUrl}/health`);
    expect(response.status).toBe(200);
    const health = healthSchema.parse(await response.json());
    expect(health.status).toBe('healthy');
    for (const name of ['redis', 'database', 'queue'] as const) {
      expect(health.services[name].status).toBe('up');
      expect(health.services[name].latency_ms).toBeGreaterThanOrEqual(0);
    }
    for (const name of ['openrouter', 'openai', 'cohere'] as const) expect(health.services[name]).toEqual({ status: 'up', mode: 'local', latency_ms: 0 });
    expect(Number.isNaN(Date.parse(health.timestamp))).toBe(false);
  });

  it('says live for a provider whose key is set', async () => {
    const health = healthSchema.parse(await (await fetch(`${adminApi.baseUrl}/health`)).json());
    expect(health.services.openai.mode).toBe('live');
    expect(health.services.cohere.mode).toBe('local');
  });

  it('says degraded while a worker reports an open circuit, healthy again once it closes', async () => {
    const circuit = { name: 'openrouter:anthropic/claude-3.5-sonnet', state: 'open' as const, consecutiveFailures: 5, nextProbeAt: Date.now() + 30_000, openedCount: 1 };
    const published = [
      {
        workerId: 'worker-1',
        publishedAt: Date.now(),
        status: {
          openrouter: { mode: 'live' as const, status: 'degraded' as const, models: ['anthropic/claude-3.5-sonnet'], circuits: [circuit] },
          openai: { mode: 'local' as const, status: 'up' as const, models: [], circuits: [] },
          cohere: { mode: 'local' as const, status: 'up' as const, models: [], circuits: [] },
        },
      },
    ];
    const board = { readFresh: async () => published };
    const health = createHealthCheck({ redis: api.redis, pingDatabase: () => database.conversations.ping(), queue: api.queue, config: api.config, providerStatusBoard: board });
    const degraded = await health();
    expect(degraded.status).toBe('degraded');
    expect(degraded.services.openrouter).toMatchObject({ status: 'degraded', detail: 'circuit open: openrouter:anthropic/claude-3.5-sonnet' });
    expect(degraded.services.openai.status).toBe('up');
    published[0]!.status.openrouter.circuits = [{ ...circuit, state: 'closed' as never }];
    expect((await health()).status).toBe('healthy');
  });

  it('answers 503 unhealthy when Redis cannot be reached', async () => {
    const unreachable = new Redis('redis://127.0.0.1:1', { lazyConnect: true, maxRetriesPerRequest: 0, enableOfflineQueue: false, retryStrategy: () => null });
    unreachable.on('error', () => undefined);
    const health = createHealthCheck({ redis: unreachable, pingDatabase: () => database.conversations.ping(), queue: api.queue, config: api.config, timeoutMs: 1000 });
    const unhealthyApi = await startTestApi({ name: 'ops-unhealthy', database, startWorker: false, health });
    try {
      const response = await fetch(`${unhealthyApi.baseUrl}/health`);
      expect(response.status).toBe(503);
      // A load balancer or monitor told when to look again, as every other 503 of the API says.
      expect(response.headers.get('retry-after')).toBe(String(DEPENDENCY_RETRY_AFTER_SECONDS));
      const body = healthSchema.parse(await response.json());
      expect(body.status).toBe('unhealthy');
      expect(body.services.redis.status).toBe('down');
      expect(body.services.database.status).toBe('up');
    } finally {
      await unhealthyApi.close();
      unreachable.disconnect();
    }
  });
});

describe('GET /openapi.json', () => {
  it('is OpenAPI 3.1 and lists every route with its responses', async () => {
    const document = (await (await fetch(`${api.baseUrl}/openapi.json`)).json()) as {
      openapi: string;
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
      components: { schemas: Record<string, { type?: string; properties?: Record<string, unknown>; additionalProperties?: unknown }> };
    };
    expect(document.openapi).toBe('3.1.0');
    // Every served route is declared (openapi-route-inventory.test.ts holds the full inventory).
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/api/v2/chat',
        '/api/v2/chat/jobs/{job_id}',
        '/api/v2/chat/jobs/{job_id}/events',
        '/api/v2/rate-limit/{conversation_id}',
        '/api/v2/conversations/{conversation_id}/messages',
        '/health',
        '/metrics',
        '/openapi.json',
        '/admin/queues',
        '/admin/stats',
        '/admin/dashboard',
        '/api/v2/conversations/{conversation_id}',
        '/api/v2/conversations/{conversation_id}/events',
      ]),
    );
    expect(Object.keys(document.paths['/api/v2/chat']!.post!.responses)).toEqual(
      expect.arrayContaining(['200', '202', '400', '413', '415', '422', '429', '500']),
    );
    expect(Object.keys(document.paths['/api/v2/chat/jobs/{job_id}']!.get!.responses)).toEqual(expect.arrayContaining(['200', '404']));
    const request = document.components.schemas.ChatRequest!;
    expect(Object.keys(request.properties ?? {}).sort()).toEqual(['conversation_id', 'message', 'timestamp', 'user_id']);
    expect(request.additionalProperties).toBe(false);
    expect(document.components.schemas.ChatJobView?.properties).toHaveProperty('partial_reply');
  });
});

describe('GET /metrics', () => {
  it('exposes request durations by route, submissions by outcome and queue depth', async () => {
    await fetch(`${api.baseUrl}/api/v2/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    await fetch(`${api.baseUrl}/api/v2/rate-limit/metrics-conv`);
    const response = await fetch(`${api.baseUrl}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await response.text();
    expect(text).toMatch(/lac_http_request_duration_seconds_count\{method="GET",route="\/api\/v2\/rate-limit\/:conversation_id",status_code="200"\} 1/);
    expect(text).toMatch(/lac_chat_submissions_total\{outcome="invalid"\} 1/);
    expect(text).toMatch(/lac_queue_jobs\{queue="chat",state="waiting"\} \d+/);
  });

  it('labels conversation routes by their pattern: no conversation id in the public metrics', async () => {
    // Refused by the conversation access check (no token) before any route: labelled by the router's mount.
    expect((await fetch(`${api.baseUrl}/api/v2/conversations/metrics-secret-conversation/messages`)).status).toBe(401);
    expect((await fetch(`${api.baseUrl}/api/v2/conversations/metrics-secret-conversation/events`)).status).toBe(401);
    // Answered by the router's route, with the conversation's token.
    const submitted = await fetch(`${api.baseUrl}/api/v2/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user_id: 'metrics-user', conversation_id: 'metrics-secret-conversation-read', message: 'Bonjour' }),
    });
    const { conversation_token: token } = (await submitted.json()) as { conversation_token: string };
    const read = await fetch(`${api.baseUrl}/api/v2/conversations/metrics-secret-conversation-read/messages`, { headers: { authorization: `Bearer ${token}` } });
    expect(read.status).toBe(200);
    const text = await (await fetch(`${api.baseUrl}/metrics`)).text();
    expect(text).not.toContain('metrics-secret-conversation');
    expect(text).toMatch(/lac_http_request_duration_seconds_count\{method="GET",route="\/api\/v2\/conversations\/:conversation_id\/messages",status_code="200"\} 1/);
    expect(text).toMatch(/lac_http_request_duration_seconds_count\{method="GET",route="\/api\/v2\/conversations\/:conversation_id",status_code="401"\} 2/);
  });
});

describe('/admin/queues', () => {
  it('is off (404) without ADMIN_PASSWORD', async () => {
    const response = await fetch(`${api.baseUrl}/admin/queues`, { headers: { authorization: basic('admin', 'x') } });
    expect(response.status).toBe(404);
  });

  it('asks for credentials (401) without or with wrong ones, serves the dashboard with them', async () => {
    const anonymous = await fetch(`${adminApi.baseUrl}/admin/queues`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toMatch(/^Basic /);
    expect((await fetch(`${adminApi.baseUrl}/admin/queues`, { headers: { authorization: basic('equipe', 'faux') } })).status).toBe(401);
    expect((await fetch(`${adminApi.baseUrl}/admin/queues`, { headers: { authorization: basic('admin', ADMIN_PASSWORD) } })).status).toBe(401);
    const page = await fetch(`${adminApi.baseUrl}/admin/queues`, { headers: { authorization: basic('equipe', ADMIN_PASSWORD) } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    const queues = await fetch(`${adminApi.baseUrl}/admin/queues/api/queues`, { headers: { authorization: basic('equipe', ADMIN_PASSWORD) } });
    expect(queues.status).toBe(200);
    // Job data holds visitors' messages: not kept by the browser or a proxy, like every other admin answer.
    expect(queues.headers.get('cache-control')).toBe('no-store');
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(JSON.stringify(await queues.json())).toContain('"chat"');
    // The chat queue is read-only: no job added by hand (it would run outside its conversation's order).
    const added = await fetch(`${adminApi.baseUrl}/admin/queues/api/queues/chat/add`, {
      method: 'POST',
      headers: { authorization: basic('equipe', ADMIN_PASSWORD), 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'chat', data: { conversation_id: 'forged', user_id: 'x', message: 'injected', sent_at: '2020-01-01T00:00:00Z', received_at: '2020-01-01T00:00:00Z', request_id: 'r' } }),
    });
    expect(added.status).toBeGreaterThanOrEqual(400);
    expect(await adminApi.countJobs()).toBe(0);
  });
});

describe('request ids, CORS, security headers', () => {
  it('echoes a sane X-Request-Id, replaces an insane one', async () => {
    const echoed = await fetch(`${api.baseUrl}/health`, { headers: { 'x-request-id': 'abc-123' } });
    expect(echoed.headers.get('x-request-id')).toBe('abc-123');
    const replaced = await fetch(`${api.baseUrl}/health`, { headers: { 'x-request-id': 'x'.repeat(300) } });
    expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('allows the configured origin, exposes our headers, answers preflights', async () => {
    const origin = 'https://coaching.example.fr';
    const preflight = await fetch(`${api.baseUrl}/api/v2/chat`, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type, idempotency-key' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(origin);
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/Idempotency-Key/);
    // The API reads compressed bodies: a browser may send one.
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/Content-Encoding/);
    // The widget on the agency's site sends the conversation token and erases with DELETE.
    const tokenPreflight = await fetch(`${api.baseUrl}/api/v2/conversations/cors/events`, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'DELETE', 'access-control-request-headers': 'authorization, last-event-id' },
    });
    expect(tokenPreflight.headers.get('access-control-allow-headers')).toMatch(/Authorization/);
    expect(tokenPreflight.headers.get('access-control-allow-methods')).toMatch(/DELETE/);
    const simple = await fetch(`${api.baseUrl}/api/v2/rate-limit/cors`, { headers: { origin } });
    expect(simple.headers.get('access-control-allow-origin')).toBe(origin);
    for (const header of ['Location', 'Retry-After', 'RateLimit', 'RateLimit-Policy', 'WWW-Authenticate', 'Allow']) {
      expect(simple.headers.get('access-control-expose-headers')).toContain(header);
    }
    const foreign = await fetch(`${api.baseUrl}/api/v2/rate-limit/cors`, { headers: { origin: 'https://ailleurs.example' } });
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('keeps the admin routes same-origin, even for an allowed origin: no preflight lets a page send admin credentials', async () => {
    const origin = 'https://coaching.example.fr';
    const preflight = await fetch(`${api.baseUrl}/admin/escalations`, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    expect(preflight.headers.get('access-control-allow-headers')).toBeNull();
    const read = await fetch(`${api.baseUrl}/admin/escalations`, { headers: { origin, authorization: 'Basic YWRtaW46bm9wZQ==' } });
    expect(read.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('sets helmet headers and hides the framework', async () => {
    const response = await fetch(`${api.baseUrl}/health`);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-powered-by')).toBeNull();
  });

  it('keeps its pages’ assets on the scheme they were served with (the inbox over plain HTTP on a private network)', async () => {
    const csp = (await fetch(`${api.baseUrl}/`)).headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('upgrade-insecure-requests');
  });
});

describe('request logs', () => {
  it('every line of a request carries its id; credentials never reach the logs', async () => {
    const lines: string[] = [];
    const loggedApi = await startTestApi({
      name: 'ops-logs',
      database,
      startWorker: false,
      env: { ADMIN_PASSWORD },
      logDestination: { level: 'info', stream: { write: (line: string) => void lines.push(line) } },
    });
    try {
      const response = await fetch(`${loggedApi.baseUrl}/api/v2/chat`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': 'trace-42' },
        body: JSON.stringify({ user_id: 'u', conversation_id: 'logs-conv', message: 'Bonjour' }),
      });
      expect(response.status).toBe(202);
      await fetch(`${loggedApi.baseUrl}/admin/queues`, { headers: { authorization: basic('admin', ADMIN_PASSWORD), 'x-request-id': 'trace-43' } });
      await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      await loggedApi.close();
    }
    const entries = lines.map((line) => JSON.parse(line) as { reqId?: string; msg: string });
    const ofRequest = entries.filter((entry) => entry.reqId === 'trace-42');
    expect(ofRequest.map((entry) => entry.msg)).toEqual(expect.arrayContaining(['chat submission', 'request completed']));
    const all = lines.join('\n');
    expect(all).not.toContain(ADMIN_PASSWORD);
    expect(all).not.toContain(Buffer.from(`admin:${ADMIN_PASSWORD}`).toString('base64'));
  });
});
