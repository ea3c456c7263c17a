/**
 * The operator inbox in Chromium when a visitor withdraws a waiting hand-over, and when a colleague
 * holds a conversation, against the API stack of the HTTP tests (real queue engine, worker,
 * database, Redis, the agents' pipeline in local mode): the visitor's side is driven by HTTP
 * (POST /api/v2/chat, then POST …/handover/cancel with the conversation token).
 *
 * - a withdrawn case says so in the open conversation (a notice) and in the list (its badge; it
 *   stays among the cases to handle until the operator has opened it), and joining it is only a
 *   secondary action ("Prendre la main quand même"), which still works;
 * - an inbox opened (or reloaded) after the withdrawal says it the same way, from the conversation's
 *   stored reason (`state_change_reason`), not from the live event it never heard;
 * - a conversation a colleague holds: with no name typed (shared login) nothing can be sent and the
 *   line under the reply box says why; with another name, it names the colleague and what to do;
 *   handing it back or closing it is asked first, naming the colleague.
 *
 * Skipped, with a message, only when no chromium is installed.
 */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromiumExecutable, saveBrowserTestScreenshot, type HeadlessChromium, type Page } from '../../packages/widget/src/testing/headless-chromium.ts';
import type { TestApi, TestDatabase } from '../../services/api/src/testing/api-test-harness.ts';
import { INBOX_OPERATOR_PASSWORD, startInboxBrowserStack, type InboxBrowserStack } from './support/inbox-browser-stack.ts';
import { waitUntilInboxLive } from './support/operator-inbox-tab.ts';

const chromiumPath = findChromiumExecutable();
if (!chromiumPath) process.stdout.write('\n[inbox withdrawn hand-over browser test] SKIPPED: no chromium found (CHROMIUM_PATH, /usr/bin/chromium).\n\n');

const ESCALATING = "Je veux parler à quelqu'un de l'équipe";
const adminAuthorization = `Basic ${Buffer.from(`admin:${INBOX_OPERATOR_PASSWORD}`).toString('base64')}`;

