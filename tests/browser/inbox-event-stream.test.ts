/**
 * The operators' event stream in Chromium when it fails, when the tab is hidden and when it goes
 * silent, against the API stack of the HTTP tests, through a TCP proxy that can cut or blackhole the
 * streams (support/stream-cutting-proxy.ts). Each case is a defect found by reading the inbox:
 *
 * - a stream that failed was opened again every 3 s forever: now 3 s, then twice as long each time
 *   up to 60 s, and 3 s again once a stream lived through a heartbeat interval (its second ping);
 * - after a 401 (logged out in another tab, credentials withdrawn) too: now it stops and the page
 *   says, in French, to log in again;
 * - in a hidden tab the stream and the failed reads were tried again all the same: now they wait,
 *   and run at once when the tab is shown again;
 * - a stream a proxy held open without passing anything on still said "En direct": the server now
 *   sends a `ping` event every heartbeat interval, and the page opens the stream again after two
 *   silent intervals, saying "Reconnexion…" meanwhile.
 *
 * The page's timers run on Playwright's clock: the test moves it a second at a time and waits for
 * what each second started (a stream opened, its check answered), never for the page's delays.
 * Skipped, with a message, only when no chromium is installed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromiumExecutable, type HeadlessChromium, type Page } from '../../packages/widget/src/testing/headless-chromium.ts';
import type { TestApi } from '../../services/api/src/testing/api-test-harness.ts';
import { escalatedVisitor } from './support/escalated-visitor.ts';
import { INBOX_OPERATOR_PASSWORD, startInboxBrowserStack, type InboxBrowserStack } from './support/inbox-browser-stack.ts';
import { startStreamCuttingProxy, type StreamCuttingProxy } from './support/stream-cutting-proxy.ts';
import { countStreamPings, pingsOfLatestStream } from './support/event-source-pings.ts';
import { pausePageClock, runPageSecond } from './support/page-clock.ts';
import { waitUntilInboxLive } from './support/operator-inbox-tab.ts';

const chromiumPath = findChromiumExecutable();
if (!chromiumPath) process.stdout.write('\n[inbox event stream browser test] SKIPPED: no chromium found (CHROMIUM_PATH, /usr/bin/chromium).\n\n');

const STREAM_PATH = '/admin/conversations/events';
/** The API's heartbeat here: silence is two of them (plus a second). */
const HEARTBEAT_MS = 1_000;

