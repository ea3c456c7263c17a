import { describe, expect, it } from 'vitest';
import { hasAtMostCodePoints, hasVisibleCharacter } from './text-rules.ts';

describe('hasVisibleCharacter', () => {
  it.each([
    ['spaces and line breaks', ' \n\t\u00a0'],
    ['zero-width space, joiners and word joiner', '\u200b\u200c\u200d\u2060'],
    ['byte-order mark and soft hyphen', '\ufeff\u00ad'],
    ['direction marks', '\u200e\u200f\u202a\u202c'],
    ['blank letters (Hangul filler, braille blank)', '\u3164\u115f\u2800'],
    // Invisible, yet kept by `\s` and `trim()`: a message of them alone was accepted.
    ['the next-line control and other C1 controls', '\u0085\u0085\u0092'],
    ['variation selectors and the combining grapheme joiner', '\ufe0f\ufe0e\u034f'],
    ['tag characters', '\u{e0020}\u{e0041}'],
  ])('finds nothing to see in %s', (_name, text) => {
    expect(hasVisibleCharacter(text)).toBe(false);
  });

  it.each([
    ['a word', 'Bonjour'],
    ['one emoji', '👍'],
    ['an emoji sequence with joiners', '👩\u200d💻'],
    ['a letter among zero-width characters', '\u200bà\u200b'],
    ['a single punctuation mark', '?'],
    ['an emoji with its variation selector', '\u2764\ufe0f'],
    ['a letter with a combining accent', 'e\u0301'],
  ])('sees %s', (_name, text) => {
    expect(hasVisibleCharacter(text)).toBe(true);
  });
});

describe('hasAtMostCodePoints', () => {
  it('counts code points, not UTF-16 units, whether or not the short-cut on the length applies', () => {
    expect(hasAtMostCodePoints('a'.repeat(128), 128)).toBe(true);
    expect(hasAtMostCodePoints('a'.repeat(129), 128)).toBe(false);
    // 128 emoji are 256 UTF-16 units: past the short-cut, counted one by one.
    expect(hasAtMostCodePoints('👍'.repeat(128), 128)).toBe(true);
    expect(hasAtMostCodePoints('👍'.repeat(129), 128)).toBe(false);
    expect(hasAtMostCodePoints('', 0)).toBe(true);
  });
});
