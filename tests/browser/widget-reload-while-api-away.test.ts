/**
 * A visitor talking with a person reloads the page while the API cannot be reached (restarting for a
 * deploy, a phone between networks): the widget says it cannot show the conversation. Found by review
 * in Chromium: once the API answered again, the notice stayed until the visitor pressed "Réessayer",
 * and the conversation was not followed meanwhile: the person's next reply never showed to a visitor
 * who simply waited for it (45 s and more). The widget now reads the thread again by itself
 * (thread-loading-state.ts), then follows the conversation: the history and the reply show, nothing
 * pressed.
 *
 * Skipped, with a message, only when no chromium is installed.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromiumExecutable, launchHeadlessChromium, type HeadlessChromium } from '../../packages/widget/src/testing/headless-chromium.ts';
import { startLocalProduct, type LocalProduct } from '../../packages/widget/src/testing/local-product-process.ts';
import { ESCALATING } from './support/escalated-visitor.ts';

const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const chromiumPath = findChromiumExecutable();
const OPERATOR_PASSWORD = 'operator-secret';
const FIRST_REPLY = 'Bonjour, c’est Léa. Je regarde ta demande.';
const SECOND_REPLY = 'C’est réglé de mon côté, tu me confirmes ?';

if (!chromiumPath) process.stdout.write('\n[browser test] SKIPPED: no chromium found (CHROMIUM_PATH, /usr/bin/chromium).\n\n');

describe.skipIf(!chromiumPath)('the widget reloaded while the API is away, in a conversation held by a person', () => {
  let product: LocalProduct;
  let chromium: HeadlessChromium;

  beforeAll(async () => {
    product = await startLocalProduct({ repositoryRoot, name: 'widget-reload-api-away', env: { ADMIN_PASSWORD: OPERATOR_PASSWORD, HANDOVER_OPERATOR_WAIT_SECONDS: '3600' } });
    chromium = await launchHeadlessChromium(chromiumPath!);
  }, 180_000);

  afterAll(async () => {
    await Promise.allSettled([chromium?.close(), product?.stop()]);
  }, 60_000);

  /** An operator's action in the inbox, as its page sends it (same origin: no Origin header here). */
  const operator = async (conversationId: string, action: 'join' | 'messages', body: Record<string, string>) => {
    const response = await fetch(`${product.baseUrl}/admin/conversations/${encodeURIComponent(conversationId)}/${action}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Basic ${Buffer.from(`admin:${OPERATOR_PASSWORD}`).toString('base64')}` },
      body: JSON.stringify(body),
    });
    expect(response.status).toBeLessThan(300);
  };

  it('shows the history and the person’s next reply once the API answers again, nothing pressed', async () => {
    const context = await chromium.browser.newContext({ locale: 'fr-FR' });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`${product.baseUrl}/`);
    const widget = page.locator('lac-chat-widget');
    await widget.getByTestId('chat-open').click();
    await widget.getByTestId('chat-input').fill(ESCALATING);
    await widget.getByTestId('chat-input').press('Enter');
    await page.waitForSelector('lac-chat-widget >> [data-testid="message-assistant"][data-state="done"][data-agent="escalate"]');
    const conversationId = (await page.evaluate(() => localStorage.getItem('lac_conversation_id')))!;
    await operator(conversationId, 'join', { operator_name: 'Léa' });
    await operator(conversationId, 'messages', { text: FIRST_REPLY, operator_name: 'Léa' });
    await page.waitForSelector(`lac-chat-widget >> [data-testid="message-human"]:has-text("${FIRST_REPLY}")`);

    // The API cannot be reached (the page itself is still in the browser's hands): reloaded.
    await context.route('**/api/v2/**', (route) => route.abort('connectionrefused'));
    await page.reload();
    await widget.getByTestId('chat-open').click();
    await page.waitForSelector('lac-chat-widget >> [data-testid="thread-load-failed"]');
    // The API is back; the person answers. The visitor presses nothing.
    await context.unroute('**/api/v2/**');
    await operator(conversationId, 'messages', { text: SECOND_REPLY, operator_name: 'Léa' });
    // Before: the failure notice stayed, and neither reply ever showed.
    await page.waitForSelector(`lac-chat-widget >> [data-testid="message-human"]:has-text("${SECOND_REPLY}")`, { timeout: 60_000 });
    expect(await widget.getByTestId('message-human').allTextContents()).toEqual([`🧑 Léa · équipe${FIRST_REPLY}`, `🧑 Léa · équipe${SECOND_REPLY}`]);
    expect(await widget.getByTestId('message-user').allTextContents()).toEqual([ESCALATING]);
    expect(await widget.getByTestId('thread-load-failed').count()).toBe(0);
    expect(await widget.getByTestId('handover-status').textContent()).toContain('Léa');
    expect(pageErrors).toEqual([]);
    await context.close();
  }, 180_000);
});
