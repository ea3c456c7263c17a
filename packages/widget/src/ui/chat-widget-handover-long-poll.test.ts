import { afterEach, describe, expect, it } from 'vitest';
import { startTestApiAroundTests } from '../../../../services/api/src/testing/test-api-around-tests.ts';
import { installHappyDomGlobals } from '../testing/happy-dom-globals.ts';
import { waitForCondition } from '../testing/wait-for-condition.ts';
import { allByTestId, doneAnswers, mountWidgetElement, oneByTestId, resetWidgetPageAroundTests, sendMessage } from '../testing/widget-element-test-support.ts';

/**
 * `<lac-chat-widget>` behind something that holds the conversation stream back (a proxy that
 * buffers): the long-poll takes over, and its first answer is compared with the state the widget
 * shows. The stream of a first message opens without an event id (it would start with a snapshot):
 * the long-poll took the first state it read for a snapshot, and a person who joined while the
 * stream was held back (the ~20 s before the long-poll) showed in the state line, never as
 * "Léa a rejoint la conversation". The real API with the hand-over wired; the stream is held in
 * the page's fetch until the operator joined, then answers as a server without streaming does.
 */
const { window, document } = installHappyDomGlobals('http://localhost:3000/');
const { defineChatWidgetElement, WIDGET_TAG_NAME } = await import('./chat-widget-element.ts');
type LacChatWidgetElement = import('./chat-widget-element.ts').LacChatWidgetElement;

/**
 * The conversation stream held until `release()`, then answered without streaming (the long-poll
 * takes over); `readHeld`: the read of the conversation's state is held too, until `release()`.
 */
function holdConversationStream(options: { streamHeld: boolean; readHeld: boolean }) {
  const realFetch = globalThis.fetch;
  let releaseRead!: () => void;
  let releaseStream!: () => void;
  const readReleased = new Promise<void>((resolve) => (releaseRead = resolve));
  const streamReleased = new Promise<void>((resolve) => (releaseStream = resolve));
  let asked = false;
  globalThis.fetch = async (input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (options.readHeld && /^\/api\/v2\/conversations\/[^/]+$/.test(url.pathname) && (init?.method ?? 'GET') === 'GET') await readReleased;
    if (!url.pathname.endsWith('/events')) return realFetch(input, init);
    asked = true;
    if (options.streamHeld) await streamReleased;
    return new Response('{}', { status: 200, headers: { 'content-type': 'application/json' } });
  };
  const release = () => (releaseRead(), releaseStream());
  return { asked: () => asked, release, releaseRead, restore: () => (release(), (globalThis.fetch = realFetch)) };
}

const statusNames = (root: ShadowRoot, name: string) => !oneByTestId(root, 'handover-status').hidden && (oneByTestId(root, 'handover-status').textContent ?? '').includes(name);

describe('<lac-chat-widget> following its conversation by long-poll', () => {
  const stack = startTestApiAroundTests({
    name: 'widget-handover-long-poll',
    env: { RATE_LIMIT_MESSAGES: '20', ALLOWED_ORIGINS: '*', ADMIN_PASSWORD: 'operator-secret', HANDOVER_OPERATOR_WAIT_SECONDS: '3600' },
    handover: {},
  }, 120_000);
  resetWidgetPageAroundTests(window, document, defineChatWidgetElement);
  const realFetch = globalThis.fetch;
  afterEach(() => {
    globalThis.fetch = realFetch;
  });

  /** A page whose visitor got an answer, then Léa joined their conversation, then the page went (a reload follows). */
  async function leaveAConversationLeaJoined(): Promise<void> {
    const first = mountWidgetElement<LacChatWidgetElement>(document, WIDGET_TAG_NAME, { 'data-api-url': stack.api.baseUrl });
    sendMessage(first.root, 'Bonjour, une question sur mon tunnel');
    await waitForCondition(() => doneAnswers(first.root).length === 1);
    const { conversationId, userId } = first.widget.state;
    await stack.api.handover!.desk.escalated(conversationId, userId);
    await stack.api.handover!.desk.act('join', conversationId, 'Léa');
    first.widget.remove();
  }

  it('tells a person who joined before the long-poll took over from a held stream', async () => {
    const held = holdConversationStream({ streamHeld: true, readHeld: false });
    const { widget, root } = mountWidgetElement<LacChatWidgetElement>(document, WIDGET_TAG_NAME, { 'data-api-url': stack.api.baseUrl });
    try {
      sendMessage(root, 'Bonjour, une question sur mon tunnel');
      await waitForCondition(() => doneAnswers(root).length === 1 && held.asked());
      const { conversationId, userId } = widget.state;
      const desk = stack.api.handover!.desk;
      await desk.escalated(conversationId, userId);
      await desk.act('join', conversationId, 'Léa');
      held.release();
      await waitForCondition(() => statusNames(root, 'Léa'));
      expect(allByTestId(root, 'handover-notice').map((notice) => notice.dataset.kind)).toEqual(['joined']);
    } finally {
      held.restore();
      widget.remove();
    }
  }, 60_000);

  it('shows the state read while the stream it follows has told none yet (held back by a proxy)', async () => {
    await leaveAConversationLeaJoined();
    // A reload on a slow network: the visitor writes before the thread is read, the stream tells nothing.
    const held = holdConversationStream({ streamHeld: true, readHeld: true });
    const { widget, root } = mountWidgetElement<LacChatWidgetElement>(document, WIDGET_TAG_NAME, { 'data-api-url': stack.api.baseUrl });
    try {
      sendMessage(root, 'Tu es là ?');
      await waitForCondition(() => held.asked());
      held.releaseRead();
      await waitForCondition(() => allByTestId(root, 'thread-loading').length === 0 && allByTestId(root, 'message-user').length >= 2);
      await waitForCondition(() => statusNames(root, 'Léa'));
      expect(allByTestId(root, 'handover-notice').map((notice) => notice.dataset.kind)).toEqual([]);
    } finally {
      held.restore();
      widget.remove();
    }
  }, 60_000);

  it('tells no join for a state it did not know yet (a message sent after a reload, before the thread was read)', async () => {
    await leaveAConversationLeaJoined();
    // A reload on a slow network: the visitor writes before the thread is read; the stream cannot stream.
    const held = holdConversationStream({ streamHeld: false, readHeld: true });
    const { widget, root } = mountWidgetElement<LacChatWidgetElement>(document, WIDGET_TAG_NAME, { 'data-api-url': stack.api.baseUrl });
    try {
      sendMessage(root, 'Tu es là ?');
      await waitForCondition(() => statusNames(root, 'Léa'));
      held.release();
      await waitForCondition(() => allByTestId(root, 'thread-loading').length === 0 && allByTestId(root, 'message-human').length === 0 && allByTestId(root, 'message-user').length >= 2);
      expect(allByTestId(root, 'handover-notice').map((notice) => notice.dataset.kind)).toEqual([]);
    } finally {
      held.restore();
      widget.remove();
    }
  }, 60_000);
});
