/**
 * The operators' event stream in Chromium, reopened after a failure: two defects found by review.
 *
 * - The delay before opening a stream again started over at 3 s on the stream's first `ping`, which
 *   the server writes as the stream opens: a stream that opens and ends at once (an instance shutting
 *   down, a proxy cutting it) was opened again every 3 s forever, with a check and the page's reads
 *   each time. The delay now starts over only once a stream lived through a heartbeat interval.
 * - Before opening it again the page checks it is still logged in: a check that never answered (a
 *   request hanging on a dead connection after a laptop woke up) kept the stream closed for good. The
 *   check is now aborted after 10 s and the stream opened again.
 *
 * - After minutes offline the delay had grown to a minute: the browser back online, the stream
 *   stayed closed (events missed) until it ran out. The `online` event now opens it at once.
 *
 * The page's timers run on Playwright's clock, stopped: the first two cases move it a second at a
 * time and wait for what each second started (a stream opened, its check answered), never for the
 * page's delays themselves (they waited 21 s and 13 s of real time). The third never moves it: only
 * the `online` event can open the stream.
 * Skipped, with a message, only when no chromium is installed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromiumExecutable, type HeadlessChromium, type Page } from '../../packages/widget/src/testing/headless-chromium.ts';
import type { TestApi } from '../../services/api/src/testing/api-test-harness.ts';
import { INBOX_OPERATOR_PASSWORD, startInboxBrowserStack, type InboxBrowserStack } from './support/inbox-browser-stack.ts';
import { countStreamPings } from './support/event-source-pings.ts';
import { pausePageClock, runPageSecond } from './support/page-clock.ts';
import { waitUntilInboxLive } from './support/operator-inbox-tab.ts';

const chromiumPath = findChromiumExecutable();
if (!chromiumPath) process.stdout.write('\n[inbox stream reopening browser test] SKIPPED: no chromium found (CHROMIUM_PATH, /usr/bin/chromium).\n\n');

const STREAM_PATH = '/admin/conversations/events';
const CHECK_PATH_AND_QUERY = '/admin/conversations?state=waiting_human&limit=1';
/** A stream that opens, says its heartbeat as the API does, and ends at once. */
const STREAM_ENDING_AT_ONCE = `retry: 2000\n\nevent: ping\ndata: ${JSON.stringify({ heartbeat_ms: 1_000 })}\n\n`;

