import { describe, expect, it } from 'vitest';
import { conversationTransitions } from '@lac/core';
import { waitUntil } from '@lac/core/testing';
import { startTestApiAroundTests } from '../../../../services/api/src/testing/test-api-around-tests.ts';
import { installHappyDomGlobals } from '../testing/happy-dom-globals.ts';
import { waitForCondition } from '../testing/wait-for-condition.ts';
import { allByTestId, doneAnswers, mountWidgetElement, oneByTestId, resetWidgetPageAroundTests, sendMessage } from '../testing/widget-element-test-support.ts';

/**
 * "Annuler et revenir à l’assistante" in `<lac-chat-widget>` (happy-dom) against the real API with
 * the hand-over wired: while the conversation waits for a person, the visitor withdraws the request,
 * the thread says so and the next message goes to the agents; when a person joined in the meantime
 * (the widget has not heard it yet), the thread says who joined instead.
 */
const { window, document } = installHappyDomGlobals('http://localhost:3000/');
const { defineChatWidgetElement, WIDGET_TAG_NAME } = await import('./chat-widget-element.ts');
type LacChatWidgetElement = import('./chat-widget-element.ts').LacChatWidgetElement;

describe('<lac-chat-widget>: the visitor withdraws a hand-over request', () => {
  const stack = startTestApiAroundTests({
    name: 'widget-handover-cancel',
    env: { RATE_LIMIT_MESSAGES: '20', ALLOWED_ORIGINS: '*', ADMIN_PASSWORD: 'operator-secret', HANDOVER_OPERATOR_WAIT_SECONDS: '600' },
    handover: {},
  }, 120_000);

  resetWidgetPageAroundTests(window, document, defineChatWidgetElement);

  /** A widget whose conversation had one answer, then waits for a person (the button shows). */
  async function waitingWidget() {
    const mounted = mountWidgetElement<LacChatWidgetElement>(document, WIDGET_TAG_NAME, { 'data-api-url': stack.api.baseUrl });
    sendMessage(mounted.root, 'Bonjour, une question sur mon tunnel');
    await waitForCondition(() => doneAnswers(mounted.root).length === 1);
    expect(oneByTestId(mounted.root, 'handover-cancel').hidden).toBe(true);
    await stack.api.handover!.desk.escalated(mounted.widget.state.conversationId, mounted.widget.state.userId);
    await waitForCondition(() => !oneByTestId(mounted.root, 'handover-cancel').hidden);
    return mounted;
  }

  it('shows the button while waiting; a click gives the conversation back to the agents, who answer the next message', async () => {
    const { widget, root } = await waitingWidget();
    const { conversationId } = widget.state;
    const button = oneByTestId(root, 'handover-cancel');
    expect(button.textContent).toBe('Annuler et revenir à l’assistante');

    // Sent while waiting: held for a person (no agent answer), and stays stored as it is.
    sendMessage(root, 'Finalement non, laisse tomber');
    await waitForCondition(() => allByTestId(root, 'message-user').at(-1)!.dataset.state === 'sent');
    // Held once the worker took it (stored as the conversation's last message): withdrawn before, the
    // agents would answer it (as they should then), which is not what this test is about.
    await waitUntil(
      () => stack.api.conversations.listMessages(conversationId),
      (messages) => messages.at(-1)?.content === 'Finalement non, laisse tomber',
    );
    expect(doneAnswers(root)).toHaveLength(1);

    // From the keyboard: focus on the button, which hides itself once the request is withdrawn.
    button.focus();
    button.click();
    await waitForCondition(() => allByTestId(root, 'handover-notice').some((notice) => notice.dataset.kind === 'cancelled'));
    // Focus goes to the message box, not to the page: the next question can be typed at once.
    await waitForCondition(() => root.activeElement === oneByTestId(root, 'chat-input'));
    expect(allByTestId(root, 'handover-notice').at(-1)!.textContent).toBe('C’est noté, tu n’attends plus personne : Audrey et Carole te répondent à nouveau.');
    expect(button.hidden).toBe(true);
    expect(oneByTestId(root, 'handover-status').hidden).toBe(true);
    expect(await stack.api.handover!.desk.get(conversationId)).toMatchObject({ state: 'ai' });
    const stored = await stack.api.conversations.listMessages(conversationId);
    expect(stored.at(-1)).toMatchObject({ role: 'user', content: 'Finalement non, laisse tomber' });

    sendMessage(root, 'Comment automatiser mes emails avec Kajabi ?');
    await waitForCondition(() => doneAnswers(root).length === 2);
    // The stream's own copy of the change adds no second notice.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(allByTestId(root, 'handover-notice').filter((notice) => notice.dataset.kind !== 'system').map((notice) => notice.dataset.kind)).toEqual(['cancelled']);
    widget.remove();
  }, 60_000);

  it('when a person joined before the click, says who joined and keeps the conversation with them', async () => {
    const { widget, root } = await waitingWidget();
    const { conversationId } = widget.state;
    // Joined in the store only: the widget's stream has not carried it (it still shows the button).
    await stack.api.handover!.desk.store.transition({ conversationId, ...conversationTransitions.join, operatorName: 'Léa' });
    oneByTestId(root, 'handover-cancel').click();
    await waitForCondition(() => allByTestId(root, 'handover-notice').some((notice) => notice.dataset.kind === 'joined'));
    expect(allByTestId(root, 'handover-notice').at(-1)!.textContent).toContain('Léa a rejoint la conversation');
    expect(oneByTestId(root, 'handover-cancel').hidden).toBe(true);
    expect(oneByTestId(root, 'handover-status').textContent).toContain('Léa');
    expect(await stack.api.handover!.desk.get(conversationId)).toMatchObject({ state: 'human', operatorName: 'Léa' });
    widget.remove();
  }, 60_000);
});
