/**
 * Issue 15, "done when" (2): Debian's Chromium (playwright-core) opens /admin/dashboard with the admin
 * credentials, waits for the charts, and checks that the traffic lights and every chart series match
 * GET /admin/stats; screenshots at phone and desktop widths go to test-results/screenshots/. Without
 * credentials the page answers 401. Skipped, with a message, only when no chromium is installed.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'vitest';
import { ownerStatsSchema, type OwnerStats } from '@lac/core';
import { findChromiumExecutable, launchHeadlessChromium, type Page } from '../../../packages/widget/src/testing/headless-chromium.ts';

const screenshotDir = path.resolve(import.meta.dirname, '../../../test-results/screenshots');

interface DrawnMark {
  series: string;
  day: string;
  value: number;
}

async function marksOf(page: Page, chart: string): Promise<DrawnMark[]> {
  return page.locator(`[data-chart="${chart}"] [data-series]`).evaluateAll((nodes) =>
    nodes.map((node) => ({
      series: node.getAttribute('data-series') ?? '',
      day: node.getAttribute('data-day') ?? '',
      value: Number(node.getAttribute('data-value')),
    })),
  );
}

/** What each chart must draw, from the JSON document. */
function expectedMarks(stats: OwnerStats) {
  const messages = stats.messages.per_day.flatMap((row) =>
    (['audrey', 'carole', 'escalate'] as const).map((series) => ({ series, day: row.day, value: row[series] })),
  );
  const answerTime = stats.answer_time.per_day.flatMap((row) =>
    [
      { series: 'p50', day: row.day, value: row.p50_ms },
      { series: 'p95', day: row.day, value: row.p95_ms },
    ].filter((mark): mark is DrawnMark => mark.value !== null),
  );
  const cost = stats.cost.per_day.flatMap((row) =>
    Object.keys(stats.cost.by_provider)
      .sort()
      .map((series) => ({ series, day: row.day, value: row.providers[series] ?? 0 })),
  );
  return { messages, 'answer-time': answerTime, cost };
}

const sortMarks = (marks: DrawnMark[]) => [...marks].sort((a, b) => `${a.series}${a.day}`.localeCompare(`${b.series}${b.day}`));

export async function checkDashboardInChromium(options: {
  baseUrl: string;
  user: string;
  password: string;
  readStats(): Promise<unknown>;
}): Promise<void> {
  const chromiumPath = findChromiumExecutable();
  if (!chromiumPath) {
    process.stdout.write('\n[owner dashboard browser test] SKIPPED: no chromium found (CHROMIUM_PATH, /usr/bin/chromium).\n\n');
    return;
  }
  await mkdir(screenshotDir, { recursive: true });
  const chromium = await launchHeadlessChromium(chromiumPath);
  try {
    // Without credentials (Chromium itself would stop at its login prompt: ask through its request API).
    const anonymous = await chromium.browser.newContext();
    for (const route of ['/admin/dashboard', '/admin/stats', '/admin/dashboard/app.js']) {
      const refused = await anonymous.request.get(`${options.baseUrl}${route}`);
      expect(refused.status()).toBe(401);
      expect(refused.headers()['www-authenticate']).toMatch(/^Basic/);
    }
    await anonymous.close();

    for (const viewport of [
      { name: 'phone', width: 390, height: 844 },
      { name: 'desktop', width: 1280, height: 900 },
    ]) {
      const context = await chromium.browser.newContext({
        viewport: { width: viewport.width, height: viewport.height },
        httpCredentials: { username: options.user, password: options.password },
      });
      const page = await context.newPage();
      const pageErrors: string[] = [];
      page.on('pageerror', (error) => pageErrors.push(error.message));
      const opened = await page.goto(`${options.baseUrl}/admin/dashboard?range=24h`);
      expect(opened?.status()).toBe(200);
      await page.locator('[data-chart="cost"][data-ready="true"]').waitFor({ timeout: 30_000 });
      const stats = ownerStatsSchema.parse(await options.readStats());

      const lights = await page.locator('[data-check-id]').evaluateAll((nodes) =>
        nodes.map((node) => ({ id: node.getAttribute('data-check-id'), status: node.getAttribute('data-status') })),
      );
      expect(lights).toEqual(stats.checklist.map((item) => ({ id: item.id, status: item.status })));
      const expected = expectedMarks(stats);
      for (const chart of ['messages', 'answer-time', 'cost'] as const) {
        const drawn = sortMarks(await marksOf(page, chart));
        const wanted = sortMarks(expected[chart]);
        expect(drawn.map(({ series, day }) => `${series}@${day}`)).toEqual(wanted.map(({ series, day }) => `${series}@${day}`));
        drawn.forEach((mark, index) => expect(mark.value).toBeCloseTo(wanted[index]!.value, 6));
      }
      expect(await page.locator('[data-figure="queue-failed"] dd').textContent()).toBe(String(stats.live.queue.failed));
      // Nothing wider than the screen: readable on a phone without sideways scrolling.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      expect(pageErrors).toEqual([]);
      const file = path.join(screenshotDir, `owner-dashboard-${viewport.name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      process.stdout.write(`[owner dashboard] screenshot: ${file}\n`);
      await context.close();
    }
  } finally {
    await chromium.close();
  }
}
