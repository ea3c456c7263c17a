// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ErrorBanner } from './error-banner.ts';
import { BACK_WITHIN_LIMIT_TEXT, TOO_LONG_TEXT } from './message-length.ts';
import { MessageLengthGuard } from './message-length-guard.ts';
import { SendLocks } from './send-locks.ts';
import { buildWidgetDom, type WidgetNodes } from './widget-dom.ts';

/** The widget's composer as built for the page (widget-dom.ts), with the parts that guard its sending. */
function composer(): { nodes: WidgetNodes; guard: MessageLengthGuard; banner: ErrorBanner } {
  const host = document.createElement('div');
  document.body.append(host);
  const nodes = buildWidgetDom(host, { title: 'Test' } as Parameters<typeof buildWidgetDom>[1]);
  const locks = new SendLocks(nodes.send);
  return { nodes, guard: new MessageLengthGuard(nodes, locks), banner: new ErrorBanner(nodes, locks) };
}

/** What the browser does on a paste or a key: the new text in the box, then an `input` event. */
function typeOrPaste(nodes: WidgetNodes, text: string): void {
  nodes.input.value = text;
  nodes.input.dispatchEvent(new Event('input', { bubbles: true }));
}

/** The counter as shown (its French narrow no-break spaces read as spaces), `undefined` when hidden. */
const visibleCounter = (nodes: WidgetNodes) => (nodes.lengthCounter.hidden ? undefined : nodes.lengthCounter.textContent?.replaceAll('\u202F', ' '));

describe('the message box near and over the length limit', () => {
  beforeEach(() => document.body.replaceChildren());

  it('has no maxlength (a paste is never cut) and is described by its counter and message', () => {
    const { nodes } = composer();
    expect(nodes.input.hasAttribute('maxlength')).toBe(false);
    const describedBy = nodes.input.getAttribute('aria-describedby')!.split(' ');
    expect(describedBy).toEqual([nodes.lengthCounter.id, nodes.lengthError.id]);
  });

  it('keeps a pasted 2,500-character text whole, says it is too long, disables send; shortening enables it again', () => {
    const { nodes } = composer();
    const long = 'x'.repeat(2500);
    typeOrPaste(nodes, long);
    expect(nodes.input.value).toBe(long);
    expect(visibleCounter(nodes)).toBe('2 500 / 2 000 caractères');
    expect(nodes.lengthCounter.hasAttribute('data-over')).toBe(true);
    expect(nodes.lengthError.hidden).toBe(false);
    expect(nodes.lengthError.textContent).toBe(TOO_LONG_TEXT);
    expect(nodes.input.getAttribute('aria-invalid')).toBe('true');
    expect(nodes.send.disabled).toBe(true);
    expect(nodes.announcer.textContent).toBe(TOO_LONG_TEXT);

    // Typing on while still too long: nothing said again.
    nodes.announcer.textContent = '';
    typeOrPaste(nodes, `${long}y`);
    expect(nodes.announcer.textContent).toBe('');

    typeOrPaste(nodes, 'x'.repeat(1950));
    expect(nodes.send.disabled).toBe(false);
    expect(visibleCounter(nodes)).toBe('1 950 / 2 000 caractères');
    expect(nodes.lengthCounter.hasAttribute('data-over')).toBe(false);
    expect(nodes.lengthError.hidden).toBe(true);
    expect(nodes.lengthError.textContent).toBe(''); // not read as the box's description either
    expect(nodes.input.hasAttribute('aria-invalid')).toBe(false);
    expect(nodes.announcer.textContent).toBe(BACK_WITHIN_LIMIT_TEXT);

    typeOrPaste(nodes, 'Bonjour');
    expect(visibleCounter(nodes)).toBeUndefined();
    expect(nodes.lengthCounter.textContent).toBe('');
  });

  it('counts an emoji as one character, as the server does', () => {
    const { nodes } = composer();
    typeOrPaste(nodes, '😀'.repeat(2000));
    expect(visibleCounter(nodes)).toBe('2 000 / 2 000 caractères');
    expect(nodes.send.disabled).toBe(false);
    typeOrPaste(nodes, '😀'.repeat(2001));
    expect(nodes.send.disabled).toBe(true);
  });

  it('shows a text put back in the box from code against the limit (a failed post’s text)', () => {
    const { nodes, guard } = composer();
    guard.value = `${'a'.repeat(1500)}\n\n${'b'.repeat(1500)}`;
    expect(nodes.send.disabled).toBe(true);
    expect(nodes.lengthError.textContent).toBe(TOO_LONG_TEXT);
    guard.value = '';
    expect(nodes.send.disabled).toBe(false);
    expect(visibleCounter(nodes)).toBeUndefined();
  });

  describe('with the rate-limit countdown', () => {
    beforeEach(() => vi.useFakeTimers());
    afterEach(() => vi.useRealTimers());

    it('the end of the countdown does not enable send under a text still too long', () => {
      const { nodes, banner } = composer();
      banner.showRateLimit(2, 1);
      typeOrPaste(nodes, 'x'.repeat(2100));
      vi.advanceTimersByTime(3000);
      expect(banner.rateLimitSecondsLeft).toBe(0);
      expect(nodes.send.disabled).toBe(true);
      typeOrPaste(nodes, 'x'.repeat(100));
      expect(nodes.send.disabled).toBe(false);
    });

    it('shortening the text during the countdown does not enable send before it ends', () => {
      const { nodes, banner } = composer();
      typeOrPaste(nodes, 'x'.repeat(2100));
      banner.showRateLimit(2, 1);
      typeOrPaste(nodes, 'x'.repeat(100));
      expect(nodes.send.disabled).toBe(true);
      vi.advanceTimersByTime(3000);
      expect(nodes.send.disabled).toBe(false);
    });
  });
});
