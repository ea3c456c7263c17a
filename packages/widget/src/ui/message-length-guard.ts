import { BACK_WITHIN_LIMIT_TEXT, checkMessageLength, counterText, TOO_LONG_TEXT, type MessageLengthCheck } from './message-length.ts';
import type { SendLocks } from './send-locks.ts';
import type { WidgetNodes } from './widget-dom.ts';

/**
 * Keeps the visitor told of the message's length as they type or paste (nothing is ever cut): the
 * counter under the box near the limit, and over it the message (also said by the announcer, once
 * as it goes over and once as it comes back), the box marked invalid and send disabled. The
 * counter and message are the box's description (aria-describedby): emptied when not shown.
 */
export class MessageLengthGuard {
  private last: MessageLengthCheck['kind'] = 'within';

  constructor(
    private readonly nodes: Pick<WidgetNodes, 'input' | 'lengthCounter' | 'lengthError' | 'announcer'>,
    private readonly locks: SendLocks,
  ) {
    nodes.input.addEventListener('input', () => this.refresh());
  }

  get value(): string {
    return this.nodes.input.value;
  }

  /** Puts `text` in the box from code (cleared once sent, put back after a failure), shown against the limit as typing is. */
  set value(text: string) {
    this.nodes.input.value = text;
    this.refresh();
  }

  /** Shows the box's text against the limit: on every input, and after the box is changed from code. */
  refresh(): MessageLengthCheck {
    const { input, lengthCounter, lengthError, announcer } = this.nodes;
    const check = checkMessageLength(input.value);
    const tooLong = check.kind === 'too_long';
    const wasTooLong = this.last === 'too_long';
    this.last = check.kind;
    lengthCounter.hidden = check.kind === 'within';
    if (check.kind === 'within') {
      lengthCounter.replaceChildren();
    } else {
      const unit = input.ownerDocument.createElement('span');
      unit.className = 'visually-hidden';
      unit.textContent = ' caractères';
      lengthCounter.replaceChildren(counterText(check.length), unit);
    }
    lengthCounter.toggleAttribute('data-over', tooLong);
    lengthError.hidden = !tooLong;
    lengthError.textContent = tooLong ? TOO_LONG_TEXT : '';
    if (tooLong) input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
    this.locks.set('too_long', tooLong);
    if (tooLong !== wasTooLong) announcer.textContent = tooLong ? TOO_LONG_TEXT : BACK_WITHIN_LIMIT_TEXT;
    return check;
  }

  /** True when the box's text is over the limit and must not be sent (checked afresh). */
  blocksSend(): boolean {
    return this.refresh().kind === 'too_long';
  }
}
