import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import { Queue } from 'bullmq';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import {
  createOwnerStats,
  createPgStores,
  ownerStatsSchema,
  pgFunctionCaller,
  PgStatsStore,
  shiftedDay,
  SqlFunctionHandoverStore,
  zonedDay,
  zonedDayStart,
  type OwnerStatsRuntime,
} from '@lac/core';
import {
  chatExchangeFixture,
  createRedisTestContext,
  playTeamActivity,
  startTemporaryDatabase,
  teamActivityCounts,
  type RedisTestContext,
  type TemporaryDatabase,
} from '@lac/core/testing';
import { createErrorHandler } from '../../http/error-handler.ts';
import { registerOwnerStatsMetrics } from '../../metrics/owner-stats-metrics.ts';
import { createServerErrorCounter } from '../../metrics/server-error-counter.ts';
import { createOwnerDashboardApp } from './owner-dashboard-app.ts';
import { ownerDashboardWeightBytes } from './owner-dashboard-router.ts';

/**
 * The 5xx day counter, its copy to the database, /admin/stats and the lac_owner_* metrics, on a
 * real Redis (unique prefix) and a migrated PGlite database.
 */
describe('owner dashboard: 5xx counting, /admin/stats and /metrics', () => {
  let database: TemporaryDatabase;
  let redis: RedisTestContext;
  let queue: Queue;
  let ownerStats: OwnerStatsRuntime;
  const servers: Server[] = [];
  const authorization = `Basic ${Buffer.from('owner:secret').toString('base64')}`;

  async function listen(app: express.Express): Promise<string> {
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    servers.push(server);
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  beforeAll(async () => {
    database = await startTemporaryDatabase();
    redis = createRedisTestContext('owner-dashboard');
    queue = new Queue('chat', { connection: redis.redis, prefix: redis.prefix });
    ownerStats = createOwnerStats({
      config: { QUEUE_PREFIX: redis.prefix, DAILY_BUDGET_USD: 2, BUDGET_RESERVATION_TTL_MS: 60_000, DASHBOARD_TIME_ZONE: 'Europe/Paris' },
      redis: redis.redis,
      queue,
      store: new PgStatsStore(database.pool),
      logger: redis.logger,
    });
  });

  afterAll(async () => {
    await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
    await queue?.close();
    await redis?.cleanup();
    await database?.stop();
  });

  it('counts every 5xx answer of the API once, whatever its route, and keeps it in the database', async () => {
    const api = express();
    api.use(createServerErrorCounter({ counters: ownerStats.counters, logger: redis.logger }));
    api.get('/boom', () => {
      throw new Error('unexpected');
    });
    api.get('/unavailable', (_req, res) => void res.status(503).json({}));
    api.get('/fine', (_req, res) => void res.status(404).json({}));
    api.use(createErrorHandler({ logger: redis.logger, maxBodyBytes: 1024 }));
    const apiUrl = await listen(api);
    expect((await fetch(`${apiUrl}/boom`)).status).toBe(500);
    expect((await fetch(`${apiUrl}/unavailable`)).status).toBe(503);
    expect((await fetch(`${apiUrl}/fine`)).status).toBe(404);

    const dashboardUrl = await listen(createOwnerDashboardApp({ stats: ownerStats.service, adminUser: 'owner', adminPassword: 'secret', logger: redis.logger }));
    let stats: ReturnType<typeof ownerStatsSchema.parse> | undefined;
    for (let attempt = 0; attempt < 50; attempt += 1) {
      // The count is written when each response finishes: give the last one a moment.
      stats = ownerStatsSchema.parse(await (await fetch(`${dashboardUrl}/admin/stats`, { headers: { authorization } })).json());
      if (stats.failures.http_5xx === 2) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(stats?.failures.http_5xx).toBe(2);
    expect(stats?.time_zone).toBe('Europe/Paris');
    expect(stats?.cost.today.day).toBe(zonedDay(Date.parse(stats!.generated_at), 'Europe/Paris'));
    expect(stats?.checklist.find((item) => item.id === 'server_errors')).toMatchObject({ status: 'red', value: '2 erreurs 5xx' });
    // Stored on the day in Paris.
    const stored = await database.pool.query<{ http_5xx: number }>('SELECT http_5xx FROM operation_daily_counts WHERE day = $1', [stats?.cost.today.day]);
    expect(stored.rows).toEqual([{ http_5xx: 2 }]);
  });

  it('shows the same figures in /metrics, labelled range="24h"', async () => {
    const registry = new Registry();
    registerOwnerStatsMetrics(registry, ownerStats.service, redis.logger);
    const text = await registry.metrics();
    expect(text).toContain('lac_owner_http_5xx{range="24h"} 2');
    expect(text).toContain('lac_owner_daily_budget_usd{range="24h"} 2');
    expect(text).toContain('lac_owner_check_status{range="24h",check="server_errors"} 2');
    expect(text).toContain('lac_owner_answers{range="24h",agent="audrey"} 0');
  });

  it('answers 401 without credentials, 400 for an unknown range, and serves a light page', async () => {
    const dashboardUrl = await listen(createOwnerDashboardApp({ stats: ownerStats.service, adminUser: 'owner', adminPassword: 'secret', logger: redis.logger }));
    for (const path of ['/admin/stats', '/admin/dashboard', '/admin/dashboard/app.js']) {
      expect((await fetch(`${dashboardUrl}${path}`)).status).toBe(401);
    }
    const refused = await fetch(`${dashboardUrl}/admin/stats?range=1y`, { headers: { authorization } });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ error: { code: 'invalid_request', details: [{ field: 'range', message: 'doit être 24h, 7d ou 30d' }] } });
    const page = await fetch(`${dashboardUrl}/admin/dashboard`, { headers: { authorization } });
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    const html = await page.text();
    expect(html).toContain('<html lang="fr">');
    // Days are the agency's (DASHBOARD_TIME_ZONE): each chart title has a place for the zone, filled from the figures.
    expect(html).toContain('Messages par jour et par agent <small data-days-zone></small>');
    expect(html).not.toContain('(UTC)');
    expect(ownerDashboardWeightBytes).toBeLessThan(40_000);
  });

  it('shows what the team did: conversations taken over and operators’ replies, in all and per day, apart from the answers', async () => {
    const dashboardUrl = await listen(createOwnerDashboardApp({ stats: ownerStats.service, adminUser: 'owner', adminPassword: 'secret', logger: redis.logger }));
    await playTeamActivity(new SqlFunctionHandoverStore(pgFunctionCaller(database.pool)));
    const stats = ownerStatsSchema.parse(await (await fetch(`${dashboardUrl}/admin/stats?range=7d`, { headers: { authorization } })).json());
    expect(stats.team).toMatchObject({
      taken_over_conversations: teamActivityCounts.takenOverConversations,
      operator_replies: teamActivityCounts.operatorReplies,
    });
    expect(stats.team.per_day.map((row) => row.day)).toEqual(stats.days);
    expect(stats.team.per_day.reduce((sum, row) => sum + row.operator_replies, 0)).toBe(teamActivityCounts.operatorReplies);
    expect(stats.team.per_day.reduce((sum, row) => sum + row.taken_over_conversations, 0)).toBeGreaterThanOrEqual(teamActivityCounts.takenOverConversations);
    expect(stats.messages.answered).toBe(0);
  });

  it('shows the team figures in /metrics beside the other owner figures', async () => {
    // The activity played by the test above, over the last 24 hours.
    const registry = new Registry();
    registerOwnerStatsMetrics(registry, ownerStats.service, redis.logger);
    const text = await registry.metrics();
    expect(text).toContain(`lac_owner_taken_over_conversations{range="24h"} ${teamActivityCounts.takenOverConversations}`);
    expect(text).toContain(`lac_owner_operator_replies{range="24h"} ${teamActivityCounts.operatorReplies}`);
    expect(text).toContain('lac_owner_answers{range="24h",agent="escalate"} 0');
  });

  it('"7d" is today and the 6 days before in the agency’s zone: an answer of the day before them counts nowhere, one of their first minute counts', async () => {
    const dashboardUrl = await listen(createOwnerDashboardApp({ stats: ownerStats.service, adminUser: 'owner', adminPassword: 'secret', logger: redis.logger }));
    const readWeek = async () => ownerStatsSchema.parse(await (await fetch(`${dashboardUrl}/admin/stats?range=7d`, { headers: { authorization } })).json());
    const before = await readWeek();
    const firstDay = shiftedDay(zonedDay(Date.now(), 'Europe/Paris'), -6);
    expect(before.days).toHaveLength(7);
    expect(before.days[0]).toBe(firstDay);
    expect(before.from).toBe(new Date(zonedDayStart(firstDay, 'Europe/Paris')).toISOString());
    const conversations = createPgStores(database.pool).conversations;
    // Seven 24-hour days ago plus a minute: inside a rolling 168 hours, but on the day before the seven.
    const dayBefore = new Date(Date.now() - 7 * 86_400_000 + 60_000).toISOString();
    const firstMinute = new Date(zonedDayStart(firstDay, 'Europe/Paris') + 60_000).toISOString();
    for (const [conversationId, at] of [['week-day-before', dayBefore], ['week-first-minute', firstMinute]] as const) {
      await conversations.persistExchange(chatExchangeFixture({ jobId: `job-${randomUUID()}`, conversationId, agent: 'audrey', userSentAt: at, answeredAt: at }));
    }
    const after = await readWeek();
    expect(after.messages.answered).toBe(before.messages.answered + 1);
    expect(after.messages.per_day.reduce((sum, row) => sum + row.answered, 0)).toBe(after.messages.answered);
    expect(after.messages.per_day[0]!.answered).toBe(before.messages.per_day[0]!.answered + 1);
  });

  it('gives the Audrey/Carole balance as a share of their two answers, and says so beside the shares of every answer', async () => {
    const conversations = createPgStores(database.pool).conversations;
    const now = new Date().toISOString();
    for (const [agent, count] of [['audrey', 4], ['carole', 3], ['escalate', 1]] as const) {
      for (let index = 0; index < count; index += 1) {
        await conversations.persistExchange(chatExchangeFixture({ jobId: `job-${randomUUID()}`, conversationId: `balance-${agent}`, agent, escalated: agent === 'escalate', userSentAt: now, answeredAt: now }));
      }
    }
    const dashboardUrl = await listen(createOwnerDashboardApp({ stats: ownerStats.service, adminUser: 'owner', adminPassword: 'secret', logger: redis.logger }));
    const stats = ownerStatsSchema.parse(await (await fetch(`${dashboardUrl}/admin/stats`, { headers: { authorization } })).json());
    expect(stats.messages.answered).toBe(8);
    expect([stats.agents.audrey.share, stats.agents.carole.share]).toEqual([0.5, 0.375]);
    expect(stats.checklist.find((item) => item.id === 'agent_balance')).toMatchObject({
      status: 'green',
      value: 'Audrey 57,1 % · Carole 42,9 % des 7 réponses d’Audrey et Carole',
    });
  });
});
