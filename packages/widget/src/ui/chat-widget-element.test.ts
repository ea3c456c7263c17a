import { describe, expect, it } from 'vitest';
import { startTestApiAroundTests } from '../../../../services/api/src/testing/test-api-around-tests.ts';
import { installHappyDomGlobals } from '../testing/happy-dom-globals.ts';
import { waitForCondition } from '../testing/wait-for-condition.ts';
import { allByTestId, doneAnswers, mountWidgetElement, oneByTestId, resetWidgetPageAroundTests, sendMessage } from '../testing/widget-element-test-support.ts';
import { CONVERSATION_ID_STORAGE_KEY, readConversationToken, USER_ID_STORAGE_KEY } from './visitor-identity.ts';

/**
 * `<lac-chat-widget>` in a DOM (happy-dom) against the real API (real Redis, queue,
 * worker and PGlite store; the API's scripted test pipeline quotes the visitor's
 * message in its answer, so an answer can carry markup). The file runs in Node
 * (the API harness needs it) with a happy-dom window installed as the globals the
 * widget uses; requests go through Node's fetch, and without EventSource the
 * widget long-polls.
 */
const { window, document } = installHappyDomGlobals('http://localhost:3000/');
const { defineChatWidgetElement, WIDGET_TAG_NAME } = await import('./chat-widget-element.ts');
type LacChatWidgetElement = import('./chat-widget-element.ts').LacChatWidgetElement;
const localStorage = window.localStorage as unknown as Storage;
const ATTACK = '<img src=x onerror=alert(1)>';

