import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, startTemporaryDatabase, type TemporaryDatabase, PgEscalationStore } from '@lac/core';
import { createErrorHandler } from '../http/error-handler.ts';
import { AdminAuthenticator } from '../http/admin-authenticator.ts';
import { createUnknownRouteHandler } from '../http/unknown-route-handler.ts';
import { escalationListSchema, mountAdminEscalationsRoute } from './admin-escalations-route.ts';

const logger = createLogger({ level: 'silent' });
const ADMIN = { user: 'admin', password: 'pa55-word' };
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

let database: TemporaryDatabase;
let store: PgEscalationStore;
let server: Server;
let baseUrl: string;

beforeAll(async () => {
  database = await startTemporaryDatabase();
  store = new PgEscalationStore(database.pool);
  const app = express();
  mountAdminEscalationsRoute(app, { escalations: store, admin: new AdminAuthenticator({ kind: 'shared', ...ADMIN }), logger });
  app.use(createUnknownRouteHandler(app));
  app.use(createErrorHandler({ logger, maxBodyBytes: 1024 }));
  server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server?.close(() => resolve()));
  await database?.stop();
});

const open = (category: 'billing' | 'human', message: string) =>
  store.open({ conversationId: `conv-${randomUUID()}`, jobId: `job-${randomUUID()}`, userId: 'u1', category, reason: category, message });

describe('GET /admin/escalations', () => {
  it('asks for basic auth', async () => {
    const anonymous = await fetch(`${baseUrl}/admin/escalations`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toMatch(/^Basic /);
    const wrong = await fetch(`${baseUrl}/admin/escalations`, { headers: { authorization: basic('admin', 'nope') } });
    expect(wrong.status).toBe(401);
  });

  it('lists open cases by default, other statuses on request, and closes a case', async () => {
    const first = await open('billing', 'Je veux être remboursée');
    const second = await open('human', "Je veux parler à quelqu'un");
    await store.recordDeliveryAttempt(second.escalation.id, { delivered: true });
    const headers = { authorization: basic(ADMIN.user, ADMIN.password) };

    const response = await fetch(`${baseUrl}/admin/escalations?status=open`, { headers });
    expect(response.status).toBe(200);
    const body = escalationListSchema.parse(await response.json());
    expect(body.status).toBe('open');
    expect(body.escalations.map((row) => row.id)).toContain(first.escalation.id);
    expect(body.escalations.map((row) => row.id)).not.toContain(second.escalation.id);
    expect(body.escalations.find((row) => row.id === first.escalation.id)).toMatchObject({
      status: 'open',
      category: 'billing',
      message_excerpt: 'Je veux être remboursée',
      delivery_attempts: 0,
    });

    const delivered = escalationListSchema.parse(await (await fetch(`${baseUrl}/admin/escalations?status=delivered`, { headers })).json());
    expect(delivered.escalations.map((row) => row.id)).toEqual([second.escalation.id]);
    const all = escalationListSchema.parse(await (await fetch(`${baseUrl}/admin/escalations?status=all`, { headers })).json());
    expect(all.count).toBe(2);

    const closed = await fetch(`${baseUrl}/admin/escalations/${first.escalation.id}/close`, { method: 'POST', headers });
    expect(closed.status).toBe(200);
    expect(await closed.json()).toMatchObject({ id: first.escalation.id, status: 'closed' });
    const openAfter = escalationListSchema.parse(await (await fetch(`${baseUrl}/admin/escalations`, { headers })).json());
    expect(openAfter.escalations.map((row) => row.id)).not.toContain(first.escalation.id);
  });

  it('rejects an unknown status (400) and an unknown case (404)', async () => {
    const headers = { authorization: basic(ADMIN.user, ADMIN.password) };
    const bad = await fetch(`${baseUrl}/admin/escalations?status=pending`, { headers });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: 'invalid_request', details: [{ field: 'status', message: 'doit être open, delivered, closed ou all' }] } });
    const negative = await fetch(`${baseUrl}/admin/escalations?limit=-5`, { headers });
    expect(await negative.json()).toMatchObject({ error: { code: 'invalid_request', details: [{ field: 'limit', message: 'doit être au moins 1' }] } });
    const missing = await fetch(`${baseUrl}/admin/escalations/${randomUUID()}/close`, { method: 'POST', headers });
    expect(missing.status).toBe(404);
  });

  it('is off without an admin password', async () => {
    const app = express();
    mountAdminEscalationsRoute(app, { escalations: store, admin: undefined, logger });
    expect(app.router.stack.some((layer) => String(layer.name) === 'router')).toBe(false);
  });
});
