/**
 * How long a visitor's message may be, counted as the server counts it (docs/http-api.md,
 * packages/core/src/contract/chat-schemas.ts): Unicode code points of the trimmed text, so an emoji
 * is one character (two UTF-16 units in `String.length`). Nothing is cut: a message over the limit
 * stays whole in the box and cannot be sent until the visitor shortens or splits it.
 */
export const MESSAGE_MAX_LENGTH = 2000;
/** From this many characters on, the counter shows under the box. */
export const LENGTH_COUNTER_FROM = 1800;

const frenchNumber = new Intl.NumberFormat('fr-FR');

export const TOO_LONG_TEXT = `Ton message dépasse ${frenchNumber.format(MESSAGE_MAX_LENGTH)} caractères : raccourcis-le ou envoie-le en plusieurs fois.`;
export const BACK_WITHIN_LIMIT_TEXT = `Ton message ne dépasse plus ${frenchNumber.format(MESSAGE_MAX_LENGTH)} caractères.`;

/**
 * The box's text as the limit sees it: far from it (no counter), near it (counter shown), or over
 * it (counter, message, send disabled).
 */
export type MessageLengthCheck =
  | { kind: 'within'; length: number }
  | { kind: 'near_limit'; length: number }
  | { kind: 'too_long'; length: number; excess: number };

/** Characters the server counts in `text`: code points once trimmed (a lone surrogate is one, as there). */
export function messageLength(text: string): number {
  let length = 0;
  for (const _ of text.trim()) length += 1;
  return length;
}

export function checkMessageLength(text: string): MessageLengthCheck {
  const length = messageLength(text);
  if (length > MESSAGE_MAX_LENGTH) return { kind: 'too_long', length, excess: length - MESSAGE_MAX_LENGTH };
  return length >= LENGTH_COUNTER_FROM ? { kind: 'near_limit', length } : { kind: 'within', length };
}

/** "1 950 / 2 000" (French grouping, a narrow no-break space). */
export function counterText(length: number): string {
  return `${frenchNumber.format(length)} / ${frenchNumber.format(MESSAGE_MAX_LENGTH)}`;
}
