/**
 * The owner's dashboard page (/admin/dashboard) in Chromium, on the dashboard's own app over a
 * migrated PGlite database and the real Redis: what the owner reads in the tiles, the checklist and
 * the team chart, for stored answers of each agent and the team's hand-over activity.
 * (tests/e2e/owner-stats.test.ts checks the page against a burst through the whole product.)
 *
 * Skipped, with a message, only when no chromium is installed.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOwnerStats, createPgStores, pgFunctionCaller, PgStatsStore, SqlFunctionHandoverStore } from '@lac/core';
import {
  chatExchangeFixture,
  createRedisTestContext,
  playTeamActivity,
  startTemporaryDatabase,
  teamActivityCounts,
  type RedisTestContext,
  type TemporaryDatabase,
} from '@lac/core/testing';
import { createOwnerDashboardApp } from '../../services/api/src/admin/owner-dashboard/owner-dashboard-app.ts';
import { findChromiumExecutable, launchHeadlessChromium, type HeadlessChromium, type Page } from '../../packages/widget/src/testing/headless-chromium.ts';

const chromiumPath = findChromiumExecutable();
if (!chromiumPath) {
  process.stdout.write('\n[owner dashboard page test] SKIPPED: no chromium found (CHROMIUM_PATH, /usr/bin/chromium).\n\n');
}

/** Answers stored per agent: 4 + 3 + 1 = 8 answers of the agents. */
const ANSWERS = { audrey: 4, carole: 3, escalate: 1 } as const;