describe.skipIf(!chromiumPath)('the operator inbox: a hand-over the visitor withdrew, a conversation a colleague holds', () => {
  let stack: InboxBrowserStack;
  let database: TestDatabase;
  let api: TestApi;
  let chromium: HeadlessChromium;
  let operator: Page;
  const pageErrors: string[] = [];

  const item = (conversationId: string) => operator.locator(`#conversations button[data-conversation-id="${conversationId}"]`);

  /** A visitor who asks for a person; `cancel` withdraws the request with their conversation token. */
  async function escalatedVisitor() {
    const conversationId = `withdrawn-${randomUUID()}`;
    const response = await fetch(`${api.baseUrl}/api/v2/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', prefer: 'wait=15' },
      body: JSON.stringify({ user_id: `user-${conversationId}`, conversation_id: conversationId, message: ESCALATING }),
    });
    const body = (await response.json()) as { conversation_token: string; result: { agent: string } };
    expect(body.result.agent).toBe('escalate');
    return {
      conversationId,
      cancel: async () =>
        fetch(`${api.baseUrl}/api/v2/conversations/${encodeURIComponent(conversationId)}/handover/cancel`, {
          method: 'POST',
          headers: { authorization: `Bearer ${body.conversation_token}` },
        }).then((answer) => answer.status),
    };
  }

  beforeAll(async () => {
    stack = await startInboxBrowserStack('inbox-withdrawn', chromiumPath!);
    ({ database, api, chromium } = stack);
    const context = await chromium.browser.newContext({ viewport: { width: 1280, height: 820 }, locale: 'fr-FR', httpCredentials: { username: 'admin', password: INBOX_OPERATOR_PASSWORD } });
    operator = await context.newPage();
    operator.setDefaultTimeout(20_000);
    operator.on('pageerror', (error) => pageErrors.push(error.message));
    expect((await operator.goto(`${api.baseUrl}/admin/inbox`))?.status()).toBe(200);
    await operator.locator('#operator-name').fill('Léa');
    await waitUntilInboxLive(operator);
  }, 300_000);

  afterAll(async () => {
    await stack?.close();
  }, 120_000);

  it('the open case the visitor withdraws: a notice says so, the list too, and joining is no longer the obvious action', async () => {
    const visitor = await escalatedVisitor();
    await item(visitor.conversationId).click();
    await operator.waitForSelector('#join:not([disabled])');
    // The automatic hand-over reply is named as the widget names it, not as an agent ("Orchestrateur").
    expect(await operator.locator('#transcript li.agent .who').first().textContent()).toMatch(/^Relais à l’équipe \(message automatique\) · \d{2}:\d{2}$/);
    expect(await operator.locator('#join').textContent()).toBe('Rejoindre');
    expect(await operator.locator('#join').evaluate((button) => button.classList.contains('secondary'))).toBe(false);
    expect(await operator.locator('#withdrawn-notice').isVisible()).toBe(false);

    expect(await visitor.cancel()).toBe(200);
    const notice = operator.locator('#withdrawn-notice');
    await notice.waitFor({ state: 'visible' });
    expect(await notice.textContent()).toMatch(/^Le visiteur a retiré sa demande à \d{2}:\d{2} : les agents lui répondent de nouveau\. Rien à faire de ton côté\.$/);
    expect(await operator.locator('#conversation-title').textContent()).toContain('Demande retirée, avec les agents');
    // Still possible, deliberately: a secondary action that says so.
    expect(await operator.locator('#join').textContent()).toBe('Prendre la main quand même');
    expect(await operator.locator('#join').evaluate((button) => button.classList.contains('secondary'))).toBe(true);
    expect(await operator.locator('#conversation p.hint').textContent()).toBe('Le visiteur n’attend plus personne. Pour lui écrire quand même, prends la main (bouton ci-dessus).');
    // The list ("À traiter") keeps it, marked, while it is open.
    await expect.poll(() => item(visitor.conversationId).locator('.badge').textContent()).toBe('Demande retirée');
    expect(await item(visitor.conversationId).locator('.meta').textContent()).toMatch(/retirée par le visiteur à \d{2}:\d{2}, revenue aux agents/);
    await saveBrowserTestScreenshot(operator, 'inbox-withdrawn-open', 'inbox withdrawn hand-over browser test');

    // Taken over deliberately: the operator holds it and may answer.
    await operator.locator('#join').click();
    await operator.waitForSelector('#send:not([disabled])');
    expect(await notice.isVisible()).toBe(false);
    expect(await operator.locator('#conversation-title').textContent()).toContain('Tenue par une personne — avec Léa');
    expect(await operator.locator('#conversation p.hint').textContent()).toBe('Ctrl+Entrée envoie la réponse.');
  });

  it('a case withdrawn while another is open stays listed, marked, until the operator has opened it', async () => {
    const elsewhere = await escalatedVisitor();
    const withdrawing = await escalatedVisitor();
    await item(elsewhere.conversationId).click();
    await item(withdrawing.conversationId).waitFor();
    expect(await withdrawing.cancel()).toBe(200);
    await expect.poll(() => item(withdrawing.conversationId).locator('.badge').textContent()).toBe('Demande retirée');
    await item(withdrawing.conversationId).click();
    await operator.locator('#withdrawn-notice').waitFor({ state: 'visible' });
    // Read: once the operator moves on, it leaves the cases to handle (it is with the agents).
    await item(elsewhere.conversationId).click();
    await expect.poll(() => item(withdrawing.conversationId).count()).toBe(0);
    await operator.locator('#filter').selectOption('ai');
    await expect.poll(() => item(withdrawing.conversationId).locator('.badge').textContent()).toBe('Demande retirée');
    await operator.locator('#filter').selectOption('open');
    expect(pageErrors).toEqual([]);
  });

  it('an inbox opened after the withdrawal says it as the live one did, from the stored state; opened, it leaves the cases to handle', async () => {
    const visitor = await escalatedVisitor();
    expect(await visitor.cancel()).toBe(200);
    // A browser that heard nothing of it: no live event, nothing in its storage.
    const context = await chromium.browser.newContext({ viewport: { width: 1280, height: 820 }, locale: 'fr-FR', httpCredentials: { username: 'admin', password: INBOX_OPERATOR_PASSWORD } });
    const later = await context.newPage();
    later.setDefaultTimeout(20_000);
    later.on('pageerror', (error) => pageErrors.push(error.message));
    const laterItem = () => later.locator(`#conversations button[data-conversation-id="${visitor.conversationId}"]`);
    await later.goto(`${api.baseUrl}/admin/inbox`);
    await later.locator('#operator-name').fill('Léa');
    await waitUntilInboxLive(later);
    // Among the cases to handle, marked, as the inbox that was open when it happened shows it.
    await expect.poll(() => laterItem().locator('.badge').textContent()).toBe('Demande retirée');
    expect(await laterItem().locator('.meta').textContent()).toMatch(/retirée par le visiteur à \d{2}:\d{2}, revenue aux agents/);
    await laterItem().click();
    const notice = later.locator('#withdrawn-notice');
    await notice.waitFor({ state: 'visible' });
    expect(await notice.textContent()).toMatch(/^Le visiteur a retiré sa demande à \d{2}:\d{2} : les agents lui répondent de nouveau\. Rien à faire de ton côté\.$/);
    expect(await later.locator('#conversation-title').textContent()).toContain('Demande retirée, avec les agents');
    expect(await later.locator('#join').textContent()).toBe('Prendre la main quand même');
    expect(await later.locator('#conversation p.hint').textContent()).toBe('Le visiteur n’attend plus personne. Pour lui écrire quand même, prends la main (bouton ci-dessus).');
    // The inbox opened again after it was opened (a reload would open it again: the address names it):
    // no longer a case to handle, still marked among the agents' conversations.
    await later.goto(`${api.baseUrl}/admin/inbox`);
    await waitUntilInboxLive(later);
    await expect.poll(() => laterItem().count()).toBe(0);
    await later.locator('#filter').selectOption('ai');
    await expect.poll(() => laterItem().locator('.badge').textContent()).toBe('Demande retirée');
    await laterItem().click();
    await notice.waitFor({ state: 'visible' });
    await context.close();
    expect(pageErrors).toEqual([]);
  });

  /** The conversation as the operators' API reads it. */
  const read = async (conversationId: string) =>
    (await (await fetch(`${api.baseUrl}/admin/conversations/${encodeURIComponent(conversationId)}`, { headers: { authorization: adminAuthorization } })).json()) as {
      state: string;
      operator: { name: string } | null;
      messages: Array<{ author?: string }>;
    };

  it('a conversation a colleague holds: no name typed, nothing can be sent (said why); named, the line names the colleague; taking it from them is asked first', async () => {
    const visitor = await escalatedVisitor();
    await item(visitor.conversationId).click();
    await operator.locator('#join').click();
    await operator.waitForSelector('#send:not([disabled])');
    const context = await chromium.browser.newContext({ viewport: { width: 1280, height: 820 }, locale: 'fr-FR', httpCredentials: { username: 'admin', password: INBOX_OPERATOR_PASSWORD } });
    const colleague = await context.newPage();
    colleague.on('pageerror', (error) => pageErrors.push(error.message));
    await colleague.goto(`${api.baseUrl}/admin/inbox`);
    await colleague.locator(`#conversations button[data-conversation-id="${visitor.conversationId}"]`).click();
    await colleague.waitForSelector('#conversation-title:has-text("avec Léa")');

    // The shared login and no name typed: a reply would be signed with Léa's name, whoever wrote it.
    expect(await colleague.locator('#send').isDisabled()).toBe(true);
    expect(await colleague.locator('#conversation p.hint').textContent()).toBe(
      'Léa a rejoint cette conversation. Indique ton nom en haut pour répondre : chaque réponse est signée du nom de qui l’écrit, et seule la personne qui a rejoint peut répondre.',
    );
    await colleague.locator('#reply-text').fill('Je réponds sans nom');
    await colleague.locator('#reply-text').press('Control+Enter');
    await colleague.waitForTimeout(500);
    expect((await read(visitor.conversationId)).messages.filter((message) => message.author === 'human')).toEqual([]);
    expect(await colleague.locator('#reply-text').inputValue()).toBe('Je réponds sans nom');

    await colleague.locator('#operator-name').fill('Marc');
    await colleague.waitForSelector('#send[disabled]');
    expect(await colleague.locator('#reply-text').isDisabled()).toBe(true);
    expect(await colleague.locator('#conversation p.hint').textContent()).toBe(
      'Léa a rejoint cette conversation : c’est Léa qui répond au visiteur. Pour la reprendre, demande-lui de rendre la main aux agents, puis rejoins-la.',
    );
    await saveBrowserTestScreenshot(colleague, 'inbox-held-by-colleague', 'inbox withdrawn hand-over browser test');

    // Handing back or closing Léa's conversation: asked first, naming her; declined, nothing changes.
    const questions: string[] = [];
    let accept = false;
    colleague.on('dialog', (dialog) => {
      questions.push(dialog.message());
      void (accept ? dialog.accept() : dialog.dismiss());
    });
    await colleague.locator('#close').click();
    await colleague.locator('#handback').click();
    expect(questions).toEqual([
      'Léa tient cette conversation et répond au visiteur. Fermer cette conversation à la place de Léa ? Léa ne pourra plus lui répondre.',
      'Léa tient cette conversation et répond au visiteur. Rendre la main aux agents à la place de Léa ? Léa ne pourra plus lui répondre.',
    ]);
    expect(await read(visitor.conversationId)).toMatchObject({ state: 'human', operator: { name: 'Léa' } });
    accept = true;
    await colleague.locator('#handback').click();
    await expect.poll(async () => (await read(visitor.conversationId)).state).toBe('ai');
    expect(questions).toHaveLength(3);
    await context.close();

    // Léa hands back her own conversation without being asked.
    const own = await escalatedVisitor();
    await item(own.conversationId).click();
    await operator.locator('#join').click();
    await operator.waitForSelector('#send:not([disabled])');
    let asked = 0;
    operator.on('dialog', (dialog) => {
      asked += 1;
      void dialog.dismiss();
    });
    await operator.locator('#handback').click();
    await expect.poll(async () => (await read(own.conversationId)).state).toBe('ai');
    expect(asked).toBe(0);
    expect(pageErrors).toEqual([]);
  });

  it('after the API’s subscription missed events, the open inbox reads again what it shows', async () => {
    const visitor = await escalatedVisitor();
    await item(visitor.conversationId).click();
    await operator.waitForSelector('#join:not([disabled])');
    // The escalation's own events (its reply stored, the state changed) may still be on their way on
    // a loaded machine, each reading the open case again: they are let through first, until the
    // case has not been read for a second.
    let lastCaseRead = Date.now();
    const caseUrl = `/admin/conversations/${encodeURIComponent(visitor.conversationId)}`;
    operator.on('request', (request) => {
      if (new URL(request.url()).pathname === caseUrl) lastCaseRead = Date.now();
    });
    await expect.poll(() => Date.now() - lastCaseRead, { timeout: 20_000 }).toBeGreaterThan(1000);
    // A message stored whose event this API never heard (its subscription was moving to another
    // cluster node when it was announced).
    const missed = 'Vous êtes toujours là ? Ma page de vente ne charge plus.';
    await database.pool.query(`INSERT INTO messages (conversation_id, role, content) VALUES ($1, 'user', $2)`, [visitor.conversationId, missed]);
    await operator.waitForTimeout(500);
    expect(await operator.locator('#transcript').textContent()).not.toContain(missed);
    // The subscription comes back: the stream says `resync`, and the inbox reads the list and the case again.
    (api.handover!.events as unknown as { options: { subscriber: Redis } }).options.subscriber.disconnect(true);
    await operator.waitForSelector(`#transcript li:has-text("${missed}")`);
    expect(pageErrors).toEqual([]);
  });
});
