import { describe, expect, it } from 'vitest';
import { startTestApiAroundTests } from '../../../../services/api/src/testing/test-api-around-tests.ts';
import { installHappyDomGlobals } from '../testing/happy-dom-globals.ts';
import { waitForCondition } from '../testing/wait-for-condition.ts';
import { allByTestId, doneAnswers, mountWidgetElement, oneByTestId, resetWidgetPageAroundTests, sendMessage } from '../testing/widget-element-test-support.ts';
import { CONVERSATION_ID_STORAGE_KEY, readConversationToken } from './visitor-identity.ts';

/**
 * Two tabs of one browser (tab-sync.ts): two `<lac-chat-widget>` elements sharing the page's
 * localStorage, each with its own BroadcastChannel (Node's, as a browser's tabs have), against the
 * real API with the hand-over wired (the snapshot lists unanswered messages). What one tab does shows
 * in the other without a reload, in the server's order, once; an erasure moves the other tab to the
 * new conversation, where its next message goes.
 */
const { window, document } = installHappyDomGlobals('http://localhost:3000/');
const { defineChatWidgetElement, WIDGET_TAG_NAME } = await import('./chat-widget-element.ts');
type LacChatWidgetElement = import('./chat-widget-element.ts').LacChatWidgetElement;
const localStorage = window.localStorage as unknown as Storage;

const texts = (root: ShadowRoot, testId: string) => allByTestId(root, testId).map((item) => item.querySelector('.message-text')?.textContent ?? item.textContent);
const input = (root: ShadowRoot) => oneByTestId(root, 'chat-input') as HTMLTextAreaElement;

describe('<lac-chat-widget> open in two tabs', () => {
  const stack = startTestApiAroundTests(
    { name: 'widget-tabs', env: { RATE_LIMIT_MESSAGES: '20', ALLOWED_ORIGINS: '*', ADMIN_PASSWORD: 'operator-secret' }, handover: {} },
    120_000,
  );

  resetWidgetPageAroundTests(window, document, defineChatWidgetElement);

  const mountTab = () => mountWidgetElement<LacChatWidgetElement>(document, WIDGET_TAG_NAME, { 'data-api-url': stack.api.baseUrl });

  it('shows a question asked and answered in one tab in the other, without a reload, keeping what is typed there', async () => {
    const a = mountTab();
    const b = mountTab();
    expect(b.widget.state.conversationId).toBe(a.widget.state.conversationId);
    input(b.root).value = 'Un brouillon en cours';

    sendMessage(a.root, 'Question posée dans l’onglet A');
    await waitForCondition(() => doneAnswers(a.root).length === 1);
    await waitForCondition(() => doneAnswers(b.root).length === 1);
    expect(texts(b.root, 'message-user')).toEqual(['Question posée dans l’onglet A']);
    expect(input(b.root).value).toBe('Un brouillon en cours');

    // B writes: its thread has A's exchange, then its own; A shows B's, once each.
    input(b.root).value = '';
    sendMessage(b.root, 'Question posée dans l’onglet B');
    await waitForCondition(() => doneAnswers(b.root).length === 2 && doneAnswers(a.root).length === 2);
    for (const tab of [a, b]) {
      expect(texts(tab.root, 'message-user')).toEqual(['Question posée dans l’onglet A', 'Question posée dans l’onglet B']);
      expect(allByTestId(tab.root, 'message-assistant')).toHaveLength(2);
    }
    expect(doneAnswers(a.root)[1]!.textContent).toContain('Question posée dans l’onglet B');
  }, 60_000);

  it('keeps a tab’s own unanswered message pending, once, while the other tab’s exchange comes in; both end in the server’s order', async () => {
    const a = mountTab();
    sendMessage(a.root, 'Première question');
    await waitForCondition(() => doneAnswers(a.root).length === 1);
    const b = mountTab();
    await waitForCondition(() => doneAnswers(b.root).length === 1);
    await stack.api.queue.pause();
    try {
      sendMessage(b.root, 'Question de B, en attente');
      await waitForCondition(() => allByTestId(b.root, 'message-user').at(-1)!.dataset.state === 'sent');
      // A learns of B's question and waits for its answer too.
      await waitForCondition(() => allByTestId(a.root, 'message-user').length === 2);
      sendMessage(a.root, 'Question de A, en attente');
      await waitForCondition(() => allByTestId(b.root, 'message-user').length === 3);
      for (const tab of [a, b]) {
        expect(texts(tab.root, 'message-user')).toEqual(['Première question', 'Question de B, en attente', 'Question de A, en attente']);
        expect(tab.root.querySelectorAll('[data-testid="message-assistant"][data-state="pending"]')).toHaveLength(2);
      }
      await stack.api.queue.resume();
      await waitForCondition(() => doneAnswers(a.root).length === 3 && doneAnswers(b.root).length === 3, 30_000);
      const stored = await stack.api.conversations.listMessages(a.widget.state.conversationId);
      const serverOrder = stored.filter((message) => message.role === 'user').map((message) => message.content);
      // The thread settles on the server's order, each message once.
      await waitForCondition(() => JSON.stringify(texts(a.root, 'message-user')) === JSON.stringify(serverOrder) && JSON.stringify(texts(b.root, 'message-user')) === JSON.stringify(serverOrder));
      for (const tab of [a, b]) expect(allByTestId(tab.root, 'message-assistant')).toHaveLength(3);
    } finally {
      await stack.api.queue.resume();
    }
  }, 60_000);

  it('moves the other tab to the fresh conversation after an erasure: empty thread, its next message goes there', async () => {
    const a = mountTab();
    const b = mountTab();
    sendMessage(a.root, 'Un message à effacer');
    await waitForCondition(() => doneAnswers(b.root).length === 1);
    const erased = a.widget.state.conversationId;

    (oneByTestId(a.root, 'chat-erase') as HTMLButtonElement).click();
    (oneByTestId(a.root, 'chat-erase-yes') as HTMLButtonElement).click();
    await waitForCondition(() => a.widget.state.conversationId !== erased);
    await waitForCondition(() => b.widget.state.conversationId === a.widget.state.conversationId);
    expect(b.widget.state.conversationId).toBe(localStorage.getItem(CONVERSATION_ID_STORAGE_KEY));
    expect(allByTestId(b.root, 'message-user')).toHaveLength(0);
    expect(b.root.querySelector('.welcome')).not.toBeNull();
    expect(oneByTestId(b.root, 'chat-announcer').textContent).toContain('effacées');

    sendMessage(b.root, 'Nouvelle question après l’effacement');
    await waitForCondition(() => doneAnswers(b.root).length === 1);
    const fresh = b.widget.state.conversationId;
    expect(readConversationToken(fresh)).toBeTruthy();
    expect((await stack.api.conversations.listMessages(fresh)).map((message) => message.content)[0]).toBe('Nouvelle question après l’effacement');
    expect(await stack.api.conversations.listMessages(erased)).toEqual([]);
    // And A, on the same fresh conversation, shows it.
    await waitForCondition(() => doneAnswers(a.root).length === 1);
    expect(texts(a.root, 'message-user')).toEqual(['Nouvelle question après l’effacement']);
  }, 60_000);
});