describe.skipIf(!chromiumPath)('the owner dashboard page in Chromium', () => {
  let database: TemporaryDatabase;
  let redis: RedisTestContext;
  let queue: Queue;
  let server: Server;
  let chromium: HeadlessChromium;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    database = await startTemporaryDatabase();
    redis = createRedisTestContext('owner-dashboard-page');
    queue = new Queue('chat', { connection: redis.redis, prefix: redis.prefix });
    const conversations = createPgStores(database.pool).conversations;
    const now = new Date().toISOString();
    for (const agent of ['audrey', 'carole', 'escalate'] as const) {
      for (let index = 0; index < ANSWERS[agent]; index += 1) {
        await conversations.persistExchange(
          chatExchangeFixture({ jobId: `job-${randomUUID()}`, conversationId: `page-${agent}`, agent, escalated: agent === 'escalate', userSentAt: now, answeredAt: now }),
        );
      }
    }
    await playTeamActivity(new SqlFunctionHandoverStore(pgFunctionCaller(database.pool)));
    const ownerStats = createOwnerStats({
      config: { QUEUE_PREFIX: redis.prefix, DAILY_BUDGET_USD: 2, BUDGET_RESERVATION_TTL_MS: 60_000, DASHBOARD_TIME_ZONE: 'Europe/Paris' },
      redis: redis.redis,
      queue,
      store: new PgStatsStore(database.pool),
      logger: redis.logger,
    });
    server = createOwnerDashboardApp({ stats: ownerStats.service, adminUser: 'owner', adminPassword: 'secret', logger: redis.logger }).listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    chromium = await launchHeadlessChromium(chromiumPath!);
    const context = await chromium.browser.newContext({ viewport: { width: 1280, height: 900 }, httpCredentials: { username: 'owner', password: 'secret' } });
    page = await context.newPage();
    page.setDefaultTimeout(10_000);
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/admin/dashboard?range=24h`);
    await page.locator('[data-chart="cost"][data-ready="true"]').waitFor({ timeout: 30_000 });
  }, 120_000);

  afterAll(async () => {
    await chromium?.close();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    await queue?.close();
    await redis?.cleanup();
    await database?.stop();
  });

  const figure = async (name: string) => ({
    label: await page.locator(`[data-figure="${name}"] dt`).textContent(),
    value: await page.locator(`[data-figure="${name}"] dd`).textContent(),
  });

  it('gives each agent one share on the page, of Audrey\'s and Carole\'s answers, in the tiles as in the checklist', async () => {
    expect(await figure('answered')).toEqual({ label: 'Réponses automatiques', value: '8' });
    for (const [agent, label, count, share] of [['audrey', 'Audrey', '4', '57,1'], ['carole', 'Carole', '3', '42,9']] as const) {
      expect(await figure(agent)).toEqual({ label, value: `${count}${share} % des réponses d’Audrey et Carole` });
      expect(await page.locator(`[data-figure="${agent}"] dd small`).textContent()).toBe(`${share} % des réponses d’Audrey et Carole`);
    }
    const balance = page.locator('[data-check-id="agent_balance"]');
    expect(await balance.getAttribute('data-status')).toBe('green');
    expect(await balance.locator('span:not(.light)').textContent()).toBe('Audrey 57,1 % · Carole 42,9 % des 7 réponses d’Audrey et Carole');
  });

  it('shows the conversations the team took over and the replies it sent, in tiles and per day', async () => {
    expect(await figure('taken-over')).toEqual({ label: 'Conversations prises en main par l’équipe', value: String(teamActivityCounts.takenOverConversations) });
    expect(await figure('operator-replies')).toEqual({ label: 'Réponses de l’équipe', value: String(teamActivityCounts.operatorReplies) });
    const marks = await page.locator('[data-chart="team"] [data-series]').evaluateAll((nodes) =>
      nodes.map((node) => ({ series: node.getAttribute('data-series'), value: Number(node.getAttribute('data-value')) })),
    );
    const total = (series: string) => marks.filter((mark) => mark.series === series).reduce((sum, mark) => sum + mark.value, 0);
    expect(total('operator_replies')).toBe(teamActivityCounts.operatorReplies);
    expect(total('taken_over_conversations')).toBeGreaterThanOrEqual(teamActivityCounts.takenOverConversations);
    // Counts are read on whole-number ticks, evenly spaced ("0, 1, 1, 2, 2" or "0, 1, 3, 4, 5" before: fractions rounded).
    for (const chart of ['team', 'messages']) {
      const ticks = await page.locator(`[data-chart="${chart}"] svg text[text-anchor="end"]`).evaluateAll((nodes) => nodes.map((node) => Number(node.textContent)));
      const steps = ticks.slice(1).map((tick, index) => tick - ticks[index]!);
      expect(new Set(steps).size, `${chart}: ${ticks.join(', ')}`).toBe(1);
      expect(steps[0]!, `${chart}: ${ticks.join(', ')}`).toBeGreaterThan(0);
    }
    expect(pageErrors).toEqual([]);
  });

  it('says in which time zone the days are: the agency’s (DASHBOARD_TIME_ZONE, Paris here)', async () => {
    expect(await page.locator('section:has([data-chart="team"]) h2').textContent()).toBe('L’équipe par jour (heure de Paris)');
    expect(await page.locator('section:has([data-chart="cost"]) h2').textContent()).toBe('Coût API par jour et par fournisseur (heure de Paris)');
    expect(await page.locator('#updated').textContent()).toMatch(/^Période : 24 dernières heures · jours : heure de Paris · mis à jour à \d{2}:\d{2}:\d{2}$/);
    // Today is Paris's day for the budget too: the spend check names that zone, not UTC.
    expect(await page.locator('[data-check-id="spend"] strong').textContent()).toBe('Dépenses API du jour (heure de Paris)');
  });

  it('without any answer of Audrey or Carole, their tiles show the count alone (no "— des réponses…")', async () => {
    await page.route('**/admin/stats?range=24h', async (route) => {
      const stats = await (await route.fetch()).json();
      for (const agent of ['audrey', 'carole']) stats.agents[agent] = { ...stats.agents[agent], answers: 0, share: 0 };
      await route.fulfill({ json: stats });
    });
    await page.reload();
    await expect.poll(() => page.locator('[data-figure="audrey"] dd').textContent()).toBe('0');
    expect(await page.locator('[data-figure="carole"] dd small').count()).toBe(0);
    await page.unroute('**/admin/stats?range=24h');
  });

  it('"7 jours" is today and the 6 days before: 7 day labels, and the totals are the sums of those days', async () => {
    await page.goto(page.url().replace('range=24h', 'range=7d'));
    await page.locator('[data-chart="messages"][data-ready="true"]').waitFor();
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
    const firstDay = new Date(Date.parse(`${today}T00:00:00Z`) - 6 * 86_400_000).toISOString().slice(0, 10);
    const short = (day: string) => `${day.slice(8, 10)}/${day.slice(5, 7)}`;
    const labels = await page.locator('[data-chart="messages"] svg > text[text-anchor="middle"]').allTextContents();
    expect(labels).toHaveLength(7);
    expect([labels[0], labels[6]]).toEqual([short(firstDay), short(today)]);
    const answered = await page.locator('[data-chart="messages"] [data-series]').evaluateAll((nodes) => nodes.reduce((sum, node) => sum + Number(node.getAttribute('data-value')), 0));
    expect(answered).toBe(8);
    expect((await figure('answered')).value).toBe('8');
    expect(await page.locator('#updated').textContent()).toMatch(/^Période : aujourd’hui et les 6 jours d’avant · jours : heure de Paris · /);
    expect(pageErrors).toEqual([]);
  });
});
