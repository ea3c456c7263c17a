/**
 * The operator inbox in Chromium: drafts and the address of the open conversation, against the API
 * stack of the HTTP tests (real queue engine, worker, database, Redis, the agents' pipeline in local
 * mode); visitors are driven by HTTP. Each case is a defect an operator drill or a review found:
 *
 * - a reload lost the open conversation and its draft; a draft followed the operator into another
 *   conversation (sendable to the wrong visitor);
 * - a reply still on its way when the operator opened another conversation cleared that one's box
 *   and draft, and the sent reply came back as the first conversation's draft (one click sent it twice);
 * - drafts outlived a logout (the next operator of a shared browser found them, and could send them);
 * - an address naming no possible conversation (400) was read again every 15 s, the header saying
 *   forever that the screen waited.
 *
 * Skipped, with a message, only when no chromium is installed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromiumExecutable, type HeadlessChromium } from '../../packages/widget/src/testing/headless-chromium.ts';
import type { TestApi } from '../../services/api/src/testing/api-test-harness.ts';
import { escalatedVisitor as sharedEscalatedVisitor } from './support/escalated-visitor.ts';
import { startInboxBrowserStack, type InboxBrowserStack } from './support/inbox-browser-stack.ts';
import { inboxListItem, openOperatorInboxTab, waitUntilInboxLive } from './support/operator-inbox-tab.ts';

const chromiumPath = findChromiumExecutable();
if (!chromiumPath) process.stdout.write('\n[inbox drafts browser test] SKIPPED: no chromium found (CHROMIUM_PATH, /usr/bin/chromium).\n\n');

describe.skipIf(!chromiumPath)('the operator inbox: drafts, a reload, the address of the open conversation', () => {
  let stack: InboxBrowserStack;
  let api: TestApi;
  let chromium: HeadlessChromium;
  const pageErrors: string[] = [];

  const escalatedVisitor = () => sharedEscalatedVisitor(api.baseUrl, 'drafts');
  const operatorPage = () => openOperatorInboxTab(chromium, `${api.baseUrl}/admin/inbox`, { pageErrors, operatorName: 'Léa' });
  const item = inboxListItem;
  const detailUrl = (conversationId: string) => `${api.baseUrl}/admin/conversations/${encodeURIComponent(conversationId)}`;

  beforeAll(async () => {
    stack = await startInboxBrowserStack('inbox-drafts', chromiumPath!);
    ({ api, chromium } = stack);
  }, 300_000);

  afterAll(async () => {
    await stack?.close();
  }, 120_000);

  it('a reload opens the same conversation again with its draft; a draft stays with its conversation', async () => {
    const operator = await operatorPage();
    const [first, second] = [await escalatedVisitor(), await escalatedVisitor()];
    await item(operator, first.conversationId).click();
    await operator.waitForSelector(`#conversation-title:has-text("${first.conversationId}")`);
    await operator.locator('#reply-text').fill('Brouillon pour le premier visiteur');
    await item(operator, second.conversationId).click();
    await operator.waitForSelector(`#conversation-title:has-text("${second.conversationId}")`);
    expect(await operator.locator('#reply-text').inputValue()).toBe('');
    await item(operator, first.conversationId).click();
    await operator.waitForSelector(`#conversation-title:has-text("${first.conversationId}")`);
    expect(await operator.locator('#reply-text').inputValue()).toBe('Brouillon pour le premier visiteur');
    await operator.reload();
    await operator.waitForSelector(`#conversation-title:has-text("${first.conversationId}")`);
    expect(await operator.locator('#reply-text').inputValue()).toBe('Brouillon pour le premier visiteur');
    await operator.context().close();
  });

  it('a reply still on its way when another conversation is opened: the other draft stays, the sent reply does not come back as a draft', async () => {
    const operator = await operatorPage();
    const [first, second] = [await escalatedVisitor(), await escalatedVisitor()];
    await item(operator, first.conversationId).click();
    await operator.waitForSelector(`#conversation-title:has-text("${first.conversationId}")`);
    await operator.locator('#join').click();
    await operator.waitForSelector('#send:not([disabled])');
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let sendSeen!: () => void;
    const sendArrived = new Promise<void>((resolve) => (sendSeen = resolve));
    await operator.route(`${detailUrl(first.conversationId)}/messages`, async (route) => {
      sendSeen();
      await released;
      await route.continue();
    });
    await operator.locator('#reply-text').fill('Réponse au premier visiteur');
    await operator.locator('#send').click();
    await sendArrived;
    await item(operator, second.conversationId).click();
    await operator.waitForSelector(`#conversation-title:has-text("${second.conversationId}")`);
    await operator.locator('#reply-text').fill('Brouillon pour le deuxième visiteur');
    const sent = operator.waitForResponse((response) => response.url() === `${detailUrl(first.conversationId)}/messages` && response.request().method() === 'POST');
    release();
    expect((await sent).ok()).toBe(true);
    // The page has had the answer; give its script a turn to (wrongly) clear the box.
    await operator.evaluate(() => new Promise((resolve) => setTimeout(resolve, 300)));
    expect(await operator.locator('#reply-text').inputValue()).toBe('Brouillon pour le deuxième visiteur');
    await item(operator, first.conversationId).click();
    await operator.waitForSelector('#transcript li.human:has-text("Réponse au premier visiteur")');
    // Sent already: a draft of it would be sent a second time (with a new idempotency key) by one click.
    expect(await operator.locator('#reply-text').inputValue()).toBe('');
    await item(operator, second.conversationId).click();
    await operator.waitForSelector(`#conversation-title:has-text("${second.conversationId}")`);
    expect(await operator.locator('#reply-text').inputValue()).toBe('Brouillon pour le deuxième visiteur');
    await operator.context().close();
  });

  it('an operator who logs out leaves no draft to the next one in the same tab', async () => {
    const operator = await operatorPage();
    const visitor = await escalatedVisitor();
    await item(operator, visitor.conversationId).click();
    await operator.waitForSelector(`#conversation-title:has-text("${visitor.conversationId}")`);
    await operator.locator('#reply-text').fill('Brouillon de Léa');
    await operator.locator('#logout').click();
    await operator.waitForURL(`${api.baseUrl}/admin/logged-out`);
    // The next operator logs in in this tab (the context's credentials) and opens the same case.
    await operator.goto(`${api.baseUrl}/admin/inbox#conversation=${encodeURIComponent(visitor.conversationId)}`);
    await operator.waitForSelector(`#conversation-title:has-text("${visitor.conversationId}")`);
    await operator.waitForSelector('#join:not([disabled])');
    expect(await operator.locator('#reply-text').inputValue()).toBe('');
    await operator.context().close();
  });

  it('an address naming no possible conversation (a link cut or mistyped) says so once instead of reading it again forever', async () => {
    const operator = await operatorPage();
    await operator.goto('about:blank'); // a new load (the same page with another hash would not reload)
    await operator.goto(`${api.baseUrl}/admin/inbox#conversation=${'x'.repeat(129)}`);
    await expect.poll(() => operator.locator('#status').textContent()).toContain('n’existe');
    // Nothing left failing: the header does not say the screen waits for a read (which was tried again every 15 s).
    await waitUntilInboxLive(operator);
    expect(await operator.locator('#conversation').isHidden()).toBe(true);
    await operator.context().close();
  });

  it('no script error on any page', () => {
    expect(pageErrors).toEqual([]);
  });
});
