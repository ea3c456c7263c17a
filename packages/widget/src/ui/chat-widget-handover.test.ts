import { describe, expect, it } from 'vitest';
import { startTestApiAroundTests } from '../../../../services/api/src/testing/test-api-around-tests.ts';
import { installHappyDomGlobals } from '../testing/happy-dom-globals.ts';
import { CONVERSATION_ID_STORAGE_KEY, CONVERSATION_TOKEN_STORAGE_KEY, PENDING_MESSAGES_STORAGE_KEY, PREVIOUS_CONVERSATIONS_STORAGE_KEY } from './visitor-identity.ts';
import { waitForCondition } from '../testing/wait-for-condition.ts';
import { allByTestId, doneAnswers, mountWidgetElement, oneByTestId, resetWidgetPageAroundTests, sendMessage } from '../testing/widget-element-test-support.ts';

/**
 * `<lac-chat-widget>` and a person of the team (issue 12), in a DOM (happy-dom) against the real API
 * with the hand-over wired (desk, conversation event stream, worker): the operator's side is driven
 * through the desk the admin routes use. The widget follows the conversation stream with fetch (the
 * token in `Authorization`), shows the operator's replies with a person badge and their name, the
 * join and hand-back notices, sends the visitor's messages to the person (no agent answer) and, after
 * a reload, shows the human thread again and goes on following it. Also "Effacer mes conversations".
 */
const { window, document } = installHappyDomGlobals('http://localhost:3000/');
const { defineChatWidgetElement, WIDGET_TAG_NAME } = await import('./chat-widget-element.ts');
type LacChatWidgetElement = import('./chat-widget-element.ts').LacChatWidgetElement;
const localStorage = window.localStorage as unknown as Storage;

