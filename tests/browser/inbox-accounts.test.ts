/**
 * The operator inbox with per-operator logins (ADMIN_ACCOUNTS), in Chromium, against the API stack
 * of the HTTP tests (real queue engine, worker, database and Redis): the page names who is logged
 * in instead of asking for a name, and a join and a reply from it are signed with the account's
 * display name. Skipped, with a message, only when no chromium is installed.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, hashAdminPassword } from '@lac/core';
import { findChromiumExecutable, launchHeadlessChromium, type HeadlessChromium, type Page } from '../../packages/widget/src/testing/headless-chromium.ts';
import { startTestApi, startTestDatabase, type TestApi, type TestDatabase } from '../../services/api/src/testing/api-test-harness.ts';

const chromiumPath = findChromiumExecutable();
if (!chromiumPath) process.stdout.write('\n[inbox accounts browser test] SKIPPED: no chromium found (CHROMIUM_PATH, /usr/bin/chromium).\n\n');

describe.skipIf(!chromiumPath)('the operator inbox with an own admin login, in Chromium', () => {
  let database: TestDatabase;
  let api: TestApi;
  let chromium: HeadlessChromium;
  let operator: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    const hash = await hashAdminPassword('mot-de-passe-de-lea', { log2N: 14, r: 8, p: 1 });
    database = await startTestDatabase(createLogger({ level: 'silent' }));
    api = await startTestApi({ name: 'inbox-accounts', database, env: { ADMIN_ACCOUNTS: `lea:${hash}:Léa Moreau`, HANDOVER_OPERATOR_WAIT_SECONDS: '3600' }, handover: {} });
    chromium = await launchHeadlessChromium(chromiumPath!);
    const context = await chromium.browser.newContext({ locale: 'fr-FR', httpCredentials: { username: 'lea', password: 'mot-de-passe-de-lea' } });
    operator = await context.newPage();
    operator.setDefaultTimeout(20_000);
    operator.on('pageerror', (error) => pageErrors.push(error.message));
  }, 300_000);

  afterAll(async () => {
    await chromium?.close();
    await api?.close();
    await database?.stop();
  }, 120_000);

  it('shows who is logged in, and joins and replies under that name without asking for one', async () => {
    const conversationId = `inbox-accounts-${randomUUID()}`;
    const first = await fetch(`${api.baseUrl}/api/v2/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', prefer: 'wait=15' },
      body: JSON.stringify({ user_id: 'visiteuse', conversation_id: conversationId, message: 'Bonjour' }),
    });
    expect(first.status).toBe(200);

    expect((await operator.goto(`${api.baseUrl}/admin/inbox`))?.status()).toBe(200);
    expect(await operator.locator('#operator-account').textContent()).toBe('Connecté·e : Léa Moreau (lea)');
    expect(await operator.locator('#operator-name').count()).toBe(0);
    await operator.locator('#filter').selectOption('all');
    await operator.locator(`#conversations button[data-conversation-id="${conversationId}"]`).click();
    await operator.locator('#join').click();
    await operator.waitForSelector('#send:not([disabled])');
    expect(await operator.locator('#conversation-title').textContent()).toContain('avec Léa Moreau');
    await operator.locator('#reply-text').fill('Bonjour, je prends le relais.');
    await operator.locator('#send').click();
    await expect.poll(() => operator.locator('#transcript li.human').count()).toBe(1);
    expect(await operator.locator('#transcript li.human').textContent()).toContain('Léa Moreau (humain)');
    expect(pageErrors).toEqual([]);
  });
});
