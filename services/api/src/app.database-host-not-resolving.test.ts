import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, loadConfig, openStores, requestPathPoolTimeouts } from '@lac/core';
import { startTestApi, type TestApi, type TestDatabase } from './testing/api-test-harness.ts';

/**
 * The database's host name does not resolve: compose's and Kubernetes' DNS answer "no such name"
 * (getaddrinfo ENOTFOUND) while the container or pod behind the service name is stopped or being
 * replaced (`docker compose restart postgres`). That is the database being away, as a refused
 * connection is: the API answers 503 `dependency_unavailable` with Retry-After, and /health says the
 * database is down. Before, such a request answered 500 `internal_error` (the widget does not retry
 * a 500), and the workers spent the jobs' attempts on it. The pool is the API's own (openStores with
 * the request path's timeouts); `.invalid` never resolves (RFC 6761).
 */
const logger = createLogger({ level: 'silent' });
let database: TestDatabase;
let api: TestApi;

beforeAll(async () => {
  const config = loadConfig({ ...process.env, DATABASE_URL: 'postgres://postgres@lac-database-restarting.invalid:5432/postgres' });
  const stores = openStores({ config, logger, applicationName: 'lac-api-test', poolTimeouts: requestPathPoolTimeouts(config.API_DEPENDENCY_TIMEOUT_MS, true) });
  database = { pool: stores.pool!, conversations: stores.conversations, stop: () => stores.close() };
  api = await startTestApi({ name: 'database-host-not-resolving', database, startWorker: false, env: { CONVERSATION_ACCESS: 'open' } });
}, 60_000);

afterAll(async () => {
  await api?.close();
  await database?.stop();
});

describe('the database host name does not resolve (its container restarting)', () => {
  it('a read that needs the database answers 503 with Retry-After, not 500', async () => {
    // Twice: the first meets the name lookup, the second the fail-fast gate it closed (if any).
    for (let attempt = 1; attempt <= 2; attempt++) {
      const response = await fetch(`${api.baseUrl}/api/v2/conversations/test-conv-${randomUUID()}/messages`);
      const body = (await response.json()) as { error?: { code?: string } };
      expect({ attempt, status: response.status, code: body.error?.code }).toEqual({ attempt, status: 503, code: 'dependency_unavailable' });
      expect(response.headers.get('retry-after')).toMatch(/^\d+$/);
    }
  });

  it('the first message of a new conversation (its owner looked up in the database) answers 503, not 500', async () => {
    const response = await fetch(`${api.baseUrl}/api/v2/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user_id: 'u', conversation_id: `test-conv-${randomUUID()}`, message: 'Bonjour ?' }),
    });
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toMatch(/^\d+$/);
  });

  it('/health says the database is down', async () => {
    const response = await fetch(`${api.baseUrl}/health`);
    const body = (await response.json()) as { services?: { database?: { status?: string }; redis?: { status?: string } } };
    expect({ status: response.status, database: body.services?.database?.status, redis: body.services?.redis?.status }).toEqual({ status: 503, database: 'down', redis: 'up' });
  });
});