describe('<lac-chat-widget> when a person of the team takes over', () => {
  const stack = startTestApiAroundTests({
    name: 'widget-handover',
    env: { RATE_LIMIT_MESSAGES: '20', ALLOWED_ORIGINS: '*', ADMIN_PASSWORD: 'operator-secret', HANDOVER_OPERATOR_WAIT_SECONDS: '1', SUPPORT_HOURS: 'lun-ven 09:00-18:00' },
    handover: {},
  }, 120_000);

  resetWidgetPageAroundTests(window, document, defineChatWidgetElement);

  const mountWidget = () => mountWidgetElement<LacChatWidgetElement>(document, WIDGET_TAG_NAME, { 'data-api-url': stack.api.baseUrl });

  /** A new widget whose visitor has sent `text` and received the agent's answer. */
  async function mountWidgetWithOneAnswer(text: string) {
    const mounted = mountWidget();
    sendMessage(mounted.root, text);
    await waitForCondition(() => doneAnswers(mounted.root).length === 1);
    return mounted;
  }

  it('shows the operator joining, their replies with a person badge and name, the hand-back; resumes after a reload', async () => {
    const first = await mountWidgetWithOneAnswer('Bonjour, une question sur mon tunnel');
    const { conversationId, userId } = first.widget.state;
    const desk = stack.api.handover!.desk;

    await desk.escalated(conversationId, userId);
    await waitForCondition(() => !oneByTestId(first.root, 'handover-status').hidden);
    expect(oneByTestId(first.root, 'handover-status').textContent).toContain('équipe');

    await desk.act('join', conversationId, 'Léa');
    await waitForCondition(() => allByTestId(first.root, 'handover-notice').some((notice) => notice.dataset.kind === 'joined'));
    expect(allByTestId(first.root, 'handover-notice').at(-1)!.textContent).toContain('Léa a rejoint la conversation');
    expect(oneByTestId(first.root, 'handover-status').textContent).toContain('Léa');

    await desk.reply(conversationId, { fallbackName: 'admin' }, 'Bonjour, je suis Léa, je regarde ton tunnel.');
    await waitForCondition(() => allByTestId(first.root, 'message-human').length === 1);
    const human = oneByTestId(first.root, 'message-human');
    expect(human.querySelector('[data-testid="human-badge"]')!.textContent).toBe('🧑 Léa · équipe');
    expect(human.querySelector('.message-text')!.textContent).toBe('Bonjour, je suis Léa, je regarde ton tunnel.');
    // Not shown as an agent's answer.
    expect(doneAnswers(first.root)).toHaveLength(1);

    // The visitor's answer goes to the person: stored, no agent answer, no typing indicator left.
    sendMessage(first.root, 'Merci Léa, voici mon lien');
    await waitForCondition(() => allByTestId(first.root, 'message-user').at(-1)!.dataset.state === 'sent');
    await waitForCondition(() => first.root.querySelectorAll('[data-testid="message-assistant"]').length === 1);
    const stored = await stack.api.conversations.listMessages(conversationId);
    expect(stored.at(-1)).toMatchObject({ role: 'user', content: 'Merci Léa, voici mon lien' });

    // A reload: the history shows the human thread, and the stream goes on from where it was.
    first.widget.remove();
    const second = mountWidget();
    await waitForCondition(() => allByTestId(second.root, 'message-human').length === 1 && !oneByTestId(second.root, 'handover-status').hidden);
    expect(second.widget.state.conversationId).toBe(conversationId);
    expect(oneByTestId(second.root, 'human-badge').textContent).toBe('🧑 Léa · équipe');
    expect(oneByTestId(second.root, 'handover-status').textContent).toContain('Léa');
    expect(allByTestId(second.root, 'message-user').map((item) => item.textContent)).toEqual(['Bonjour, une question sur mon tunnel', 'Merci Léa, voici mon lien']);

    // The panel is closed: the bubble shows that the team wrote, until it is opened.
    expect(oneByTestId(second.root, 'chat-panel').hidden).toBe(true);
    await desk.reply(conversationId, { fallbackName: 'admin' }, 'Ton lien fonctionne, tout est bon.');
    await waitForCondition(() => allByTestId(second.root, 'message-human').length === 2);
    expect(oneByTestId(second.root, 'chat-open').dataset.unread).toBe('true');
    oneByTestId(second.root, 'chat-open').click();
    expect(oneByTestId(second.root, 'chat-open').dataset.unread).toBeUndefined();
    expect(allByTestId(second.root, 'message-human')[1]!.querySelector('.message-text')!.textContent).toBe('Ton lien fonctionne, tout est bon.');

    await desk.act('handback', conversationId, 'Léa');
    await waitForCondition(() => allByTestId(second.root, 'handover-notice').some((notice) => notice.dataset.kind === 'handed_back'));
    expect(allByTestId(second.root, 'handover-notice').at(-1)!.textContent).toBe('Léa a rendu la main : Audrey et Carole te répondent à nouveau.');
    expect(oneByTestId(second.root, 'handover-status').hidden).toBe(true);

    // The agents answer again.
    sendMessage(second.root, 'Et pour mes emails ?');
    await waitForCondition(() => doneAnswers(second.root).length === 2);
    // Every message shows once.
    expect(allByTestId(second.root, 'message-human')).toHaveLength(2);
    second.widget.remove();
  }, 60_000);

  it('tells the visitor, in the thread, when nobody has joined in time', async () => {
    const { widget, root } = await mountWidgetWithOneAnswer('Bonjour');
    await stack.api.handover!.desk.escalated(widget.state.conversationId, widget.state.userId);
    await waitForCondition(() => allByTestId(root, 'handover-notice').some((notice) => notice.dataset.kind === 'system'));
    const notice = allByTestId(root, 'handover-notice').find((item) => item.dataset.kind === 'system')!;
    expect(notice.textContent!.length).toBeGreaterThan(20);
    // Stored as the team's side of the conversation: the same notice after a reload, once.
    widget.remove();
    const again = mountWidget();
    await waitForCondition(() => allByTestId(again.root, 'handover-notice').length === 1);
    expect(allByTestId(again.root, 'handover-notice')[0]!.textContent).toBe(notice.textContent);
    again.widget.remove();
  }, 30_000);

  it('resumes an answer that was still being written when the page reloaded', async () => {
    const first = await mountWidgetWithOneAnswer('Première question');
    const { conversationId } = first.widget.state;
    // The worker is held back: the next message stays queued while the page reloads.
    await stack.api.queue.pause();
    try {
      sendMessage(first.root, 'Deuxième question, en attente');
      await waitForCondition(() => allByTestId(first.root, 'message-user').at(-1)!.dataset.state === 'sent');
      first.widget.remove();
      const second = mountWidget();
      await waitForCondition(() => allByTestId(second.root, 'message-user').length === 2);
      expect(allByTestId(second.root, 'message-user')[1]!.textContent).toBe('Deuxième question, en attente');
      expect(second.root.querySelectorAll('[data-testid="message-assistant"][data-state="pending"]')).toHaveLength(1);
      await stack.api.queue.resume();
      await waitForCondition(() => doneAnswers(second.root).length === 2);
      expect(second.widget.state.conversationId).toBe(conversationId);
      second.widget.remove();
    } finally {
      await stack.api.queue.resume();
    }
  }, 60_000);

  it('shows the question above a resumed answer though this device never learnt its job (reloaded before the post was answered)', async () => {
    const first = await mountWidgetWithOneAnswer('Première question');
    await stack.api.queue.pause();
    try {
      sendMessage(first.root, 'Question partie juste avant le rechargement');
      await waitForCondition(() => allByTestId(first.root, 'message-user').at(-1)!.dataset.state === 'sent');
      first.widget.remove();
      // The reload came before the 202: this device kept no copy of the pending message.
      localStorage.removeItem(PENDING_MESSAGES_STORAGE_KEY);
      const second = mountWidget();
      await waitForCondition(() => allByTestId(second.root, 'message-user').length === 2);
      expect(allByTestId(second.root, 'message-user')[1]!.textContent).toBe('Question partie juste avant le rechargement');
      await stack.api.queue.resume();
      await waitForCondition(() => doneAnswers(second.root).length === 2);
      second.widget.remove();
    } finally {
      await stack.api.queue.resume();
    }
  }, 60_000);

  it('tells the visitor an answer takes longer than usual when no word came for a while, then shows it', async () => {
    await stack.api.queue.pause();
    try {
      const { widget, root } = mountWidget();
      // "A while" is 15 s on a page: 1 s here, the queue held meanwhile (no word can come).
      widget.slowAnswerAfterMs = 1_000;
      sendMessage(root, 'Une question pendant que les agents sont occupés');
      await waitForCondition(() => allByTestId(root, 'message-assistant').some((item) => item.dataset.slow === 'true'), 30_000);
      expect(oneByTestId(root, 'message-assistant').textContent).toContain('plus de temps que d’habitude');
      expect(oneByTestId(root, 'chat-announcer').textContent).toContain('plus de temps que d’habitude');
      await stack.api.queue.resume();
      await waitForCondition(() => doneAnswers(root).length === 1, 30_000);
      widget.remove();
    } finally {
      await stack.api.queue.resume();
    }
  }, 90_000);

  it('erases the conversation after a confirmation, then starts afresh', async () => {
    const { widget, root } = await mountWidgetWithOneAnswer('Un message à effacer');
    const { conversationId } = widget.state;
    const token = (JSON.parse(localStorage.getItem(CONVERSATION_TOKEN_STORAGE_KEY)!) as { token: string }).token;

    (oneByTestId(root, 'chat-erase') as HTMLButtonElement).click();
    expect(oneByTestId(root, 'chat-erase-confirm').hidden).toBe(false);
    (oneByTestId(root, 'chat-erase-cancel') as HTMLButtonElement).click();
    expect(oneByTestId(root, 'chat-erase-confirm').hidden).toBe(true);
    expect(allByTestId(root, 'message-user')).toHaveLength(1);
    expect((await stack.api.conversations.listMessages(conversationId)).length).toBe(2);

    (oneByTestId(root, 'chat-erase') as HTMLButtonElement).click();
    (oneByTestId(root, 'chat-erase-yes') as HTMLButtonElement).click();
    await waitForCondition(() => widget.state.conversationId !== conversationId);
    expect(allByTestId(root, 'message-user')).toHaveLength(0);
    expect(localStorage.getItem(CONVERSATION_ID_STORAGE_KEY)).toBe(widget.state.conversationId);
    expect(localStorage.getItem(CONVERSATION_TOKEN_STORAGE_KEY)).toBeNull();
    expect(await stack.api.conversations.listMessages(conversationId)).toEqual([]);
    const readAgain = await fetch(`${stack.api.baseUrl}/api/v2/conversations/${conversationId}/messages`, { headers: { authorization: `Bearer ${token}` } });
    expect(readAgain.status).toBe(410);
    widget.remove();
  }, 60_000);

  it('erases the earlier conversations of this browser too ("Nouvelle conversation" left them on the server)', async () => {
    const { widget, root } = await mountWidgetWithOneAnswer('Je suis Julie Martin');
    const earlier = widget.state.conversationId;
    (oneByTestId(root, 'chat-new-conversation') as HTMLButtonElement).click();
    sendMessage(root, 'Une autre question');
    await waitForCondition(() => doneAnswers(root).length === 1);
    const current = widget.state.conversationId;
    expect(current).not.toBe(earlier);
    expect((await stack.api.conversations.listMessages(earlier)).length).toBe(2);

    (oneByTestId(root, 'chat-erase') as HTMLButtonElement).click();
    (oneByTestId(root, 'chat-erase-yes') as HTMLButtonElement).click();
    await waitForCondition(() => widget.state.conversationId !== current);
    expect(await stack.api.conversations.listMessages(earlier)).toEqual([]);
    expect(await stack.api.conversations.listMessages(current)).toEqual([]);
    expect(localStorage.getItem(PREVIOUS_CONVERSATIONS_STORAGE_KEY)).toBeNull();
    widget.remove();
  }, 60_000);

  it('keeps a conversation the server refuses to erase (its token is lost) and says so', async () => {
    const { widget, root } = await mountWidgetWithOneAnswer('Un message dont le jeton se perd');
    const { conversationId } = widget.state;
    localStorage.removeItem(CONVERSATION_TOKEN_STORAGE_KEY);

    (oneByTestId(root, 'chat-erase') as HTMLButtonElement).click();
    (oneByTestId(root, 'chat-erase-yes') as HTMLButtonElement).click();
    await waitForCondition(() => !oneByTestId(root, 'chat-error').hidden && (oneByTestId(root, 'chat-error').textContent ?? '').includes('ne peut pas être effacée'));
    expect(widget.state.conversationId).toBe(conversationId);
    expect(allByTestId(root, 'message-user')).toHaveLength(1);
    expect((await stack.api.conversations.listMessages(conversationId)).length).toBe(2);
    widget.remove();
  }, 60_000);
});