describe('<lac-chat-widget> against the real API', () => {
  const stack = startTestApiAroundTests({ name: 'widget-element', env: { RATE_LIMIT_MESSAGES: '3', ALLOWED_ORIGINS: '*' } }, 120_000);

  resetWidgetPageAroundTests(window, document, defineChatWidgetElement);

  const mountWidget = () =>
    mountWidgetElement<LacChatWidgetElement>(document, WIDGET_TAG_NAME, {
      'data-api-url': stack.api.baseUrl,
      'data-title': 'Test <b>titre</b>',
      'data-primary-color': '#336699',
    });

  /** Clicks the bubble (which opens or closes the panel), then types and sends. */
  function clickBubbleAndSend(root: ShadowRoot, text: string): void {
    oneByTestId(root, 'chat-open').click();
    sendMessage(root, text);
  }

  it('keeps the ids in lac_user_id / lac_conversation_id (UUID v4) and uses an open shadow root', () => {
    const { widget, root } = mountWidget();
    expect(root.mode).toBe('open');
    expect(localStorage.getItem(USER_ID_STORAGE_KEY)).toBe(widget.state.userId);
    expect(localStorage.getItem(CONVERSATION_ID_STORAGE_KEY)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(widget.state.backend).toBe('v2');
    expect(root.querySelector('.title')!.textContent).toBe('Test <b>titre</b>');
    expect(root.querySelector('b')).toBeNull();
    for (const testId of ['chat-open', 'chat-input', 'chat-send', 'chat-error']) expect(allByTestId(root, testId)).toHaveLength(1);
  });

  it('marks the bubble when an answer comes in while the panel is closed, until it is opened', async () => {
    const { root } = mountWidget();
    clickBubbleAndSend(root, 'Une question avant de fermer le chat');
    const bubble = oneByTestId(root, 'chat-open');
    bubble.click(); // closed before the answer is written
    expect(oneByTestId(root, 'chat-panel').hidden).toBe(true);
    await waitForCondition(() => doneAnswers(root).length === 1);
    expect(bubble.dataset.unread).toBe('true');
    expect(bubble.getAttribute('aria-label')).toBe('Ouvrir le chat : nouvelle réponse');
    bubble.click();
    expect(bubble.dataset.unread).toBeUndefined();
    expect(bubble.getAttribute('aria-label')).toBe('Fermer le chat');
  });

  it('says at once that the visitor is offline (an awaited answer said only "elle arrive"), and clears it back online', () => {
    const { root } = mountWidget();
    const error = oneByTestId(root, 'chat-error');
    window.dispatchEvent(new window.Event('offline'));
    expect(error.hidden).toBe(false);
    expect(error.getAttribute('role')).toBe('alert');
    expect(error.textContent).toContain('Tu es hors ligne');
    window.dispatchEvent(new window.Event('online'));
    expect(error.hidden).toBe(true);
  });

  it('renders an answer containing <img src=x onerror=alert(1)> as text', async () => {
    const { root } = mountWidget();
    clickBubbleAndSend(root, `Regarde : ${ATTACK}`);
    await waitForCondition(() => doneAnswers(root).length === 1);
    const answer = doneAnswers(root)[0]!;
    expect(answer.querySelector('.message-text')!.textContent).toContain(`Regarde : ${ATTACK}`);
    expect(oneByTestId(root, 'message-user').textContent).toBe(`Regarde : ${ATTACK}`);
    expect(root.querySelectorAll('img')).toHaveLength(0);
    expect(answer.querySelector('[data-testid="agent-badge"]')!.textContent).toBe('🎨 Carole');
    expect(oneByTestId(root, 'chat-announcer').textContent).toContain(ATTACK);
  });

  it('restores the conversation from the API when the page comes back', async () => {
    const first = mountWidget();
    clickBubbleAndSend(first.root, 'Premier message');
    await waitForCondition(() => doneAnswers(first.root).length === 1);
    const conversationId = first.widget.state.conversationId;
    first.widget.remove();

    const second = mountWidget();
    expect(second.widget.state.conversationId).toBe(conversationId);
    await waitForCondition(() => allByTestId(second.root, 'message-user').length === 1 && doneAnswers(second.root).length === 1);
    expect(oneByTestId(second.root, 'message-user').textContent).toBe('Premier message');
    expect(oneByTestId(second.root, 'agent-badge').textContent).toBe('🎨 Carole');
  });

  it('shows the French rate-limit message with the seconds to wait and holds the message, then a new conversation starts afresh', async () => {
    const { widget, root } = mountWidget();
    for (let index = 1; index <= 3; index += 1) clickBubbleAndSend(root, `Question ${index}`);
    await waitForCondition(() => allByTestId(root, 'message-user').every((item) => item.dataset.state !== 'sending'));
    clickBubbleAndSend(root, 'Question de trop');
    const error = oneByTestId(root, 'chat-error');
    await waitForCondition(() => !error.hidden);
    expect(error.textContent).toContain('Trop de messages d’affilée.');
    expect(error.textContent).toMatch(/dans \d+ s/);
    expect(Number(error.dataset.retryAfterSeconds)).toBeGreaterThan(0);
    expect((oneByTestId(root, 'chat-send') as HTMLButtonElement).disabled).toBe(true);
    // Held, not lost: it goes by itself when the countdown ends (its text is not also put back to send twice).
    expect((oneByTestId(root, 'chat-input') as HTMLTextAreaElement).value).toBe('');
    // Shown as waiting to go ("en attente d’envoi"), not as "non envoyé": the banner says it will go by itself.
    expect(allByTestId(root, 'message-user').at(-1)!.dataset.state).toBe('queued');

    const previous = widget.state.conversationId;
    (oneByTestId(root, 'chat-new-conversation') as HTMLButtonElement).click();
    expect(widget.state.conversationId).not.toBe(previous);
    expect(localStorage.getItem(CONVERSATION_ID_STORAGE_KEY)).toBe(widget.state.conversationId);
    expect(allByTestId(root, 'message-user')).toHaveLength(0);
    expect(error.hidden).toBe(true);
    expect((oneByTestId(root, 'chat-send') as HTMLButtonElement).disabled).toBe(false);
  });

  it('holds the messages typed while offline and posts them in the order typed once back online, none lost', async () => {
    const realFetch = globalThis.fetch;
    let offline = true;
    globalThis.fetch = ((input: Parameters<typeof fetch>[0], init?: RequestInit) =>
      offline && init?.method === 'POST' && String(input).endsWith('/api/v2/chat') ? Promise.reject(new TypeError('fetch failed')) : realFetch(input, init)) as typeof fetch;
    try {
      const { widget, root } = mountWidget();
      clickBubbleAndSend(root, 'Hors ligne 1');
      sendMessage(root, 'Hors ligne 2');
      const [first, second] = allByTestId(root, 'message-user');
      // The first post's own retries are spent; the second waits behind it instead of overtaking it.
      await waitForCondition(() => first!.dataset.state === 'failed', 20_000);
      expect(second!.dataset.state).toBe('queued');
      expect(oneByTestId(root, 'chat-error').hidden).toBe(false);
      offline = false;
      window.dispatchEvent(new window.Event('online'));
      await waitForCondition(() => doneAnswers(root).length === 2, 20_000);
      const conversationId = widget.state.conversationId;
      const history = await realFetch(`${stack.api.baseUrl}/api/v2/conversations/${conversationId}/messages`, {
        headers: { Authorization: `Bearer ${readConversationToken(conversationId)}` },
      }).then((response) => response.json() as Promise<{ messages: Array<{ role: string; content: string }> }>);
      expect(history.messages.filter((message) => message.role === 'user').map((message) => message.content)).toEqual(['Hors ligne 1', 'Hors ligne 2']);
    } finally {
      globalThis.fetch = realFetch;
    }
  }, 60_000);

  it('opens and closes from the keyboard with aria-expanded and focus handling', () => {
    const { root } = mountWidget();
    const bubble = oneByTestId(root, 'chat-open') as HTMLButtonElement;
    const panel = oneByTestId(root, 'chat-panel');
    expect(bubble.getAttribute('aria-expanded')).toBe('false');
    bubble.click();
    expect(panel.hidden).toBe(false);
    expect(bubble.getAttribute('aria-expanded')).toBe('true');
    expect(root.activeElement?.getAttribute('data-testid')).toBe('chat-input');
    panel.dispatchEvent(new window.KeyboardEvent('keydown', { key: 'Escape', bubbles: true }) as unknown as Event);
    expect(panel.hidden).toBe(true);
    expect(root.activeElement?.getAttribute('data-testid')).toBe('chat-open');
  });
});
