/**
 * The operators' inbox in Chromium, logged out in another tab of the same browser: the tab still
 * open must say it in French (the banner, "Déconnecté·e"), not have the browser ask for credentials.
 *
 * Found by review: the API answered every refused read with the Basic challenge, and a browser
 * answers a challenge on a script's read with its own login prompt: the remaining tab asked for
 * credentials once per read (four prompts for one event) before its banner could show. The inbox's
 * requests are now marked `X-Requested-With: XMLHttpRequest`, refused without the challenge.
 *
 * The browser's prompts are seen through the DevTools protocol (`Fetch.authRequired` is what a
 * browser with a screen shows as its login dialog): the test logs in through it, then counts them.
 * Skipped, with a message, only when no chromium is installed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromiumExecutable, type BrowserContext, type Page } from '../../packages/widget/src/testing/headless-chromium.ts';
import { escalatedVisitor } from './support/escalated-visitor.ts';
import { INBOX_OPERATOR_PASSWORD, startInboxBrowserStack, type InboxBrowserStack } from './support/inbox-browser-stack.ts';
import { waitUntilInboxLive } from './support/operator-inbox-tab.ts';

const chromiumPath = findChromiumExecutable();
if (!chromiumPath) process.stdout.write('\n[inbox signed out elsewhere browser test] SKIPPED: no chromium found (CHROMIUM_PATH, /usr/bin/chromium).\n\n');

interface AuthRequired {
  requestId: string;
  request: { url: string };
}

describe.skipIf(!chromiumPath)('an inbox tab logged out in another tab', () => {
  let stack: InboxBrowserStack;

  beforeAll(async () => {
    stack = await startInboxBrowserStack('inbox-signed-out-elsewhere', chromiumPath!);
  }, 300_000);

  afterAll(async () => {
    await stack?.close();
  }, 120_000);

  /** The operator types the credentials into each tab's first prompt (the login); later prompts are counted and dismissed. */
  async function loggingIn(context: BrowserContext, page: Page, prompts: string[], state: { loggedIn: boolean }): Promise<void> {
    const devtools = await context.newCDPSession(page);
    devtools.on('Fetch.requestPaused', (event: { requestId: string }) => {
      devtools.send('Fetch.continueRequest', { requestId: event.requestId }).catch(() => undefined);
    });
    devtools.on('Fetch.authRequired', (event: AuthRequired) => {
      if (state.loggedIn) prompts.push(new URL(event.request.url).pathname);
      const answer = state.loggedIn ? { response: 'CancelAuth' as const } : { response: 'ProvideCredentials' as const, username: 'admin', password: INBOX_OPERATOR_PASSWORD };
      devtools.send('Fetch.continueWithAuth', { requestId: event.requestId, authChallengeResponse: answer }).catch(() => undefined);
    });
    await devtools.send('Fetch.enable', { handleAuthRequests: true, patterns: [{ urlPattern: '*' }] });
  }

  it('says so in French, and the browser asks for no credentials', async () => {
    const base = stack.api.baseUrl;
    const context = await stack.chromium.browser.newContext({ locale: 'fr-FR' });
    const [otherTab, inboxTab] = [await context.newPage(), await context.newPage()];
    const pageErrors: string[] = [];
    inboxTab.on('pageerror', (error) => pageErrors.push(error.message));
    const prompts: string[] = [];
    const login = { loggedIn: false };
    await loggingIn(context, inboxTab, prompts, login);
    await inboxTab.goto(`${base}/admin/inbox`);
    await waitUntilInboxLive(inboxTab);
    login.loggedIn = true;

    // The other tab logs out as the inbox's button does: the browser drops the realm's credentials.
    await otherTab.goto(`${base}/admin/logged-out`);
    await otherTab.evaluate(
      () =>
        new Promise((resolve) => {
          const xhr = new XMLHttpRequest();
          xhr.open('POST', '/admin/logout', true, 'deconnexion', `deconnexion-${Date.now()}`);
          xhr.onloadend = resolve;
          xhr.send();
        }),
    );
    // A visitor asks for a person: the inbox tab reads its list again, without credentials now.
    await escalatedVisitor(base, 'elsewhere');
    await inboxTab.waitForSelector('#signed-out:visible');
    expect(await inboxTab.locator('#connection').textContent()).toBe('Déconnecté·e');
    // Before: a login prompt per read (the list, the conversations with the agents, twice).
    expect(prompts).toEqual([]);
    expect(pageErrors).toEqual([]);
    await context.close();
  }, 120_000);

  it('stops at once when the operator presses "Se déconnecter" in another tab, with no event to read', async () => {
    const base = stack.api.baseUrl;
    const context = await stack.chromium.browser.newContext({ locale: 'fr-FR' });
    const [leavingTab, inboxTab] = [await context.newPage(), await context.newPage()];
    const pageErrors: string[] = [];
    inboxTab.on('pageerror', (error) => pageErrors.push(error.message));
    const prompts: string[] = [];
    const login = { loggedIn: false };
    for (const tab of [leavingTab, inboxTab]) {
      await loggingIn(context, tab, prompts, login);
      await tab.goto(`${base}/admin/inbox`);
      await waitUntilInboxLive(tab);
    }
    login.loggedIn = true;
    await inboxTab.locator('#reply-text').evaluate(() => sessionStorage.setItem('lac_inbox_draft:some-conversation', 'brouillon'));
    const streamClosed = inboxTab.waitForEvent('requestfailed', { predicate: (request) => request.url().endsWith('/admin/conversations/events') });
    await leavingTab.locator('#logout').click();
    await leavingTab.waitForURL('**/admin/logged-out');
    // Before: this tab kept its stream and said "En direct" until a visitor's event made it read (and
    // meet the 401), receiving every conversation's events meanwhile.
    await inboxTab.waitForSelector('#signed-out:visible');
    expect(await inboxTab.locator('#connection').textContent()).toBe('Déconnecté·e');
    await streamClosed;
    expect(await inboxTab.evaluate(() => Object.keys(sessionStorage).filter((key) => key.startsWith('lac_inbox_draft')))).toEqual([]);
    expect(prompts).toEqual([]);
    expect(pageErrors).toEqual([]);
    await context.close();
  }, 120_000);
});
