import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestApiAroundTests } from '../../../../services/api/src/testing/test-api-around-tests.ts';
import { installHappyDomGlobals } from '../testing/happy-dom-globals.ts';
import { CONVERSATION_ID_STORAGE_KEY, USER_ID_STORAGE_KEY } from './visitor-identity.ts';

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

async function waitUntil(condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('<lac-chat-widget> against the real API', () => {
  const stack = startTestApiAroundTests({ name: 'widget-element', env: { RATE_LIMIT_MESSAGES: '3', ALLOWED_ORIGINS: '*' } }, 120_000);

  beforeAll(() => defineChatWidgetElement());

  afterAll(async () => {
    await window.happyDOM.close();
  });

  beforeEach(() => {
    document.body.replaceChildren();
    localStorage.clear();
  });

  function mountWidget(): { widget: LacChatWidgetElement; root: ShadowRoot } {
    const widget = document.createElement(WIDGET_TAG_NAME) as unknown as LacChatWidgetElement;
    widget.setAttribute('data-api-url', stack.api.baseUrl);
    widget.setAttribute('data-title', 'Test <b>titre</b>');
    widget.setAttribute('data-primary-color', '#336699');
    document.body.append(widget);
    return { widget, root: widget.shadowRoot! };
  }

  const byTestId = (root: ShadowRoot, testId: string) => Array.from(root.querySelectorAll<HTMLElement>(`[data-testid="${testId}"]`));

  function sendMessage(root: ShadowRoot, text: string): void {
    byTestId(root, 'chat-open')[0]!.click();
    const input = byTestId(root, 'chat-input')[0] as HTMLTextAreaElement;
    input.value = text;
    (byTestId(root, 'chat-send')[0] as HTMLButtonElement).click();
  }

  const doneAnswers = (root: ShadowRoot) => Array.from(root.querySelectorAll<HTMLElement>('[data-testid="message-assistant"][data-state="done"]'));

  it('keeps the ids in lac_user_id / lac_conversation_id (UUID v4) and uses an open shadow root', () => {
    const { widget, root } = mountWidget();
    expect(root.mode).toBe('open');
    expect(localStorage.getItem(USER_ID_STORAGE_KEY)).toBe(widget.state.userId);
    expect(localStorage.getItem(CONVERSATION_ID_STORAGE_KEY)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(widget.state.backend).toBe('v2');
    expect(root.querySelector('.title')!.textContent).toBe('Test <b>titre</b>');
    expect(root.querySelector('b')).toBeNull();
    for (const testId of ['chat-open', 'chat-input', 'chat-send', 'chat-error']) expect(byTestId(root, testId)).toHaveLength(1);
  });

  it('renders an answer containing <img src=x onerror=alert(1)> as text', async () => {
    const { root } = mountWidget();
    sendMessage(root, `Regarde : ${ATTACK}`);
    await waitUntil(() => doneAnswers(root).length === 1);
    const answer = doneAnswers(root)[0]!;
    expect(answer.querySelector('.message-text')!.textContent).toContain(`Regarde : ${ATTACK}`);
    expect(byTestId(root, 'message-user')[0]!.textContent).toBe(`Regarde : ${ATTACK}`);
    expect(root.querySelectorAll('img')).toHaveLength(0);
    expect(answer.querySelector('[data-testid="agent-badge"]')!.textContent).toBe('🎨 Carole');
    expect(byTestId(root, 'chat-announcer')[0]!.textContent).toContain(ATTACK);
  });

  it('restores the conversation from the API when the page comes back', async () => {
    const first = mountWidget();
    sendMessage(first.root, 'Premier message');
    await waitUntil(() => doneAnswers(first.root).length === 1);
    const conversationId = first.widget.state.conversationId;
    first.widget.remove();

    const second = mountWidget();
    expect(second.widget.state.conversationId).toBe(conversationId);
    await waitUntil(() => byTestId(second.root, 'message-user').length === 1 && doneAnswers(second.root).length === 1);
    expect(byTestId(second.root, 'message-user')[0]!.textContent).toBe('Premier message');
    expect(byTestId(second.root, 'agent-badge')[0]!.textContent).toBe('🎨 Carole');
  });

  it('shows the French rate-limit message with the seconds to wait, then a new conversation starts afresh', async () => {
    const { widget, root } = mountWidget();
    for (let index = 1; index <= 3; index += 1) sendMessage(root, `Question ${index}`);
    await waitUntil(() => byTestId(root, 'message-user').every((item) => item.dataset.state !== 'sending'));
    sendMessage(root, 'Question de trop');
    const error = byTestId(root, 'chat-error')[0]!;
    await waitUntil(() => !error.hidden);
    expect(error.textContent).toContain('Trop de messages. Veuillez patienter.');
    expect(error.textContent).toMatch(/dans \d+ s/);
    expect(Number(error.dataset.retryAfterSeconds)).toBeGreaterThan(0);
    expect((byTestId(root, 'chat-send')[0] as HTMLButtonElement).disabled).toBe(true);
    expect((byTestId(root, 'chat-input')[0] as HTMLTextAreaElement).value).toBe('Question de trop');
    expect(byTestId(root, 'message-user').at(-1)!.dataset.state).toBe('failed');

    const previous = widget.state.conversationId;
    (byTestId(root, 'chat-new-conversation')[0] as HTMLButtonElement).click();
    expect(widget.state.conversationId).not.toBe(previous);
    expect(localStorage.getItem(CONVERSATION_ID_STORAGE_KEY)).toBe(widget.state.conversationId);
    expect(byTestId(root, 'message-user')).toHaveLength(0);
    expect(error.hidden).toBe(true);
    expect((byTestId(root, 'chat-send')[0] as HTMLButtonElement).disabled).toBe(false);
  });

  it('opens and closes from the keyboard with aria-expanded and focus handling', () => {
    const { root } = mountWidget();
    const bubble = byTestId(root, 'chat-open')[0] as HTMLButtonElement;
    const panel = byTestId(root, 'chat-panel')[0]!;
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
