/**
 * Rules for text that comes from outside (path parameters, body fields), checked at the edge
 * before anything reaches Redis or Postgres. Lengths are counted in Unicode code points, as
 * Postgres' char_length does: 2,000 emoji are 2,000 characters, not 4,000 UTF-16 units.
 */

/** C0 controls (NUL included) and DEL, except tab, line feed and carriage return. */
const CONTROL_CHARACTERS_IN_TEXT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
/** Any C0 or C1 control, DEL: never part of an identifier. */
const CONTROL_CHARACTERS_IN_IDENTIFIER = /[\u0000-\u001F\u007F-\u009F]/;
/** A high surrogate not followed by a low one, or a low surrogate not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * A character a reader can see: the complement of white space (Unicode's, which also holds the
 * next-line control U+0085 that `\s` and `trim()` leave), controls (C0 and C1), format characters
 * (zero-width space and joiners, word joiner, byte-order mark, soft hyphen, direction marks), the
 * other default-ignorable characters (variation selectors, the combining grapheme joiner, tags) and
 * the blank "letters" used to fake an empty name (Hangul fillers, braille blank).
 */
const VISIBLE_CHARACTER = /[^\p{White_Space}\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}\u115F\u1160\u3164\uFFA0\u2800]/u;

/** True when the text holds at least one character a reader can see (`trim()` keeps U+200B and its kin). */
export function hasVisibleCharacter(text: string): boolean {
  return VISIBLE_CHARACTER.test(text);
}

/** `codePointLength(text) <= max`, without counting when the UTF-16 length already says so (a code point is one or two units). */
export function hasAtMostCodePoints(text: string, max: number): boolean {
  return text.length <= max || codePointLength(text) <= max;
}

export function codePointLength(text: string): number {
  let length = 0;
  for (const _ of text) length += 1;
  return length;
}

/** False for a string holding a lone UTF-16 surrogate (not valid Unicode: Postgres and JSON consumers refuse it). */
export function isWellFormedText(text: string): boolean {
  return !LONE_SURROGATE.test(text);
}

export function hasControlCharacterInText(text: string): boolean {
  return CONTROL_CHARACTERS_IN_TEXT.test(text);
}

export function hasControlCharacterInIdentifier(text: string): boolean {
  return CONTROL_CHARACTERS_IN_IDENTIFIER.test(text);
}
