import type { HeadlessChromium, Page } from '../../../packages/widget/src/testing/headless-chromium.ts';
import { INBOX_OPERATOR_PASSWORD } from './inbox-browser-stack.ts';

/**
 * A new operator's tab (its own browser context, logged in with the shared login) on the inbox at
 * `inboxUrl`, live: the event stream open. `operatorName` is typed into the name field when given;
 * the page's uncaught errors are pushed to `pageErrors`; `beforeLoad` runs before the page loads (a clock).
 */
export async function openOperatorInboxTab(
  chromium: HeadlessChromium,
  inboxUrl: string,
  options: { pageErrors: string[]; operatorName?: string; viewport?: { width: number; height: number }; beforeLoad?: (page: Page) => Promise<void> },
): Promise<Page> {
  const context = await chromium.browser.newContext({
    viewport: options.viewport ?? { width: 1280, height: 820 },
    locale: 'fr-FR',
    httpCredentials: { username: 'admin', password: INBOX_OPERATOR_PASSWORD },
  });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  page.on('pageerror', (error) => options.pageErrors.push(error.message));
  await options.beforeLoad?.(page);
  await page.goto(inboxUrl);
  if (options.operatorName !== undefined) await page.locator('#operator-name').fill(options.operatorName);
  await waitUntilInboxLive(page);
  return page;
}

/**
 * How long an inbox page may take to say "En direct" (its event stream open, its reads answered). On a quiet machine a few
 * seconds; in a full CI run, with Chromium, the API stack and a dozen other test processes on two cores, a page's first
 * reads and stream were seen to take over the 20 s the pages' steps are otherwise given (two inbox files failed together).
 * Under the tests' own 60 s (vitest.config.ts).
 */
export const INBOX_LIVE_TIMEOUT_MS = 40_000;

/** Waits until the inbox page `page` shows its connection live. */
export async function waitUntilInboxLive(page: Page): Promise<void> {
  await page.waitForSelector('#connection[data-state="live"]', { timeout: INBOX_LIVE_TIMEOUT_MS });
}

/** The inbox list's entry of a conversation. */
export const inboxListItem = (page: Page, conversationId: string) => page.locator(`#conversations button[data-conversation-id="${conversationId}"]`);
