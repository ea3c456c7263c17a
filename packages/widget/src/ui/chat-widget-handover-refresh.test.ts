import { afterEach, describe, expect, it } from 'vitest';
import { startTestApiAroundTests } from '../../../../services/api/src/testing/test-api-around-tests.ts';
import { installHappyDomGlobals } from '../testing/happy-dom-globals.ts';
import { waitForCondition } from '../testing/wait-for-condition.ts';
import { allByTestId, doneAnswers, mountWidgetElement, oneByTestId, resetWidgetPageAroundTests, sendMessage } from '../testing/widget-element-test-support.ts';
import { TAB_SYNC_CHANNEL_NAME } from './tab-sync.ts';

/**
 * `<lac-chat-widget>` reading its thread again (another tab wrote in it) while the stream it follows
 * tells a hand-over change: the read, made before the change, answers after it. The real API with the
 * hand-over wired; the read of the conversation is held back in the page's fetch until the stream
 * has told the hand-back. The widget showed the hand-back notice, then the rebuild dropped it and put
 * the read's older state back ("Léa te répond" for good): the stream does not tell a change twice.
 * Also: an answer that ends after this tab left its conversation is not announced to the other tabs.
 */
const { window, document } = installHappyDomGlobals('http://localhost:3000/');
const { defineChatWidgetElement, WIDGET_TAG_NAME } = await import('./chat-widget-element.ts');
type LacChatWidgetElement = import('./chat-widget-element.ts').LacChatWidgetElement;

/** Holds the next answer of `GET /api/v2/conversations/:id` (the conversation's state) until released. */
function holdNextConversationRead(conversationId: string) {
  const realFetch = globalThis.fetch;
  let answered = false;
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let consumed = false;
  globalThis.fetch = async (input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const response = await realFetch(input, init);
    if (!consumed && (init?.method ?? 'GET') === 'GET' && url.pathname === `/api/v2/conversations/${conversationId}`) {
      consumed = true;
      answered = true;
      await released;
    }
    return response;
  };
  return { answered: () => answered, release, restore: () => (globalThis.fetch = realFetch) };
}

describe('<lac-chat-widget> reading its thread again while the stream tells a hand-over change', () => {
  const stack = startTestApiAroundTests({
    name: 'widget-handover-refresh',
    env: { RATE_LIMIT_MESSAGES: '20', ALLOWED_ORIGINS: '*', ADMIN_PASSWORD: 'operator-secret', HANDOVER_OPERATOR_WAIT_SECONDS: '3600' },
    handover: {},
  }, 120_000);
  resetWidgetPageAroundTests(window, document, defineChatWidgetElement);
  const realFetch = globalThis.fetch;
  afterEach(() => {
    globalThis.fetch = realFetch;
  });

  it('keeps the hand-back notice and the agents’ state when a read made before it answers after it', async () => {
    const { widget, root } = mountWidgetElement<LacChatWidgetElement>(document, WIDGET_TAG_NAME, { 'data-api-url': stack.api.baseUrl });
    sendMessage(root, 'Bonjour, une question sur mon tunnel');
    await waitForCondition(() => doneAnswers(root).length === 1);
    const { conversationId, userId } = widget.state;
    const desk = stack.api.handover!.desk;
    await desk.escalated(conversationId, userId);
    await desk.act('join', conversationId, 'Léa');
    await waitForCondition(() => allByTestId(root, 'handover-notice').some((notice) => notice.dataset.kind === 'joined'));

    // Another tab wrote in the conversation: this one reads it again, and that read (state: Léa) is held.
    const held = holdNextConversationRead(conversationId);
    const otherTab = new BroadcastChannel(TAB_SYNC_CHANNEL_NAME);
    try {
      otherTab.postMessage({ kind: 'thread_changed', conversationId });
      await waitForCondition(() => held.answered());
      await desk.act('handback', conversationId, 'Léa');
      await waitForCondition(() => allByTestId(root, 'handover-notice').some((notice) => notice.dataset.kind === 'handed_back'));
      // The held read is applied: the thread is rebuilt from it (the first message is a new element).
      const firstMessageBefore = allByTestId(root, 'message-user')[0]!;
      held.release();
      await waitForCondition(() => !firstMessageBefore.isConnected);
    } finally {
      held.restore();
      otherTab.close();
    }
    expect(allByTestId(root, 'handover-notice').map((notice) => notice.dataset.kind)).toEqual(['joined', 'handed_back']);
    expect(oneByTestId(root, 'handover-status').hidden).toBe(true);
    // The agents answer again.
    sendMessage(root, 'Et pour mes emails ?');
    await waitForCondition(() => doneAnswers(root).length === 2);
    widget.remove();
  }, 60_000);

  it('tells the other tabs nothing of an answer that came after this tab left its conversation', async () => {
    const { widget, root } = mountWidgetElement<LacChatWidgetElement>(document, WIDGET_TAG_NAME, { 'data-api-url': stack.api.baseUrl });
    sendMessage(root, 'Première question');
    await waitForCondition(() => doneAnswers(root).length === 1);
    const left = widget.state.conversationId;
    const heard: unknown[] = [];
    const otherTab = new BroadcastChannel(TAB_SYNC_CHANNEL_NAME);
    otherTab.onmessage = (event: MessageEvent) => heard.push(event.data);
    // The next answer is held back while the visitor starts a new conversation.
    await stack.api.queue.pause();
    try {
      sendMessage(root, 'Deuxième question, en attente');
      await waitForCondition(() => allByTestId(root, 'message-user').at(-1)!.dataset.state === 'sent');
      (oneByTestId(root, 'chat-new-conversation') as HTMLButtonElement).click();
      await waitForCondition(() => widget.state.conversationId !== left);
      await stack.api.queue.resume();
      // The held answer is stored, then a moment for this page to hear of it and for a word to travel.
      const deadline = Date.now() + 20_000;
      while ((await stack.api.conversations.listMessages(left)).length < 4 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
      expect(await stack.api.conversations.listMessages(left)).toHaveLength(4);
      await new Promise((resolve) => setTimeout(resolve, 2_000));
    } finally {
      await stack.api.queue.resume();
      otherTab.close();
    }
    expect(heard.filter((word) => (word as { conversationId?: string }).conversationId === left && (word as { kind?: string }).kind === 'thread_changed')).toHaveLength(1);
    widget.remove();
  }, 60_000);
});
