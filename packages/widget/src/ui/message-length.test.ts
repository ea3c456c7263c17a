// The server's rule from its own module: the '@lac/core' barrel costs about 2.5 s of import per test file.
import { MESSAGE_MAX_CHARS, messageTextSchema } from '../../../core/src/contract/chat-schemas.ts';
import { describe, expect, it } from 'vitest';
import { checkMessageLength, counterText, MESSAGE_MAX_LENGTH, messageLength, TOO_LONG_TEXT } from './message-length.ts';

const EMOJI = '😀'; // one code point, two UTF-16 units
const FAMILY = '👨‍👩‍👧'; // one grapheme, five code points (three emoji joined by two ZWJ)
const NARROW_NBSP = '\u202F';

/** Whether the widget lets the visitor send `text`, as far as its length goes. */
const widgetSends = (text: string) => checkMessageLength(text).kind !== 'too_long';
/** Whether the API's contract accepts `text` as a visitor's message. */
const serverAccepts = (text: string) => messageTextSchema.safeParse(text).success;

describe('a message is counted as the server counts it', () => {
  it('has the server’s limit', () => {
    expect(MESSAGE_MAX_LENGTH).toBe(MESSAGE_MAX_CHARS);
  });

  it('counts code points of the trimmed text, not UTF-16 units', () => {
    expect(messageLength(EMOJI.repeat(2000))).toBe(2000);
    expect(EMOJI.repeat(2000).length).toBe(4000);
    expect(messageLength(FAMILY)).toBe(5);
    expect(messageLength(`  \n\t${'a'.repeat(10)}\n\n  `)).toBe(10);
    expect(messageLength('ligne 1\nligne 2')).toBe(15);
  });

  it('agrees with the API’s schema on either side of the limit, emoji, joined emoji and white space included', () => {
    const cases = [
      'a'.repeat(2000),
      'a'.repeat(2001),
      EMOJI.repeat(2000),
      EMOJI.repeat(2001),
      `   ${EMOJI.repeat(2000)}\n\n`,
      `${'é'.repeat(1999)}${EMOJI}`,
      `${'é'.repeat(2000)}${EMOJI}`,
      FAMILY.repeat(400),
      `${FAMILY.repeat(400)}x`,
      `${'ab '.repeat(666)}cd`,
      `${'ab '.repeat(666)}cde`,
    ];
    for (const text of cases) expect(widgetSends(text), `${messageLength(text)} code points`).toBe(serverAccepts(text));
    // The widget's old count (String.length) refused what the server takes.
    expect(serverAccepts(EMOJI.repeat(2000))).toBe(true);
  });
});

describe('what the box shows as the text grows', () => {
  it('no counter far from the limit, the counter from 1,800, too long past 2,000', () => {
    expect(checkMessageLength('')).toEqual({ kind: 'within', length: 0 });
    expect(checkMessageLength('a'.repeat(1799))).toEqual({ kind: 'within', length: 1799 });
    expect(checkMessageLength('a'.repeat(1800))).toEqual({ kind: 'near_limit', length: 1800 });
    expect(checkMessageLength(EMOJI.repeat(2000))).toEqual({ kind: 'near_limit', length: 2000 });
    expect(checkMessageLength('a'.repeat(2001))).toEqual({ kind: 'too_long', length: 2001, excess: 1 });
    expect(checkMessageLength('a'.repeat(2500))).toEqual({ kind: 'too_long', length: 2500, excess: 500 });
  });

  it('writes the counter and the message in French', () => {
    expect(counterText(1950)).toBe(`1${NARROW_NBSP}950 / 2${NARROW_NBSP}000`);
    expect(counterText(999)).toBe(`999 / 2${NARROW_NBSP}000`);
    expect(TOO_LONG_TEXT).toBe(`Ton message dépasse 2${NARROW_NBSP}000 caractères : raccourcis-le ou envoie-le en plusieurs fois.`);
  });
});
