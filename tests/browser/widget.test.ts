/**
 * Issue 6, "done when": the widget in a real browser (Debian's chromium driven by
 * playwright-core) against the product started in local mode (`pnpm start`'s
 * scripts/start.ts, free PORT, temporary DATA_DIR, unique QUEUE_PREFIX):
 * Kajabi message → Audrey badge and an answer; Instagram Reel message → Carole
 * badge; a pasted 2,500-character text kept whole, send disabled until it is shortened;
 * rate limit exhausted → the French message with seconds to wait; reload →
 * the conversation is still there; phone-sized layout; each source of an answer
 * shows once (issue 14); "Effacer mes conversations" with its confirmation erases
 * it on the server and in the widget (issue 11). Embedded on another origin and two tabs of one
 * browser: widget-origins-and-tabs.test.ts. Screenshots go to test-results/screenshots/ and their
 * paths are printed.
 *
 * Skipped, with a message, only when no chromium is installed.
 * LAC_BROWSER_TEST_URL=<url> runs it against a product already running there instead
 * (its rate limit is read from the API; use a fresh conversation each run).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  findChromiumExecutable,
  launchHeadlessChromium,
  saveBrowserTestScreenshot,
  type HeadlessChromium,
  type Locator,
  type Page,
} from '../../packages/widget/src/testing/headless-chromium.ts';
import { startLocalProduct, type LocalProduct } from '../../packages/widget/src/testing/local-product-process.ts';

const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const chromiumPath = findChromiumExecutable();

const KAJABI_MESSAGE = 'Comment automatiser mes emails de bienvenue avec Kajabi?';
const REEL_MESSAGE = 'Aide-moi à créer un reel Instagram qui engage ma communauté';
const ATTACK_MESSAGE = 'Test <img src=x onerror=alert(1)> affiché comme du texte ?';
const externalProductUrl = process.env.LAC_BROWSER_TEST_URL?.replace(/\/+$/, '');

if (!chromiumPath) {
  process.stdout.write('\n[browser test] SKIPPED: no chromium found (CHROMIUM_PATH, /usr/bin/chromium). Install it with `apt-get install -y chromium`.\n\n');
}

describe.skipIf(!chromiumPath)('the chat widget in a real browser, against the product in local mode', () => {
  let product: LocalProduct | undefined;
  let baseUrl: string;
  let rateLimit: number;
  let chromium: HeadlessChromium;
  let page: Page;
  const dialogs: string[] = [];
  const pageErrors: string[] = [];
  const firstVisitConsoleErrors: string[] = [];

  const widget = () => page.locator('lac-chat-widget');
  const byTestId = (testId: string): Locator => widget().getByTestId(testId);
  const doneAnswers = () => widget().locator('[data-testid="message-assistant"][data-state="done"]');

  const screenshot = (name: string) => saveBrowserTestScreenshot(page, `widget-${name}`, 'browser test');

  async function send(text: string, how: 'click' | 'enter'): Promise<void> {
    await byTestId('chat-input').fill(text);
    if (how === 'click') await byTestId('chat-send').click();
    else await byTestId('chat-input').press('Enter');
  }

  beforeAll(async () => {
    if (externalProductUrl) {
      baseUrl = externalProductUrl;
    } else {
      product = await startLocalProduct({
        repositoryRoot,
        name: 'widget-browser',
        env: { RATE_LIMIT_MESSAGES: '10', RATE_LIMIT_WINDOW_SECONDS: '60' },
      });
      baseUrl = product.baseUrl;
    }
    const rateLimitStatus = (await (await fetch(`${baseUrl}/api/v2/rate-limit/browser-test-probe`)).json()) as { limit: number };
    rateLimit = rateLimitStatus.limit;
    // The API must serve the widget (createWidgetRouter from @lac/widget): say so plainly rather than time out.
    for (const servedPath of ['/', '/widget.js']) {
      const served = await fetch(`${baseUrl}${servedPath}`);
      if (served.status !== 200) {
        throw new Error(`GET ${servedPath} answered ${served.status}: the API must mount createWidgetRouter() from packages/widget/src/serve.ts`);
      }
    }
    chromium = await launchHeadlessChromium(chromiumPath!);
    const context = await chromium.browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'fr-FR' });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') firstVisitConsoleErrors.push(message.text());
    });
  }, 180_000);

  afterAll(async () => {
    await Promise.allSettled([chromium?.close(), product?.stop()]);
    if (product && process.env.CI) process.stdout.write(`[browser test] product output (last lines):\n${product.output()}\n`);
  }, 60_000);

  it('opens the demo page, which embeds the widget with one script tag', async () => {
    const response = await page.goto(`${baseUrl}/`);
    expect(response?.status()).toBe(200);
    await expect.poll(() => byTestId('chat-open').count()).toBe(1);
    const userId = await page.evaluate(() => localStorage.getItem('lac_user_id'));
    const conversationId = await page.evaluate(() => localStorage.getItem('lac_conversation_id'));
    expect(userId).toBeTruthy();
    expect(conversationId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    await byTestId('chat-open').click();
    await expect.poll(() => byTestId('chat-input').isVisible()).toBe(true);
    // Focus goes to the input when the panel opens.
    expect(await page.evaluate(() => document.querySelector('lac-chat-widget')?.shadowRoot?.activeElement?.getAttribute('data-testid'))).toBe('chat-input');
    // A first visit is clean: no failed request (no history asked for a brand-new conversation, no favicon 404), no error.
    expect(firstVisitConsoleErrors).toEqual([]);
  });

  it('keeps a pasted 2,500-character text whole, says it is too long and disables send until it is shortened', async () => {
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseUrl });
    const pasted = `Bonjour, voici l’email dont je te parlais : ${'blabla '.repeat(400)}`.slice(0, 2500);
    await page.evaluate((text) => navigator.clipboard.writeText(text), pasted);
    const input = byTestId('chat-input');
    await input.focus();
    await page.keyboard.press('ControlOrMeta+V');
    // Nothing cut: the whole text is in the box.
    expect(await input.inputValue()).toBe(pasted);
    const error = byTestId('chat-length-error');
    expect(await error.isVisible()).toBe(true);
    expect(await error.textContent()).toBe('Ton message dépasse 2\u202F000 caractères : raccourcis-le ou envoie-le en plusieurs fois.');
    // Shown "2 500 / 2 000", read with its unit.
    expect(await byTestId('chat-length-counter').textContent()).toBe('2\u202F500 / 2\u202F000 caractères');
    expect(await byTestId('chat-send').isDisabled()).toBe(true);
    expect(await input.getAttribute('aria-invalid')).toBe('true');
    expect(await byTestId('chat-announcer').textContent()).toBe(await error.textContent());
    await screenshot('0-message-too-long');
    // Enter sends nothing either.
    await input.press('Enter');
    expect(await byTestId('message-user').count()).toBe(0);

    // Shortened with the keyboard (the last 550 characters selected, then deleted).
    await input.evaluate((box: HTMLTextAreaElement) => box.setSelectionRange(1950, box.value.length));
    await page.keyboard.press('Backspace');
    expect(await input.inputValue()).toBe(pasted.slice(0, 1950));
    expect(await byTestId('chat-send').isDisabled()).toBe(false);
    expect(await error.isVisible()).toBe(false);
    expect(await byTestId('chat-length-counter').textContent()).toBe('1\u202F950 / 2\u202F000 caractères');
    await input.fill('');
    expect(await byTestId('chat-length-counter').isVisible()).toBe(false);
  });

  it('sends the Kajabi message and shows an answer with the Audrey badge', async () => {
    await send(KAJABI_MESSAGE, 'click');
    await expect.poll(() => doneAnswers().count(), { timeout: 60_000 }).toBe(1);
    const answer = doneAnswers().nth(0);
    expect(await answer.getByTestId('agent-badge').textContent()).toBe('👩‍💼 Audrey');
    expect(((await answer.locator('.message-text').textContent()) ?? '').trim().length).toBeGreaterThan(20);
    expect(await byTestId('message-user').nth(0).textContent()).toBe(KAJABI_MESSAGE);
    // Issue 14: each source shows once (the list under the answer, not also in its text).
    const sourceTitles = await answer.locator('.source').allTextContents();
    expect(sourceTitles.length).toBeGreaterThan(0);
    const answerText = (await answer.textContent()) ?? '';
    for (const title of sourceTitles) expect(answerText.split(title).length - 1).toBe(1);
    await screenshot('1-kajabi-audrey');
  });

  it('tells a screen reader who wrote each message: the visitor\'s own as "Toi", an answer by its agent', async () => {
    // Chromium's accessibility tree as a screen reader reads it: the visitor's message had no speaker
    // (the answers have their badge), so "Comment automatiser…" could be anyone's.
    const tree = await byTestId('chat-messages').ariaSnapshot();
    expect(tree).toContain(`- listitem:\n    - text: "Toi :"\n    - paragraph: ${KAJABI_MESSAGE}`);
    expect(tree).toContain('- text: 👩‍💼 Audrey');
    // Seen on the page and copied, the message is the visitor's text alone.
    expect(await byTestId('message-user').nth(0).textContent()).toBe(KAJABI_MESSAGE);
    expect(await byTestId('message-user').nth(0).isVisible()).toBe(true);
  });

  it('sends the Instagram Reel message (keyboard) and shows the Carole badge', async () => {
    await send(REEL_MESSAGE, 'enter');
    await expect.poll(() => doneAnswers().count(), { timeout: 60_000 }).toBe(2);
    expect(await doneAnswers().nth(1).getByTestId('agent-badge').textContent()).toBe('🎨 Carole');
    await screenshot('2-reel-carole');
  });

  it('exhausts the rate limit and shows the French message with the seconds to wait', async () => {
    await send(ATTACK_MESSAGE, 'enter');
    for (let index = 4; index <= rateLimit; index += 1) await send(`Question numéro ${index} sur mon tunnel de vente`, 'enter');
    await expect.poll(() => byTestId('message-user').count()).toBe(rateLimit);
    // Every one of them answered by the API (202) before the next: two posts in flight at once would
    // race for the last place, and the refused one could be either.
    await expect.poll(() => widget().locator('[data-testid="message-user"][data-state="sending"]').count(), { timeout: 30_000 }).toBe(0);
    await send('Encore une question de trop', 'enter');
    const error = byTestId('chat-error');
    await expect.poll(() => error.isVisible(), { timeout: 30_000 }).toBe(true);
    const text = (await error.textContent()) ?? '';
    expect(text).toContain('Trop de messages d’affilée.');
    expect(text).toMatch(/dans \d+ s/);
    expect(Number(await error.getAttribute('data-retry-after-seconds'))).toBeGreaterThan(0);
    expect(await byTestId('chat-send').isDisabled()).toBe(true);
    // The refused message is held, to go by itself once the countdown ends: not lost, never sent twice
    // (its text is not also put back in the input).
    expect(await byTestId('chat-input').inputValue()).toBe('');
    // Shown as waiting to go ("en attente d’envoi", not "non envoyé"), as the banner says.
    expect(await widget().locator('[data-testid="message-user"][data-state="failed"]').count()).toBe(0);
    expect(await widget().locator('[data-testid="message-user"][data-state="queued"]').count()).toBe(1);
    await screenshot('3-rate-limited');
    // Every accepted message gets its answer.
    await expect.poll(() => doneAnswers().count(), { timeout: 90_000 }).toBe(rateLimit);
  }, 180_000);

  it('renders markup in messages as text, and runs none of it', async () => {
    const attackMessage = byTestId('message-user').filter({ hasText: '<img src=x onerror=alert(1)>' });
    expect(await attackMessage.count()).toBe(1);
    expect(await widget().locator('img').count()).toBe(0);
    expect(dialogs).toEqual([]);
  });

  it('finds the conversation still there after a reload', async () => {
    const conversationId = await page.evaluate(() => localStorage.getItem('lac_conversation_id'));
    // The conversation's token lives beside its id; without it the history is not readable.
    const stored = JSON.parse((await page.evaluate(() => localStorage.getItem('lac_conversation_token'))) ?? '{}') as { conversation_id?: string; token?: string };
    expect(stored.conversation_id).toBe(conversationId);
    expect(stored.token).toMatch(/^ct1\./);
    const withoutToken = await page.evaluate(async (id) => (await fetch(`/api/v2/conversations/${id}/messages`)).status, conversationId);
    expect(withoutToken).toBe(401);
    await page.reload();
    await byTestId('chat-open').click();
    // The message held by the rate limit comes back too, last, still to go (unsent-messages.ts).
    await expect.poll(() => byTestId('message-user').count(), { timeout: 30_000 }).toBe(rateLimit + 1);
    expect(await byTestId('message-user').nth(rateLimit).textContent()).toBe('Encore une question de trop');
    expect(await page.evaluate(() => localStorage.getItem('lac_conversation_id'))).toBe(conversationId);
    expect(await byTestId('message-user').nth(0).textContent()).toBe(KAJABI_MESSAGE);
    expect(await doneAnswers().count()).toBe(rateLimit);
    const badges = await byTestId('agent-badge').allTextContents();
    expect(badges[0]).toBe('👩‍💼 Audrey');
    expect(badges[1]).toBe('🎨 Carole');
    await screenshot('4-after-reload');
  });

  it('closes with Escape (focus back on the bubble) and fits a phone-sized screen', async () => {
    await byTestId('chat-input').press('Escape');
    expect(await byTestId('chat-input').isVisible()).toBe(false);
    expect(await page.evaluate(() => document.querySelector('lac-chat-widget')?.shadowRoot?.activeElement?.getAttribute('data-testid'))).toBe('chat-open');
    await page.setViewportSize({ width: 390, height: 844 });
    await byTestId('chat-open').click();
    const panel = await byTestId('chat-panel').boundingBox();
    expect(panel?.width).toBe(390);
    expect(panel?.height).toBe(844);
    await screenshot('5-phone');
  });

  it('starts a new conversation on demand', async () => {
    const before = await page.evaluate(() => localStorage.getItem('lac_conversation_id'));
    await byTestId('chat-new-conversation').click();
    expect(await byTestId('message-user').count()).toBe(0);
    const after = await page.evaluate(() => localStorage.getItem('lac_conversation_id'));
    expect(after).not.toBe(before);
    // A new conversation has its own rate limit.
    expect(await byTestId('chat-send').isDisabled()).toBe(false);
    expect(pageErrors).toEqual([]);
  });

  it('erases the conversation after a confirmation (issue 11): gone on the server and in the widget', async () => {
    await send('Une question que je veux effacer ensuite', 'click');
    await expect.poll(() => doneAnswers().count(), { timeout: 60_000 }).toBe(1);
    const conversationId = await page.evaluate(() => localStorage.getItem('lac_conversation_id'));
    const { token } = JSON.parse((await page.evaluate(() => localStorage.getItem('lac_conversation_token'))) ?? '{}') as { token?: string };
    expect(token).toBeTruthy();

    await byTestId('chat-erase').click();
    expect(await byTestId('chat-erase-confirm').isVisible()).toBe(true);
    expect(await byTestId('chat-erase-confirm').textContent()).toContain('Effacer tes conversations ?');
    await screenshot('6-erase-confirmation');
    // "Annuler" keeps everything.
    await byTestId('chat-erase-cancel').click();
    expect(await byTestId('chat-erase-confirm').isVisible()).toBe(false);
    expect(await byTestId('message-user').count()).toBe(1);

    await byTestId('chat-erase').click();
    await byTestId('chat-erase-yes').click();
    await expect.poll(() => page.evaluate(() => localStorage.getItem('lac_conversation_id'))).not.toBe(conversationId);
    expect(await byTestId('message-user').count()).toBe(0);
    expect(await page.evaluate(() => localStorage.getItem('lac_conversation_token'))).toBeNull();
    const readWithOldToken = await page.evaluate(
      async ({ id, bearer }) => (await fetch(`/api/v2/conversations/${id}/messages`, { headers: { authorization: `Bearer ${bearer}` } })).status,
      { id: conversationId, bearer: token },
    );
    expect(readWithOldToken).toBe(410);
    // Nothing comes back after a reload.
    await page.reload();
    await byTestId('chat-open').click();
    await expect.poll(() => widget().locator('.welcome').count()).toBe(1);
    expect(await byTestId('message-user').count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });

});
