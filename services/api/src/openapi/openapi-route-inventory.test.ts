import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import express from 'express';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWidgetRouter } from '@lac/widget';
import { createLogger, createRedisConnection, loadConfig, PgEscalationStore, PgPrivacyStore, PgStatsStore, type RedisClient } from '@lac/core';
import { startTestDatabase, type TestDatabase } from '../testing/api-test-harness.ts';
import { startTestHandover } from '../testing/handover-test-harness.ts';
import { responseProblems } from '../testing/openapi-conformance.ts';
import { wireApi, type WiredApi } from '../wire-api.ts';
import { compareWithDocument, servedRoutesOf } from './express-route-inventory.ts';

/**
 * The document declares every route the app serves and nothing it does not serve. The app is wired
 * like main.ts with every optional part on (hand-over, privacy, escalations, owner stats, widget,
 * bull-board; ADMIN_PASSWORD set), and its routes are read from Express itself (router 2.3
 * `listRoutes()`), not from a list kept by hand. The routes only this wiring serves (escalations,
 * owner stats, widget, dashboard and inbox files) are also called, their answers checked against the document.
 */

const ADMIN_PASSWORD = 'mot-de-passe-inventaire';
const admin = { authorization: `Basic ${Buffer.from(`admin:${ADMIN_PASSWORD}`).toString('base64')}` };

let database: TestDatabase;
let redis: RedisClient;
let wired: WiredApi;
let handover: Awaited<ReturnType<typeof startTestHandover>>;
let server: Server;
let baseUrl: string;
let widgetFolder: string;
let document: Record<string, unknown>;

beforeAll(async () => {
  const logger = createLogger({ level: 'silent' });
  database = await startTestDatabase(logger);
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    QUEUE_PREFIX: `test-route-inventory-${randomBytes(4).toString('hex')}`,
    ADMIN_PASSWORD,
  });
  redis = createRedisConnection(config.REDIS_URL, { connectionName: 'lac:test-route-inventory', logger });
  handover = await startTestHandover({ config, logger, redis, pool: database.pool });
  // A ready bundle: the widget routes serve it without building one.
  widgetFolder = await mkdtemp(path.join(tmpdir(), 'route-inventory-widget-'));
  const bundleFile = path.join(widgetFolder, 'widget.js');
  await writeFile(bundleFile, 'console.log("widget");\n');
  wired = await wireApi({
    config,
    logger,
    redis,
    conversations: database.conversations,
    privacyStore: new PgPrivacyStore(database.pool),
    metricsRegistry: new Registry(),
    pingDatabase: () => database.conversations.ping(),
    statsStore: new PgStatsStore(database.pool),
    extras: {
      widgetRouter: createWidgetRouter({ logger, bundleFile, rebuildWhenStale: false }),
      dashboardQueues: [],
      escalations: new PgEscalationStore(database.pool),
      handover: handover.port,
    },
  });
  server = await new Promise((resolve) => {
    const listening = wired.app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  document = (await (await fetch(`${baseUrl}/openapi.json`)).json()) as Record<string, unknown>;
}, 120_000);

afterAll(async () => {
  wired?.abortRequests();
  server?.closeAllConnections();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  await wired?.close();
  await handover?.close();
  await redis?.quit();
  await database?.stop();
  if (widgetFolder) await rm(widgetFolder, { recursive: true, force: true });
});

describe('the OpenAPI document against the routes the app serves', () => {
  it('declares every served route and serves every declared one', () => {
    const served = servedRoutesOf(wired.app);
    // The inventory sees the routes of every kind of mount (sanity: not an empty list that agrees with nothing).
    expect(served.routes.map((route) => `${route.method} ${route.template}`)).toEqual(
      expect.arrayContaining([
        'POST /api/v2/chat',
        'GET /api/v2/conversations/{conversation_id}/events',
        'DELETE /admin/conversations/{conversation_id}',
        'POST /admin/conversations/{id}/join',
        'GET /admin/inbox/inbox.js',
        'GET /widget.js',
      ]),
    );
    expect(served.opaqueMounts).toEqual(['/admin/queues']);
    expect(compareWithDocument(served, document)).toEqual({ undeclared: [], notServed: [] });
  });

  it('fails on a route the document does not declare, and on a declared route no longer served', () => {
    const served = servedRoutesOf(wired.app);
    const extra = express.Router();
    extra.get('/:conversation_id/transcript', (_req, res) => void res.end());
    const withExtra = express();
    withExtra.use('/api/v2/conversations', extra);
    const extraRoutes = servedRoutesOf(withExtra);
    const lessServed = { routes: served.routes.filter((route) => route.template !== '/admin/inbox'), opaqueMounts: served.opaqueMounts };
    expect(compareWithDocument({ routes: [...served.routes, ...extraRoutes.routes], opaqueMounts: served.opaqueMounts }, document).undeclared).toEqual([
      'GET /api/v2/conversations/{}/transcript',
    ]);
    expect(compareWithDocument(lessServed, document).notServed).toEqual(['GET /admin/inbox']);
  });
});

describe('answers of the routes only the full wiring serves', () => {
  async function call(method: string, route: string, headers: Record<string, string> = {}) {
    const response = await fetch(`${baseUrl}${route}`, { method, headers });
    const contentType = response.headers.get('content-type');
    const text = await response.text();
    const body: unknown = contentType?.startsWith('application/json') ? JSON.parse(text) : text;
    return { status: response.status, problems: responseProblems(document, { method, path: route }, { status: response.status, contentType, body }) };
  }

  it.each([
    { method: 'GET', route: '/admin/escalations?status=all', headers: admin, status: 200 },
    { method: 'GET', route: '/admin/escalations?status=perdu', headers: admin, status: 400 },
    { method: 'GET', route: '/admin/escalations', headers: {}, status: 401 },
    { method: 'POST', route: `/admin/escalations/${randomUUID()}/close`, headers: admin, status: 404 },
    { method: 'POST', route: '/admin/escalations/pas-un-uuid/close', headers: admin, status: 400 },
    { method: 'GET', route: '/admin/stats?range=7d', headers: admin, status: 200 },
    { method: 'GET', route: '/admin/dashboard', headers: admin, status: 200 },
    { method: 'GET', route: '/admin/dashboard/charts.js', headers: admin, status: 200 },
    { method: 'GET', route: '/admin/dashboard/autre.js', headers: admin, status: 404 },
    { method: 'GET', route: '/admin/inbox', headers: admin, status: 200 },
    { method: 'GET', route: '/admin/inbox/inbox.js', headers: admin, status: 200 },
    { method: 'GET', route: '/admin/inbox/states.js', headers: admin, status: 200 },
    { method: 'GET', route: '/admin/inbox', headers: {}, status: 401 },
    { method: 'POST', route: '/admin/logout', headers: admin, status: 401 },
    { method: 'GET', route: '/admin/logged-out', headers: {}, status: 200 },
    { method: 'GET', route: '/admin/queues', headers: admin, status: 200 },
    { method: 'GET', route: '/widget.js', headers: {}, status: 200 },
    { method: 'GET', route: '/', headers: {}, status: 200 },
  ])('$method $route → $status, as declared', async ({ method, route, headers, status }) => {
    const answer = await call(method, route, headers);
    expect(answer.status).toBe(status);
    expect(answer.problems).toEqual([]);
  });
});
