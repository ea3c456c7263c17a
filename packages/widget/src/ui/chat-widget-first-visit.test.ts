import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApiAroundTests } from '../../../../services/api/src/testing/test-api-around-tests.ts';
import { installHappyDomGlobals } from '../testing/happy-dom-globals.ts';
import { waitForCondition } from '../testing/wait-for-condition.ts';

/**
 * A first visit asks the server nothing about a conversation the widget has just made up (it would
 * only get a 401, shown in the browser's console); once a message was sent, a reload reads the
 * history. Against the real API; every request the widget makes is recorded on the way out.
 */
const { window, document } = installHappyDomGlobals('http://localhost:3000/');
const { defineChatWidgetElement, WIDGET_TAG_NAME } = await import('./chat-widget-element.ts');
type LacChatWidgetElement = import('./chat-widget-element.ts').LacChatWidgetElement;

const requests: string[] = [];
const realFetch = globalThis.fetch;

describe('<lac-chat-widget> on a first visit', () => {
  const stack = startTestApiAroundTests({ name: 'widget-first-visit', env: { ALLOWED_ORIGINS: '*' } }, 120_000);

  beforeAll(() => {
    defineChatWidgetElement();
    globalThis.fetch = (input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) => {
      requests.push(`${init?.method ?? 'GET'} ${new URL(input instanceof Request ? input.url : String(input)).pathname}`);
      return realFetch(input, init);
    };
  });

  afterAll(async () => {
    globalThis.fetch = realFetch;
    document.body.replaceChildren();
    await window.happyDOM.close();
  });

  function mountWidget(): { widget: LacChatWidgetElement; root: ShadowRoot } {
    const widget = document.createElement(WIDGET_TAG_NAME) as unknown as LacChatWidgetElement;
    widget.setAttribute('data-api-url', stack.api.baseUrl);
    document.body.append(widget);
    return { widget, root: widget.shadowRoot! };
  }

  it('reads no history of its brand-new conversation, then reads it after a reload once a message was sent', async () => {
    const first = mountWidget();
    const { conversationId } = first.widget.state;
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(requests.filter((request) => request.includes(`/conversations/${conversationId}`))).toEqual([]);

    const input = first.root.querySelector<HTMLTextAreaElement>('[data-testid="chat-input"]')!;
    input.value = 'Bonjour, une première question';
    first.root.querySelector<HTMLButtonElement>('[data-testid="chat-send"]')!.click();
    await waitForCondition(() => first.root.querySelectorAll('[data-testid="message-assistant"][data-state="done"]').length === 1);
    first.widget.remove();

    requests.length = 0;
    const reloaded = mountWidget();
    expect(reloaded.widget.state.conversationId).toBe(conversationId);
    await waitForCondition(() => reloaded.root.querySelectorAll('[data-testid="message-user"]').length === 1);
    expect(requests).toContain(`GET /api/v2/conversations/${conversationId}/messages`);
    reloaded.widget.remove();
  }, 60_000);
});
