import { describe, expect, it } from 'vitest';
import { hasVisibleCharacter } from './text-rules.ts';

describe('hasVisibleCharacter', () => {
  it.each([
    ['spaces and line breaks', ' \n\t\u00a0'],
    ['zero-width space, joiners and word joiner', '\u200b\u200c\u200d\u2060'],
    ['byte-order mark and soft hyphen', '\ufeff\u00ad'],
    ['direction marks', '\u200e\u200f\u202a\u202c'],
    ['blank letters (Hangul filler, braille blank)', '\u3164\u115f\u2800'],
  ])('finds nothing to see in %s', (_name, text) => {
    expect(hasVisibleCharacter(text)).toBe(false);
  });

  it.each([
    ['a word', 'Bonjour'],
    ['one emoji', '👍'],
    ['an emoji sequence with joiners', '👩\u200d💻'],
    ['a letter among zero-width characters', '\u200bà\u200b'],
    ['a single punctuation mark', '?'],
  ])('sees %s', (_name, text) => {
    expect(hasVisibleCharacter(text)).toBe(true);
  });
});