describe.skipIf(!chromiumPath)('the operators’ event stream: failing, refused, hidden, silent', () => {
  let stack: InboxBrowserStack;
  let api: TestApi;
  let chromium: HeadlessChromium;
  let proxy: StreamCuttingProxy;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    stack = await startInboxBrowserStack('inbox-event-stream', chromiumPath!, { sseHeartbeatMs: HEARTBEAT_MS });
    ({ api, chromium } = stack);
    proxy = await startStreamCuttingProxy({ targetPort: Number(new URL(api.baseUrl).port), streamPath: STREAM_PATH });
  }, 300_000);

  afterAll(async () => {
    await proxy?.close();
    await stack?.close();
  }, 120_000);

  /** A new operator's tab on the inbox through the proxy; `beforeLoad` runs before the page loads (a clock, routes). */
  async function operatorPage(beforeLoad?: (page: Page) => Promise<void>): Promise<Page> {
    const context = await chromium.browser.newContext({ viewport: { width: 1280, height: 820 }, locale: 'fr-FR', httpCredentials: { username: 'admin', password: INBOX_OPERATOR_PASSWORD } });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await beforeLoad?.(page);
    await page.goto(`${proxy.url}/admin/inbox`);
    return page;
  }
  const streamUrl = () => `${proxy.url}${STREAM_PATH}`;
  const refuseStreams = (page: Page, onAttempt: () => void) =>
    page.route(streamUrl(), (route) => {
      onAttempt();
      return route.fulfill({ status: 502, contentType: 'text/html', body: 'Bad Gateway' });
    });
  /** The page's clock stopped where it is: from here it moves only by `runFor`. */
  const pauseClock = pausePageClock;
  /** The page's streams the test got so far: `refused` at its route, the rest through the proxy since `proxyBefore`. */
  const streamsSeenBy = (refused: () => number, proxyBefore: number) => () => refused() + proxy.streamsOpened() - proxyBefore;
  /** The read the page makes after a stream failed (is this tab still logged in?), counted when answered. */
  const countChecks = (page: Page) => {
    const counter = { answered: 0 };
    page.on('requestfinished', (request) => {
      if (request.url().endsWith('/admin/conversations?state=waiting_human&limit=1')) counter.answered += 1;
    });
    return counter;
  };
  /** Hides or shows the tab, as the browser does when the operator switches tabs. */
  const setHidden = (page: Page, hidden: boolean) =>
    page.evaluate((hide) => {
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (hide ? 'hidden' : 'visible') });
      Object.defineProperty(document, 'hidden', { configurable: true, get: () => hide });
      document.dispatchEvent(new Event('visibilitychange'));
    }, hidden);

  it('a stream refused again and again is opened again after 3 s, then twice as long each time up to a minute; 3 s again once one lived a heartbeat', async () => {
    const attemptsAtMs: number[] = [];
    let pageTimeMs = 0;
    let checks = { answered: 0 };
    let cuts = 0;
    const streamsSeen = streamsSeenBy(() => attemptsAtMs.length, proxy.streamsOpened());
    const operator = await operatorPage(async (page) => {
      checks = countChecks(page);
      await countStreamPings(page);
      await page.clock.install();
      await refuseStreams(page, () => attemptsAtMs.push(pageTimeMs));
    });
    // Each stream lost (refused, or cut) is followed by one check: once answered, the page has set its next attempt.
    const settled = () => checks.answered >= attemptsAtMs.length + cuts;
    await expect.poll(() => attemptsAtMs.length, { timeout: 20_000 }).toBe(1);
    await operator.waitForSelector('#connection[data-state="connecting"]');
    await pauseClock(operator);
    for (let second = 1; second <= 150 && attemptsAtMs.length <= 7; second += 1) {
      pageTimeMs += 1_000;
      await runPageSecond(operator, { streamsSeen, settled });
    }
    const gapsSeconds = attemptsAtMs.slice(1).map((at, index) => Math.round((at - attemptsAtMs[index]!) / 1_000));
    // Every 3 s, this was 50 attempts in 150 s: now 3, 6, 12, 24, 48, 60 apart (to the second the test steps by).
    expect(gapsSeconds.length).toBeLessThanOrEqual(6);
    expect(gapsSeconds.length).toBeGreaterThanOrEqual(5);
    for (const [index, expected] of [3, 6, 12, 24, 48].entries()) expect(Math.abs(gapsSeconds[index]! - expected)).toBeLessThanOrEqual(1);

    // The stream comes back and lives through a heartbeat interval: the next failure is tried again after 3 s, not a minute.
    await operator.unroute(streamUrl());
    const opened = proxy.streamsOpened();
    for (let second = 1; second <= 61 && proxy.streamsOpened() === opened; second += 1) await runPageSecond(operator, { streamsSeen, settled });
    await waitUntilInboxLive(operator);
    await expect.poll(() => pingsOfLatestStream(operator), { timeout: 20_000 }).toBeGreaterThanOrEqual(2);
    const attemptsBefore = attemptsAtMs.length;
    await refuseStreams(operator, () => attemptsAtMs.push(pageTimeMs));
    const cutAtMs = pageTimeMs;
    cuts += 1;
    proxy.cutStreams();
    await operator.waitForSelector('#connection[data-state="connecting"]');
    await expect.poll(settled, { timeout: 3_000 }).toBe(true).catch(() => undefined);
    for (let second = 1; second <= 10 && attemptsAtMs.length === attemptsBefore; second += 1) {
      pageTimeMs += 1_000;
      await runPageSecond(operator, { streamsSeen, settled });
    }
    expect(attemptsAtMs.length).toBe(attemptsBefore + 1);
    expect(attemptsAtMs[attemptsBefore]! - cutAtMs).toBeLessThanOrEqual(4_000);
    await operator.context().close();
  }, 180_000);

  it('a stream refused with 401 (logged out in another tab) is not opened again: the page says in French to log in again', async () => {
    let refused = 0;
    const streamsSeen = streamsSeenBy(() => refused, proxy.streamsOpened());
    const operator = await operatorPage(async (page) => {
      await countStreamPings(page);
      await page.clock.install();
    });
    await waitUntilInboxLive(operator);
    const unauthorized = { status: 401, contentType: 'application/json', body: JSON.stringify({ error: { code: 'unauthorized', message: 'Identifiants requis.' } }) };
    await operator.route(streamUrl(), (route) => {
      refused += 1;
      return route.fulfill(unauthorized);
    });
    await operator.route((url) => url.pathname === '/admin/conversations', (route) => route.fulfill(unauthorized));
    const streamsBefore = proxy.streamsOpened();
    proxy.cutStreams();
    await operator.waitForSelector('#signed-out:visible');
    expect(await operator.locator('#signed-out').textContent()).toContain('Tu n’es plus connecté·e');
    expect(await operator.locator('#signed-out a').getAttribute('href')).toBe('/admin/inbox');
    expect(await operator.locator('#connection').textContent()).toBe('Déconnecté·e');
    // Every 3 s before: twenty more attempts in the minute (of the page's time) that follows.
    await pauseClock(operator);
    for (let second = 1; second <= 60; second += 1) await runPageSecond(operator, { streamsSeen });
    expect({ refused: refused <= 1, streamsOpened: proxy.streamsOpened() - streamsBefore }).toEqual({ refused: true, streamsOpened: 0 });
    await operator.context().close();
  }, 60_000);

  it('in a hidden tab neither the stream nor a failed read is tried again; shown again, both at once', async () => {
    let streamAttempts = 0;
    let detailReads = 0;
    const streamsSeen = streamsSeenBy(() => streamAttempts, proxy.streamsOpened());
    let checks = { answered: 0 };
    const operator = await operatorPage(async (page) => {
      checks = countChecks(page);
      await countStreamPings(page);
      await page.clock.install();
    });
    await operator.locator('#operator-name').fill('Léa');
    await waitUntilInboxLive(operator);
    const visitor = await escalatedVisitor(api.baseUrl, 'hidden');
    const detailUrl = `${proxy.url}/admin/conversations/${encodeURIComponent(visitor.conversationId)}`;
    await operator.locator(`#conversations button[data-conversation-id="${visitor.conversationId}"]`).click();
    await operator.waitForSelector(`#conversation-title:has-text("${visitor.conversationId}")`);
    await operator.route(detailUrl, (route) => {
      detailReads += 1;
      return route.abort('internetdisconnected');
    });
    await visitor.say('Écrit pendant que l’onglet est caché');
    await expect.poll(() => detailReads, { timeout: 20_000 }).toBeGreaterThan(0);
    await operator.waitForSelector('#connection[data-state="stale"]');
    await pauseClock(operator);
    await setHidden(operator, true);
    await refuseStreams(operator, () => (streamAttempts += 1));
    const checksBefore = checks.answered;
    proxy.cutStreams();
    await operator.waitForSelector('#connection[data-state="connecting"]');
    // The check after the failure answered: a page that ignored the hidden tab would now set its reopen.
    await expect.poll(() => checks.answered, { timeout: 20_000 }).toBeGreaterThan(checksBefore);
    const [streamsBefore, readsBefore] = [streamAttempts, detailReads];
    for (let second = 1; second <= 90; second += 1) await runPageSecond(operator, { streamsSeen });
    // A read sent in the last seconds reaches its route meanwhile.
    await new Promise((resolve) => setTimeout(resolve, 500));
    // Before: the stream every 3 s and the read every 15 s, for a tab nobody looked at.
    expect({ streamAttempts: streamAttempts - streamsBefore, detailReads: detailReads - readsBefore }).toEqual({ streamAttempts: 0, detailReads: 0 });

    await operator.unroute(streamUrl());
    await operator.unroute(detailUrl);
    const opened = proxy.streamsOpened();
    await setHidden(operator, false);
    // At once: the page's clock does not move, no timer of theirs could have fired.
    await operator.waitForSelector('#transcript li.visitor:has-text("Écrit pendant que l’onglet est caché")');
    await expect.poll(() => proxy.streamsOpened(), { timeout: 20_000 }).toBe(opened + 1);
    await waitUntilInboxLive(operator);
    await operator.context().close();
  }, 120_000);

  it('a stream a proxy holds open without passing anything on says "Reconnexion…", is opened again, and follows new cases', async () => {
    const streamsSeen = streamsSeenBy(() => 0, proxy.streamsOpened());
    let checks = { answered: 0 };
    const operator = await operatorPage(async (page) => {
      checks = countChecks(page);
      await countStreamPings(page);
      await page.clock.install();
    });
    await waitUntilInboxLive(operator);
    const opened = proxy.streamsOpened();
    const checksBefore = checks.answered;
    // From here the page's time moves only a second at a time: the stream's silence is counted on it.
    await pauseClock(operator);
    proxy.silenceStreams();
    const connecting = () => operator.locator('#connection[data-state="connecting"]').count();
    for (let second = 1; second <= 10 && (await connecting()) === 0; second += 1) await runPageSecond(operator, { streamsSeen });
    // Nothing for two heartbeats (and a second): the page says it, then opens the stream again after 3 s.
    await operator.waitForSelector('#connection[data-state="connecting"]');
    expect(await operator.locator('#connection').textContent()).toBe('Reconnexion…');
    const settled = () => checks.answered > checksBefore;
    await expect.poll(settled, { timeout: 20_000 }).toBe(true);
    for (let second = 1; second <= 10 && proxy.streamsOpened() === opened; second += 1) await runPageSecond(operator, { streamsSeen, settled });
    expect(proxy.streamsOpened()).toBe(opened + 1);
    await operator.clock.resume();
    await waitUntilInboxLive(operator);
    const visitor = await escalatedVisitor(api.baseUrl, 'silent');
    await operator.locator(`#conversations button[data-conversation-id="${visitor.conversationId}"]`).waitFor();
    expect(pageErrors).toEqual([]);
    await operator.context().close();
  }, 60_000);
});
