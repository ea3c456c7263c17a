/**
 * The visitor's messages that have not been accepted yet, across a reload and across tabs, in a real
 * browser against the product in local mode. A message whose post is on its way when the page reloads
 * (the server may have it or not: its 202 never came back) is kept with its Idempotency-Key and posted
 * again (the API answers a repeated key with the same job): it shows once, answered once. Two tabs of
 * one conversation each keep their own messages: one tab's reload sends only its own, never the
 * messages the other tab holds, and nothing shows twice.
 *
 * Skipped, with a message, only when no chromium is installed.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromiumExecutable, launchHeadlessChromium, type HeadlessChromium, type Page, type Route } from '../../packages/widget/src/testing/headless-chromium.ts';
import { startLocalProduct, type LocalProduct } from '../../packages/widget/src/testing/local-product-process.ts';

const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const chromiumPath = findChromiumExecutable();

if (!chromiumPath) process.stdout.write('\n[browser test] SKIPPED: no chromium found (CHROMIUM_PATH, /usr/bin/chromium).\n\n');

describe.skipIf(!chromiumPath)('the widget keeps the messages not accepted yet across a reload and across tabs', () => {
  let product: LocalProduct;
  let chromium: HeadlessChromium;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    // Three messages a conversation per 20 s: the tabs' case meets the limit at once.
    product = await startLocalProduct({ repositoryRoot, name: 'widget-held-messages', env: { RATE_LIMIT_MESSAGES: '3', RATE_LIMIT_WINDOW_SECONDS: '20' } });
    chromium = await launchHeadlessChromium(chromiumPath!);
  }, 180_000);

  afterAll(async () => {
    await Promise.allSettled([chromium?.close(), product?.stop()]);
  }, 60_000);

  const widgetOf = (page: Page) => page.locator('lac-chat-widget');
  const userTexts = (page: Page) => widgetOf(page).getByTestId('message-user').allTextContents();
  const doneAnswers = (page: Page) => widgetOf(page).locator('[data-testid="message-assistant"][data-state="done"]').count();

  async function openPage(page: Page): Promise<void> {
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`${product.baseUrl}/`);
    await widgetOf(page).getByTestId('chat-open').click();
  }

  async function send(page: Page, text: string): Promise<void> {
    await widgetOf(page).getByTestId('chat-input').fill(text);
    await widgetOf(page).getByTestId('chat-input').press('Enter');
  }

  async function storedUserMessages(page: Page): Promise<string[]> {
    const conversationId = await page.evaluate(() => localStorage.getItem('lac_conversation_id'));
    const { token } = JSON.parse((await page.evaluate(() => localStorage.getItem('lac_conversation_token'))) ?? '{}') as { token?: string };
    const response = await fetch(`${product.baseUrl}/api/v2/conversations/${conversationId}/messages`, { headers: { authorization: `Bearer ${token}` } });
    const body = (await response.json()) as { messages?: Array<{ role: string; content: string }> };
    return (body.messages ?? []).filter((message) => message.role === 'user').map((message) => message.content);
  }

  /** Every text the banner shows, however briefly (a retry's notice lasts its backoff). */
  async function recordBannerTexts(page: Page): Promise<() => Promise<string[]>> {
    await page.evaluate(() => {
      const banner = document.querySelector('lac-chat-widget')!.shadowRoot!.querySelector('[data-testid="chat-error"]')!;
      const seen: string[] = [];
      (window as unknown as { bannerTexts: string[] }).bannerTexts = seen;
      new MutationObserver(() => {
        const text = banner.textContent ?? '';
        if (text !== '' && seen.at(-1) !== text) seen.push(text);
      }).observe(banner, { subtree: true, childList: true, characterData: true, attributes: true });
    });
    return () => page.evaluate(() => (window as unknown as { bannerTexts: string[] }).bannerTexts);
  }

  for (const reached of [true, false]) {
    it(`posts a later message again after a reload before its 202 came back (the server ${reached ? 'has' : 'never got'} it): shown and answered once`, async () => {
      const page = await (await chromium.browser.newContext({ locale: 'fr-FR' })).newPage();
      const first = `Comment automatiser mes emails de bienvenue avec Kajabi ? (${reached})`;
      const second = `Et comment ajouter un tag à chaque nouvelle inscrite ? (${reached})`;
      await openPage(page);
      await send(page, first);
      await expect.poll(() => doneAnswers(page), { timeout: 30_000 }).toBe(1);

      const keys: string[] = [];
      let held: Route | undefined;
      let holding!: () => void;
      const onItsWay = new Promise<void>((resolve) => (holding = resolve));
      await page.route('**/api/v2/chat', async (route) => {
        if (route.request().method() !== 'POST') return route.continue();
        keys.push(route.request().headers()['idempotency-key'] ?? '');
        if (held || keys.length > 1) return route.continue();
        // Its answer stays on the way; the post itself reached the API, or not.
        if (reached) expect((await route.fetch()).status()).toBe(202);
        held = route;
        holding();
      });
      await send(page, second);
      await onItsWay;
      await page.reload();
      await held?.abort().catch(() => undefined);
      await widgetOf(page).getByTestId('chat-open').click();

      await expect.poll(() => doneAnswers(page), { timeout: 30_000 }).toBe(2);
      expect(await userTexts(page)).toEqual([first, second]);
      expect(keys.length).toBeGreaterThanOrEqual(2);
      expect(new Set(keys).size).toBe(1); // posted again with the same Idempotency-Key
      expect(await storedUserMessages(page)).toEqual([first, second]);
      // Nothing left to send at the next load.
      await page.reload();
      await widgetOf(page).getByTestId('chat-open').click();
      await expect.poll(() => doneAnswers(page), { timeout: 30_000 }).toBe(2);
      expect(await userTexts(page)).toEqual([first, second]);
      expect(pageErrors).toEqual([]);
    }, 120_000);
  }
  it('keeps each tab\'s held messages its own: a reload of one tab sends its own, never the other\'s; nothing shows twice or is lost', async () => {
    const context = await chromium.browser.newContext({ locale: 'fr-FR' });
    const [a, b] = [await context.newPage(), await context.newPage()];
    const texts = {
      first: 'Comment automatiser mes emails de bienvenue avec Kajabi ?',
      a2: 'Onglet A : et pour les relances de panier ?',
      b1: 'Onglet B : comment segmenter ma liste ?',
      a3: 'Onglet A : retenue par la limite',
      b2: 'Onglet B : retenue par la limite',
    };
    const everything = Object.values(texts).sort();
    await openPage(a);
    await send(a, texts.first);
    await expect.poll(() => doneAnswers(a), { timeout: 30_000 }).toBe(1);
    await openPage(b);
    await expect.poll(() => doneAnswers(b), { timeout: 30_000 }).toBe(1);
    await send(a, texts.a2);
    await expect.poll(() => doneAnswers(b), { timeout: 30_000 }).toBe(2);
    await send(b, texts.b1);
    await expect.poll(() => doneAnswers(a), { timeout: 30_000 }).toBe(3);
    // The limit (three a conversation) is reached: each tab holds one message of its own.
    await send(a, texts.a3);
    await expect.poll(() => widgetOf(a).getByTestId('chat-error').getAttribute('data-kind')).toBe('rate_limited');
    await send(b, texts.b2);
    await expect.poll(() => widgetOf(b).getByTestId('chat-error').getAttribute('data-kind')).toBe('rate_limited');

    await a.reload();
    await widgetOf(a).getByTestId('chat-open').click();
    // A's own held message is back in A; B's stays B's only (A does not show or send it).
    await expect.poll(() => widgetOf(a).locator('[data-testid="message-user"][data-state="queued"]').allTextContents()).toEqual([texts.a3]);

    for (const page of [a, b]) await expect.poll(() => doneAnswers(page), { timeout: 60_000 }).toBe(5);
    for (const page of [a, b]) expect((await userTexts(page)).sort()).toEqual(everything);
    expect((await storedUserMessages(a)).sort()).toEqual(everything);
    // Nothing left held on the device: a reload of either shows the five once.
    await b.reload();
    await widgetOf(b).getByTestId('chat-open').click();
    await expect.poll(() => doneAnswers(b), { timeout: 30_000 }).toBe(5);
    expect((await userTexts(b)).sort()).toEqual(everything);
    expect((await storedUserMessages(b)).sort()).toEqual(everything);
    expect(pageErrors).toEqual([]);
  }, 150_000);
  it('tells the visitor what happens in their words: a 503 is the service unavailable, several held messages are plural', async () => {
    const page = await (await chromium.browser.newContext({ locale: 'fr-FR' })).newPage();
    await openPage(page);
    const bannerTexts = await recordBannerTexts(page);
    let refused = 0;
    let allTyped!: () => void;
    const typed = new Promise<void>((resolve) => (allTyped = resolve));
    await page.route('**/api/v2/chat', async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      // The second message's post waits until all are typed: the fourth and fifth are then in line together.
      if (route.request().postData()?.includes('Deuxième')) await typed;
      if (refused >= 2) return route.continue();
      refused += 1;
      await route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ error: { code: 'dependency_unavailable', message: 'Service indisponible' } }) });
    });
    await send(page, 'Première question, le service est indisponible un instant');
    await expect.poll(() => doneAnswers(page), { timeout: 30_000 }).toBe(1);
    expect(refused).toBe(2);
    expect((await bannerTexts()).join(' ')).toContain('Le service est momentanément indisponible, nouvelle tentative…');
    expect((await bannerTexts()).join(' ')).not.toContain('Connexion instable');

    // The limit (three a conversation): the fourth and fifth are held together.
    for (const text of ['Deuxième question', 'Troisième question', 'Quatrième question', 'Cinquième question']) await send(page, text);
    allTyped();
    await expect.poll(() => widgetOf(page).getByTestId('chat-error').getAttribute('data-kind'), { timeout: 30_000 }).toBe('rate_limited');
    await expect.poll(() => widgetOf(page).locator('[data-testid="message-user"][data-state="queued"]').count()).toBe(2);
    const shown = await widgetOf(page).getByTestId('chat-error').textContent();
    expect(shown).toContain('Tes 2 messages en attente partiront tout seuls.');
    expect(shown).not.toContain('Ton message en attente');
    expect(pageErrors).toEqual([]);
  }, 120_000);
  it('keeps saying the visitor is offline while a post is tried again offline (not "connexion instable"), then sends it', async () => {
    // Seen on a phone-like network (toxic proxy, 400 ± 200 ms): offline, the retries' notice replaced the offline one.
    const context = await chromium.browser.newContext({ locale: 'fr-FR' });
    const page = await context.newPage();
    await openPage(page);
    const bannerTexts = await recordBannerTexts(page);
    let failedPosts = 0;
    page.on('requestfailed', (request) => {
      if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/v2/chat') failedPosts += 1;
    });
    await context.setOffline(true);
    await send(page, 'Question écrite hors ligne');
    // The post and its first two retries, offline (each retry's notice is recorded as it shows).
    await expect.poll(() => failedPosts, { timeout: 15_000 }).toBeGreaterThanOrEqual(3);
    expect(await widgetOf(page).getByTestId('chat-error').textContent()).toContain('Tu es hors ligne');
    expect((await bannerTexts()).join(' ')).not.toContain('Connexion instable');
    await context.setOffline(false);
    await expect.poll(() => doneAnswers(page), { timeout: 30_000 }).toBe(1);
    expect(await userTexts(page)).toEqual(['Question écrite hors ligne']);
  }, 60_000);
});
