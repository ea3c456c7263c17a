/**
 * The operator inbox in Chromium when the operator's screen is under strain, against the API stack
 * of the HTTP tests (real queue engine, worker, database, Redis, the agents' pipeline in local mode);
 * visitors are driven by HTTP. Each case is a defect an operator drill found:
 *
 * - a read of the open conversation that fails (the operator's network dropped while the event
 *   stream still delivered) is tried again, and the header says the screen waits for it: before, the
 *   visitor's message never showed until some later event;
 * - an event stream the browser gave up on (answered 502 by a proxy while the API restarts) is
 *   opened again: before, the inbox said "Reconnexion…" and never followed anything again;
 * - a slow read of one conversation answered after the operator opened another: before, the first
 *   visitor's transcript replaced the second's on screen, under the second's reply box;
 * - every event drew the transcript anew: the operator reading back was thrown to the end and lost
 *   the text they were selecting; the list too: a keyboard user's focus fell out of it; the tab's
 *   title said nothing of a visitor waiting; a waiting case's excerpt was the automatic reply, the
 *   same for every case, not what the visitor asked;
 * - by keyboard, the button pressed to hand back or close became disabled and the focus fell to the
 *   page; an empty reply did nothing, silently;
 * - a slow read of the list answered after the operator chose another filter showed under that filter;
 * - on a phone the open conversation had no width at all (the list kept it); a word longer than a
 *   bubble ran out of it.
 *
 * Skipped, with a message, only when no chromium is installed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromiumExecutable, type HeadlessChromium, type Page } from '../../packages/widget/src/testing/headless-chromium.ts';
import type { TestApi } from '../../services/api/src/testing/api-test-harness.ts';
import { ESCALATING, escalatedVisitor as sharedEscalatedVisitor } from './support/escalated-visitor.ts';
import { INBOX_OPERATOR_PASSWORD, startInboxBrowserStack, type InboxBrowserStack } from './support/inbox-browser-stack.ts';
import { inboxListItem, openOperatorInboxTab, waitUntilInboxLive } from './support/operator-inbox-tab.ts';
import { hurryPageClockUntil } from './support/page-clock.ts';

const chromiumPath = findChromiumExecutable();
if (!chromiumPath) process.stdout.write('\n[inbox operator screen browser test] SKIPPED: no chromium found (CHROMIUM_PATH, /usr/bin/chromium).\n\n');

describe.skipIf(!chromiumPath)('the operator inbox under strain: failed and slow reads, a phone', () => {
  let stack: InboxBrowserStack;
  let api: TestApi;
  let chromium: HeadlessChromium;
  const pageErrors: string[] = [];

  const escalatedVisitor = () => sharedEscalatedVisitor(api.baseUrl, 'screen');

  const operatorPage = (viewport?: { width: number; height: number }, beforeLoad?: (page: Page) => Promise<void>) =>
    openOperatorInboxTab(chromium, `${api.baseUrl}/admin/inbox`, { pageErrors, operatorName: 'Léa', ...(viewport ? { viewport } : {}), ...(beforeLoad ? { beforeLoad } : {}) });
  const item = inboxListItem;
  const detailUrl = (conversationId: string) => `${api.baseUrl}/admin/conversations/${encodeURIComponent(conversationId)}`;

  beforeAll(async () => {
    stack = await startInboxBrowserStack('inbox-screen', chromiumPath!);
    ({ api, chromium } = stack);
  }, 300_000);

  afterAll(async () => {
    await stack?.close();
  }, 120_000);

  it('a read that failed is tried again: the visitor’s message shows without another event, and the header said the screen was behind', async () => {
    const operator = await operatorPage(undefined, (page) => page.clock.install());
    const visitor = await escalatedVisitor();
    await item(operator, visitor.conversationId).click();
    await operator.locator('#join').click();
    await operator.waitForSelector('#send:not([disabled])');
    let failedReads = 0;
    await operator.route(detailUrl(visitor.conversationId), (route) => {
      failedReads += 1;
      return route.abort('internetdisconnected');
    });
    await visitor.say('Message écrit pendant la coupure');
    await expect.poll(() => failedReads, { timeout: 20_000 }).toBeGreaterThan(0);
    await operator.waitForSelector('#connection[data-state="stale"]');
    expect(await operator.locator('#connection').textContent()).toBe('Mise à jour en attente…');
    // A reply sent meanwhile says, in French, that the server was not reached; the draft stays.
    await operator.route(`${detailUrl(visitor.conversationId)}/messages`, (route) => route.abort('internetdisconnected'));
    await operator.locator('#reply-text').fill('Réponse pendant la coupure');
    await operator.locator('#send').click();
    await expect.poll(() => operator.locator('#status').textContent()).toBe(
      'Le serveur n’a pas pu être joint (connexion perdue ?). Réessaie dans un instant : une réponse renvoyée n’est enregistrée qu’une fois.',
    );
    expect(await operator.locator('#reply-text').inputValue()).toBe('Réponse pendant la coupure');
    await operator.unroute(`${detailUrl(visitor.conversationId)}/messages`);
    await operator.unroute(detailUrl(visitor.conversationId));
    const writtenDuringTheCut = operator.locator('#transcript li.visitor:has-text("Message écrit pendant la coupure")');
    await hurryPageClockUntil(operator, () => writtenDuringTheCut.isVisible());
    await writtenDuringTheCut.waitFor();
    await waitUntilInboxLive(operator);
    await operator.locator('#send').click();
    await operator.waitForSelector('#transcript li.human:has-text("Réponse pendant la coupure")');
    await operator.context().close();
  });

  it('an event stream refused once (a proxy’s 502 while the API restarts) is opened again: the screen goes live and follows new cases', async () => {
    const context = await chromium.browser.newContext({ viewport: { width: 1280, height: 820 }, locale: 'fr-FR', httpCredentials: { username: 'admin', password: INBOX_OPERATOR_PASSWORD } });
    const operator = await context.newPage();
    operator.on('pageerror', (error) => pageErrors.push(error.message));
    let refused = 0;
    let checks = 0;
    operator.on('requestfinished', (request) => {
      if (request.url().endsWith('/admin/conversations?state=waiting_human&limit=1')) checks += 1;
    });
    await operator.clock.install();
    // The browser gives up on an event stream answered with an error status (EventSource "fails the connection").
    await operator.route(`${api.baseUrl}/admin/conversations/events`, (route) => {
      if (refused > 0) return route.continue();
      refused += 1;
      return route.fulfill({ status: 502, contentType: 'text/html', body: 'Bad Gateway' });
    });
    await operator.goto(`${api.baseUrl}/admin/inbox`);
    await expect.poll(() => refused).toBe(1);
    // The page checks it is still logged in, then opens the stream again after 3 s: moved on by its clock.
    await expect.poll(() => checks, { timeout: 20_000 }).toBeGreaterThanOrEqual(1);
    const live = () => operator.locator('#connection[data-state="live"]').isVisible();
    await hurryPageClockUntil(operator, live);
    await waitUntilInboxLive(operator);
    const visitor = await escalatedVisitor();
    await item(operator, visitor.conversationId).waitFor();
    await context.close();
  });

  it('a slow read of one conversation, answered after another was opened, never shows in its place', async () => {
    const operator = await operatorPage();
    const [first, second] = [await escalatedVisitor(), await escalatedVisitor()];
    await second.say('Je suis le deuxième visiteur');
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    await operator.route(detailUrl(first.conversationId), async (route) => {
      await released;
      await route.continue();
    });
    await item(operator, first.conversationId).click();
    await item(operator, second.conversationId).click();
    await operator.waitForSelector('#transcript li.visitor:has-text("Je suis le deuxième visiteur")');
    const slowAnswer = operator.waitForResponse(detailUrl(first.conversationId));
    release();
    await slowAnswer;
    // The page has had the slow answer; give its script a turn to (wrongly) show it.
    await operator.evaluate(() => new Promise((resolve) => setTimeout(resolve, 300)));
    expect(await operator.locator('#conversation-title').textContent()).toContain(second.conversationId);
    expect(await operator.locator('#transcript li.visitor').allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('Je suis le deuxième visiteur')]));
    await operator.context().close();
  });

  it('the operator reading back keeps their place when the visitor writes, and a keyboard user keeps their place in the list when a case arrives', async () => {
    const operator = await operatorPage({ width: 1280, height: 600 });
    const visitor = await escalatedVisitor();
    await item(operator, visitor.conversationId).click();
    await operator.locator('#join').click();
    await operator.waitForSelector('#send:not([disabled])');
    for (let index = 1; index <= 8; index += 1) {
      await operator.locator('#reply-text').fill(`Réponse ${index}\nsur deux lignes\net une troisième`);
      await operator.locator('#send').click();
      await operator.waitForSelector(`#transcript li.human:has-text("Réponse ${index}")`);
      // The send is done once the box is emptied: then, in the same step, the page scrolls to the end and
      // focuses the box. Shown before the list's read answers, the reply did not mean that: on a loaded
      // machine the test scrolled back and selected first, and the send's end undid both.
      await expect.poll(() => operator.locator('#reply-text').inputValue()).toBe('');
    }
    // Scrolled back to the first message, selecting its text to copy it.
    await operator.evaluate(() => {
      const transcript = document.querySelector('#transcript')!;
      transcript.scrollTop = 0;
      const range = document.createRange();
      range.selectNodeContents(transcript.firstElementChild!);
      getSelection()!.removeAllRanges();
      getSelection()!.addRange(range);
    });
    await visitor.say('Une précision pendant que tu lis');
    await operator.waitForSelector('#transcript li.visitor:has-text("Une précision pendant que tu lis")');
    expect(await operator.evaluate(() => ({ scrollTop: document.querySelector('#transcript')!.scrollTop, selected: getSelection()!.toString().includes("quelqu'un") }))).toEqual({ scrollTop: 0, selected: true });

    // Tab to the open conversation in the list; a new case arrives; the focus stays on that item.
    await item(operator, visitor.conversationId).focus();
    const waitingBefore = await operator.locator('#conversations .badge.waiting_human').count();
    const arriving = await escalatedVisitor();
    await item(operator, arriving.conversationId).waitFor();
    // A waiting case says what the visitor asked, not the automatic reply every case ends with.
    expect(await item(operator, arriving.conversationId).locator('.excerpt').textContent()).toBe(`Visiteur : ${ESCALATING}`);
    // The tab's title counts the visitors waiting (an operator in another tab sees one arrive).
    expect(await operator.title()).toBe(`(${waitingBefore + 1} en attente) Boîte de réception — conversations`);
    expect(await operator.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.conversationId)).toBe(visitor.conversationId);
    await operator.context().close();
  });

  it('by keyboard: an empty reply says there is nothing to send; after handing back or closing, the focus is on the title, not lost', async () => {
    const operator = await operatorPage();
    const visitor = await escalatedVisitor();
    await item(operator, visitor.conversationId).focus();
    await operator.keyboard.press('Enter');
    // The buttons wait for the conversation's read (a key pressed on a disabled button does nothing).
    await operator.waitForSelector('#join:not([disabled])');
    await operator.locator('#join').focus();
    await operator.keyboard.press('Enter');
    await operator.waitForSelector('#send:not([disabled])');
    // Joined, the focus goes to the reply box once the join has answered (the button may be enabled a moment before).
    const focused = () => operator.evaluate(() => document.activeElement?.id);
    await expect.poll(focused).toBe('reply-text');
    await operator.keyboard.press('Control+Enter');
    await expect.poll(() => operator.locator('#status').textContent()).toBe('Rien à envoyer : la réponse est vide.');
    for (const action of ['handback', 'close']) {
      await operator.locator(`#${action}`).focus();
      await operator.keyboard.press('Enter');
      await operator.waitForSelector(`#${action}[disabled]`);
      await expect.poll(focused).toBe('conversation-title');
      if (action === 'handback') {
        await operator.waitForSelector('#join:not([disabled])');
        await operator.locator('#join').focus();
        await operator.keyboard.press('Enter');
        await operator.waitForSelector('#handback:not([disabled])');
      }
    }
    await operator.context().close();
  });

  it('a slow read of the list, answered after the operator chose another filter, never shows under it', async () => {
    const operator = await operatorPage();
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let heldSeen!: () => void;
    const held = new Promise<void>((resolve) => (heldSeen = resolve));
    await operator.route(`${api.baseUrl}/admin/conversations?state=open&limit=200`, async (route) => {
      heldSeen();
      await released;
      await route.continue();
    });
    const visitor = await escalatedVisitor(); // its event has the page read the list of cases to handle: held
    await held;
    const closedAnswer = operator.waitForResponse(`${api.baseUrl}/admin/conversations?state=closed&limit=200`);
    await operator.locator('#filter').selectOption('closed');
    await closedAnswer;
    const slowAnswer = operator.waitForResponse(`${api.baseUrl}/admin/conversations?state=open&limit=200`);
    release();
    await slowAnswer;
    // The page has had the slow answer; give its script a turn to (wrongly) show it.
    await operator.evaluate(() => new Promise((resolve) => setTimeout(resolve, 300)));
    expect(await item(operator, visitor.conversationId).count()).toBe(0);
    await operator.context().close();
  });

  it('on a phone the open conversation takes the screen, the list comes back; a long word stays in its bubble', async () => {
    const phone = await operatorPage({ width: 390, height: 844 });
    const visitor = await escalatedVisitor();
    await visitor.say(`Mon lien : https://exemple.fr/${'a'.repeat(300)}`);
    await item(phone, visitor.conversationId).click();
    await phone.waitForSelector('#transcript li.visitor:has-text("Mon lien")');
    const widths = await phone.evaluate(() => ({
      section: document.querySelector('main > section')!.getBoundingClientRect().width,
      page: document.documentElement.scrollWidth,
      overflowingBubbles: [...document.querySelectorAll('#transcript li')].filter((bubble) => bubble.scrollWidth > bubble.clientWidth).length,
      statusLineBottom: document.querySelector('#status')!.getBoundingClientRect().bottom,
      titleTop: document.querySelector('#conversation-title')!.getBoundingClientRect().top,
    }));
    // The reply box and the status line under it are on screen, and the title too.
    expect(widths.statusLineBottom).toBeLessThanOrEqual(844);
    expect(widths.titleTop).toBeGreaterThanOrEqual(0);
    expect({ sectionWide: widths.section > 300, pageFits: widths.page <= 390, overflowingBubbles: widths.overflowingBubbles }).toEqual({
      sectionWide: true,
      pageFits: true,
      overflowingBubbles: 0,
    });
    await phone.locator('#back-to-list').click();
    await item(phone, visitor.conversationId).waitFor({ state: 'visible' });
    expect(pageErrors).toEqual([]);
    await phone.context().close();
  });
});
