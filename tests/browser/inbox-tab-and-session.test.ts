/**
 * The operators' inbox in Chromium: what the tab says and keeps, against the API stack of the HTTP
 * tests. Each case is a defect found by reading the inbox:
 *
 * - the tab's title counted the waiting cases among those the list showed: with the "Tenues par une
 *   personne" filter a visitor waiting was not counted (the operator in another tab saw none);
 * - a link `#conversation=<id>` pasted into the inbox already open changed the address only;
 * - the name typed with the shared login stayed in the browser after a logout: the next operator of
 *   a shared browser found it typed in, and joined and replied under it;
 * - the list's excerpt labelled the "nobody is available" notice "Réponse :", as if someone answered.
 *
 * Skipped, with a message, only when no chromium is installed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromiumExecutable, type HeadlessChromium, type Page } from '../../packages/widget/src/testing/headless-chromium.ts';
import type { TestApi } from '../../services/api/src/testing/api-test-harness.ts';
import { escalatedVisitor } from './support/escalated-visitor.ts';
import { INBOX_OPERATOR_PASSWORD, startInboxBrowserStack, type InboxBrowserStack } from './support/inbox-browser-stack.ts';
import { inboxListItem, openOperatorInboxTab, waitUntilInboxLive } from './support/operator-inbox-tab.ts';
import { hurryPageClockUntil } from './support/page-clock.ts';

const chromiumPath = findChromiumExecutable();
if (!chromiumPath) process.stdout.write('\n[inbox tab and session browser test] SKIPPED: no chromium found (CHROMIUM_PATH, /usr/bin/chromium).\n\n');

const TITLE = 'Boîte de réception — conversations';

describe.skipIf(!chromiumPath)('the inbox’s tab: its title, its address, its name, its excerpts', () => {
  let stack: InboxBrowserStack;
  let api: TestApi;
  let chromium: HeadlessChromium;
  const pageErrors: string[] = [];
  const admin = { authorization: `Basic ${Buffer.from(`admin:${INBOX_OPERATOR_PASSWORD}`).toString('base64')}` };

  beforeAll(async () => {
    stack = await startInboxBrowserStack('inbox-tab-session', chromiumPath!);
    ({ api, chromium } = stack);
  }, 300_000);

  afterAll(async () => {
    await stack?.close();
  }, 120_000);

  const operatorPage = () => openOperatorInboxTab(chromium, `${api.baseUrl}/admin/inbox`, { pageErrors });
  const item = inboxListItem;
  const waitingCount = async () => {
    const answer = await fetch(`${api.baseUrl}/admin/conversations?state=waiting_human&limit=200`, { headers: admin });
    return ((await answer.json()) as { count: number }).count;
  };

  it('the tab’s title counts the visitors waiting whatever the list shows, one arriving included', async () => {
    const operator = await operatorPage();
    const first = await escalatedVisitor(api.baseUrl, 'title');
    await item(operator, first.conversationId).waitFor();
    const heldOnly = operator.waitForResponse(`${api.baseUrl}/admin/conversations?state=human&limit=200`);
    await operator.locator('#filter').selectOption('human');
    await heldOnly;
    await expect.poll(() => operator.title(), { timeout: 20_000 }).toBe(`(${await waitingCount()} en attente) ${TITLE}`);
    expect(await item(operator, first.conversationId).count()).toBe(0);
    // Another visitor asks for a person while the list shows the held conversations only.
    await escalatedVisitor(api.baseUrl, 'title');
    const expected = await waitingCount();
    await expect.poll(() => operator.title(), { timeout: 20_000 }).toBe(`(${expected} en attente) ${TITLE}`);
    await operator.context().close();
  });

  it('a link to a conversation pasted into the open inbox opens it', async () => {
    const operator = await operatorPage();
    const [first, second] = [await escalatedVisitor(api.baseUrl, 'link'), await escalatedVisitor(api.baseUrl, 'link')];
    await item(operator, first.conversationId).click();
    await operator.waitForSelector(`#conversation-title:has-text("${first.conversationId}")`);
    // The colleague's link, pasted into the address bar: the same page, another hash (no reload).
    await operator.goto(`${api.baseUrl}/admin/inbox#conversation=${encodeURIComponent(second.conversationId)}`);
    await operator.waitForSelector(`#conversation-title:has-text("${second.conversationId}")`);
    expect(await item(operator, second.conversationId).getAttribute('aria-current')).toBe('true');
    await operator.context().close();
  });

  it('the list labels the "nobody is available" notice as a notice, not as an answer', async () => {
    const visitor = await escalatedVisitor(api.baseUrl, 'notice');
    const detailUrl = `${api.baseUrl}/admin/conversations/${encodeURIComponent(visitor.conversationId)}`;
    const { version } = (await (await fetch(detailUrl, { headers: admin })).json()) as { version: number };
    // What the handover worker stores when nobody joined in time (HANDOVER_OPERATOR_WAIT_SECONDS, an hour here).
    const notice = 'Personne de l’équipe n’est disponible pour le moment : nous te répondrons dès que possible.';
    const stored = await stack.database.pool.query('SELECT * FROM handover_system_notice($1, $2, $3, $4, $5)', [visitor.conversationId, 'waiting_human', version, `notice-${visitor.conversationId}`, notice]);
    expect(stored.rowCount).toBe(1);
    // Nobody came: a colleague closes the case; it is listed with the notice as its last message.
    const closed = await fetch(`${detailUrl}/close`, { method: 'POST', headers: { ...admin, 'content-type': 'application/json' }, body: JSON.stringify({ operator_name: 'Léa' }) });
    expect(closed.status).toBe(200);
    const operator = await operatorPage();
    await operator.locator('#filter').selectOption('closed');
    await expect.poll(() => item(operator, visitor.conversationId).locator('.excerpt').textContent(), { timeout: 20_000 }).toBe(`Message automatique : ${notice}`);
    await operator.context().close();
  });

  it('a first read of the list that fails is read again, and the header says where the screen stands, not the raw error', async () => {
    const visitor = await escalatedVisitor(api.baseUrl, 'first-read');
    const context = await chromium.browser.newContext({ viewport: { width: 1280, height: 820 }, locale: 'fr-FR', httpCredentials: { username: 'admin', password: INBOX_OPERATOR_PASSWORD } });
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    // The page's very first read of the list is answered 401, as after credentials withdrawn meanwhile.
    let refused = 0;
    await page.route((url) => url.pathname === '/admin/conversations', (route) => {
      if (refused > 0) return route.continue();
      refused += 1;
      return route.fulfill({ status: 401, contentType: 'application/json', body: JSON.stringify({ error: { code: 'unauthorized', message: 'Identifiants requis.' } }) });
    });
    await page.goto(`${api.baseUrl}/admin/inbox`);
    await page.waitForSelector('#connection[data-state="signed_out"]');
    expect(await page.locator('#connection').textContent()).toBe('Déconnecté·e');
    await context.close();
    // A first read that never reaches the server is tried again without waiting for an event.
    const second = await chromium.browser.newContext({ viewport: { width: 1280, height: 820 }, locale: 'fr-FR', httpCredentials: { username: 'admin', password: INBOX_OPERATOR_PASSWORD } });
    const operator = await second.newPage();
    operator.on('pageerror', (error) => pageErrors.push(error.message));
    await operator.clock.install();
    let dropped = 0;
    await operator.route((url) => url.pathname === '/admin/conversations', (route) => {
      if (dropped > 0) return route.continue();
      dropped += 1;
      return route.abort('internetdisconnected');
    });
    // No event reaches it either: the stream is refused once, so only a retry of the read can fill the list.
    await operator.route((url) => url.pathname === '/admin/conversations/events', (route) => route.fulfill({ status: 502, contentType: 'text/html', body: 'Bad Gateway' }));
    await operator.goto(`${api.baseUrl}/admin/inbox`);
    // Read again after its delay (2 s): moved on by the page's clock once the first read was dropped.
    await expect.poll(() => dropped, { timeout: 20_000 }).toBe(1);
    await hurryPageClockUntil(operator, () => item(operator, visitor.conversationId).isVisible());
    await item(operator, visitor.conversationId).waitFor({ timeout: 20_000 });
    // The stream never opened: the header says the page is still connecting, not reconnecting, nor the raw error.
    await expect.poll(() => operator.locator('#connection').textContent()).toBe('Connexion…');
    await second.close();
  });

  it('a logout forgets the name typed: the next operator of the browser finds the field empty', async () => {
    const operator = await operatorPage();
    await operator.locator('#operator-name').fill('Léa');
    await operator.locator('#operator-name').press('Tab'); // kept when changed
    expect(await operator.evaluate(() => localStorage.getItem('lac_operator_name'))).toBe('Léa');
    await operator.locator('#logout').click();
    await operator.waitForURL(`${api.baseUrl}/admin/logged-out`);
    expect(await operator.evaluate(() => localStorage.getItem('lac_operator_name'))).toBeNull();
    // The next operator logs in in this browser (the context's credentials).
    await operator.goto(`${api.baseUrl}/admin/inbox`);
    await waitUntilInboxLive(operator);
    expect(await operator.locator('#operator-name').inputValue()).toBe('');
    expect(pageErrors).toEqual([]);
    await operator.context().close();
  });
});
