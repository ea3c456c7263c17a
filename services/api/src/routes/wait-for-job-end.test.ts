import { describe, expect, it } from 'vitest';
import { isLongerThan } from './wait-for-job-end.ts';

describe('partial_after counts code points, as a client in any language does', () => {
  it('counts an emoji (two UTF-16 units) as one character', () => {
    const shown = 'Voici 💡 une idée';
    expect([...shown]).toHaveLength(16);
    expect(shown).toHaveLength(17);
    // A client that counted 16 characters already has everything: not longer.
    expect(isLongerThan(shown, 16)).toBe(false);
    expect(isLongerThan(`${shown}.`, 16)).toBe(true);
    expect(isLongerThan(shown, 15)).toBe(true);
  });

  it('counts plain text, accents and lone surrogates one unit each', () => {
    expect(isLongerThan('', 0)).toBe(false);
    expect(isLongerThan('é', 0)).toBe(true);
    expect(isLongerThan('été', 3)).toBe(false);
    expect(isLongerThan('a\ud800b', 3)).toBe(false);
    expect(isLongerThan('a\ud800b', 2)).toBe(true); // counted one by one: a lone surrogate is one
    expect(isLongerThan('💡💡💡', 3)).toBe(false); // six units, three code points: through the count, not the shortcut
    expect(isLongerThan('👩‍💻', 3)).toBe(false); // three code points (two emoji and a joiner), five UTF-16 units
    expect(isLongerThan('👩‍💻', 2)).toBe(true);
  });
});