describe.skipIf(!chromiumPath)('the operators’ event stream, opened again after a failure', () => {
  let stack: InboxBrowserStack;
  let api: TestApi;
  let chromium: HeadlessChromium;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    stack = await startInboxBrowserStack('inbox-stream-reopening', chromiumPath!, { sseHeartbeatMs: 1_000 });
    ({ api, chromium } = stack);
  }, 300_000);

  afterAll(async () => {
    await stack?.close();
  }, 120_000);

  /** An operator's tab on the inbox whose streams open, ping once and end; `onAttempt()` on each attempt. */
  async function operatorPageWithEndingStreams(onAttempt: () => void, beforeLoad?: (page: Page) => Promise<void>): Promise<Page> {
    const context = await chromium.browser.newContext({ locale: 'fr-FR', httpCredentials: { username: 'admin', password: INBOX_OPERATOR_PASSWORD } });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.route(`${api.baseUrl}${STREAM_PATH}`, (route) => {
      onAttempt();
      return route.fulfill({ status: 200, headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-store' }, body: STREAM_ENDING_AT_ONCE });
    });
    await beforeLoad?.(page);
    await page.goto(`${api.baseUrl}/admin/inbox`);
    return page;
  }

  it('a stream that opens, pings and ends at once is opened again after 3, 6, 12 s: not every 3 s', async () => {
    const attemptsAtMs: number[] = [];
    let pageTimeMs = 0;
    let checksAnswered = 0;
    const operator = await operatorPageWithEndingStreams(() => attemptsAtMs.push(pageTimeMs), async (page) => {
      page.on('requestfinished', (request) => {
        if (request.url().endsWith(CHECK_PATH_AND_QUERY)) checksAnswered += 1;
      });
      await countStreamPings(page);
      await page.clock.install();
    });
    await pausePageClock(operator);
    // Each stream is followed by one check: once answered, the page has set its next attempt.
    const settled = () => checksAnswered >= attemptsAtMs.length;
    // The page's first stream (after its first read of the list: slow on a loaded machine), then three more.
    await expect.poll(() => attemptsAtMs.length >= 1 && settled(), { timeout: 60_000, interval: 250 }).toBe(true);
    for (let second = 1; second <= 40 && attemptsAtMs.length < 4; second += 1) {
      pageTimeMs += 1_000;
      await runPageSecond(operator, { streamsSeen: () => attemptsAtMs.length, settled });
    }
    expect(attemptsAtMs.length).toBeGreaterThanOrEqual(4);
    const gapsMs = attemptsAtMs.slice(1, 4).map((at, index) => at - attemptsAtMs[index]!);
    // Every 3 s (and a check) before: 3, 3, 3. Now 3, 6, 12 (to the second the test steps by).
    expect(gapsMs.map((gap, index) => Math.abs(gap - [3_000, 6_000, 12_000][index]!) <= 1_000)).toEqual([true, true, true]);
    expect(pageErrors).toEqual([]);
    await operator.context().close();
  }, 150_000);

  it('a check after the failure that never answers is given up after 10 s: the stream is opened again', async () => {
    const attemptsAtMs: number[] = [];
    let pageTimeMs = 0;
    const checksFailed: string[] = [];
    const operator = await operatorPageWithEndingStreams(() => attemptsAtMs.push(pageTimeMs), async (page) => {
      // The check hangs, as on a dead connection: never answered.
      await page.route(`${api.baseUrl}${CHECK_PATH_AND_QUERY}`, () => undefined);
      page.on('requestfailed', (request) => {
        if (request.url().endsWith(CHECK_PATH_AND_QUERY)) checksFailed.push(request.failure()?.errorText ?? '');
      });
      await countStreamPings(page);
      await page.clock.install();
    });
    await pausePageClock(operator);
    await expect.poll(() => attemptsAtMs.length, { timeout: 60_000 }).toBeGreaterThanOrEqual(1);
    await operator.waitForSelector('#connection[data-state="connecting"]');
    // Before: the page waited for the check for good, and never opened the stream again.
    for (let second = 1; second <= 45 && attemptsAtMs.length < 2; second += 1) {
      pageTimeMs += 1_000;
      await runPageSecond(operator, { streamsSeen: () => attemptsAtMs.length });
    }
    expect(attemptsAtMs.length).toBeGreaterThanOrEqual(2);
    // Not before the check's 10 s (then the first delay, 3 s).
    expect(attemptsAtMs[1]! - attemptsAtMs[0]!).toBeGreaterThanOrEqual(10_000);
    // The hanging check was aborted, not left holding one of the browser's connections to the server.
    await expect.poll(() => checksFailed.length, { timeout: 5_000 }).toBeGreaterThanOrEqual(1);
    expect(await operator.locator('#signed-out').isHidden()).toBe(true);
    expect(pageErrors).toEqual([]);
    await operator.context().close();
  }, 150_000);

  it('back online, a stream waiting for its (grown) delay is opened at once', async () => {
    const attemptsAtMs: number[] = [];
    let checksAnswered = 0;
    const operator = await operatorPageWithEndingStreams(() => attemptsAtMs.push(Date.now()), async (page) => {
      page.on('requestfinished', (request) => {
        if (request.url().endsWith(CHECK_PATH_AND_QUERY)) checksAnswered += 1;
      });
      await page.clock.install();
    });
    await expect.poll(() => attemptsAtMs.length, { timeout: 60_000 }).toBeGreaterThanOrEqual(1);
    await pausePageClock(operator);
    // Attempts 3, 6 and 12 s apart on the page's clock: the next one waits 24 s.
    for (let second = 1; second <= 40 && attemptsAtMs.length < 4; second += 1) {
      await expect.poll(() => checksAnswered, { timeout: 10_000 }).toBe(attemptsAtMs.length);
      await operator.clock.runFor(1_000);
    }
    await expect.poll(() => checksAnswered, { timeout: 10_000 }).toBe(4);
    await operator.unroute(`${api.baseUrl}${STREAM_PATH}`);
    await operator.context().setOffline(true);
    await operator.context().setOffline(false);
    // The page's clock stands still: no timer of the page opens the stream, only its `online` event.
    await waitUntilInboxLive(operator);
    expect(pageErrors).toEqual([]);
    await operator.context().close();
  }, 120_000);
});
