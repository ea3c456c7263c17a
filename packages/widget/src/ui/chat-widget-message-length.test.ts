import { describe, expect, it } from 'vitest';
import { startTestApiAroundTests } from '../../../../services/api/src/testing/test-api-around-tests.ts';
import { installHappyDomGlobals } from '../testing/happy-dom-globals.ts';
import { waitForCondition } from '../testing/wait-for-condition.ts';
import { allByTestId, doneAnswers, mountWidgetElement, oneByTestId, resetWidgetPageAroundTests } from '../testing/widget-element-test-support.ts';
import { TOO_LONG_TEXT } from './message-length.ts';

/**
 * The length limit in `<lac-chat-widget>` against the real API (happy-dom, see
 * chat-widget-element.test.ts): the widget lets through exactly what the server accepts (code
 * points once trimmed, an emoji is one) and holds what it would refuse, whole, in the box.
 */
const { window, document } = installHappyDomGlobals('http://localhost:3000/');
const { defineChatWidgetElement, WIDGET_TAG_NAME } = await import('./chat-widget-element.ts');

const EMOJI = '😀';

describe('<lac-chat-widget> and the message length, against the real API', () => {
  const stack = startTestApiAroundTests({ name: 'widget-message-length', env: { ALLOWED_ORIGINS: '*' } }, 120_000);

  resetWidgetPageAroundTests(window, document, defineChatWidgetElement);

  function openWidget(): { root: ShadowRoot; input: HTMLTextAreaElement; send: HTMLButtonElement } {
    const { root } = mountWidgetElement(document, WIDGET_TAG_NAME, { 'data-api-url': stack.api.baseUrl });
    oneByTestId(root, 'chat-open').click();
    return { root, input: oneByTestId(root, 'chat-input') as HTMLTextAreaElement, send: oneByTestId(root, 'chat-send') as HTMLButtonElement };
  }

  /** A paste: the text in the box, then the `input` event the browser fires. */
  function paste(input: HTMLTextAreaElement, text: string): void {
    input.value = text;
    input.dispatchEvent(new window.Event('input', { bubbles: true }) as unknown as Event);
  }

  it('sends 2,000 emoji (4,000 UTF-16 units) between spaces, which the server accepts', async () => {
    const { root, input, send } = openWidget();
    const text = EMOJI.repeat(2000);
    paste(input, `  ${text}\n`);
    expect(send.disabled).toBe(false);
    send.click();
    await waitForCondition(() => doneAnswers(root).length === 1, 30_000);
    const sent = oneByTestId(root, 'message-user');
    expect(sent.dataset.state).toBe('sent');
    expect(sent.textContent).toBe(text);
    expect(oneByTestId(root, 'chat-error').hidden).toBe(true);
  }, 60_000);

  it('holds 2,001 characters whole in the box, sends nothing (button or Enter), then sends once shortened', async () => {
    const { root, input, send } = openWidget();
    const tooLong = `${'é'.repeat(1999)}${EMOJI}${EMOJI}`;
    paste(input, tooLong);
    expect(send.disabled).toBe(true);
    expect(oneByTestId(root, 'chat-length-error').textContent).toBe(TOO_LONG_TEXT);
    input.dispatchEvent(new window.KeyboardEvent('keydown', { key: 'Enter', bubbles: true }) as unknown as Event);
    send.click();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(allByTestId(root, 'message-user')).toHaveLength(0);
    expect(input.value).toBe(tooLong);

    paste(input, tooLong.slice(0, -2));
    expect(send.disabled).toBe(false);
    send.click();
    await waitForCondition(() => doneAnswers(root).length === 1, 30_000);
    expect(oneByTestId(root, 'message-user').dataset.state).toBe('sent');
    expect(input.value).toBe('');
    expect(oneByTestId(root, 'chat-length-counter').hidden).toBe(true);
  }, 60_000);
});
