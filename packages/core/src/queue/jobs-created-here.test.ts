import { describe, expect, it } from 'vitest';
import { JobsCreatedHere } from './jobs-created-here.ts';

describe('JobsCreatedHere', () => {
  it('remembers the last ids up to its capacity and forgets the oldest first', () => {
    const created = new JobsCreatedHere(3);
    for (const id of ['a', 'b', 'c']) created.add(id);
    expect(['a', 'b', 'c'].map((id) => created.has(id))).toEqual([true, true, true]);
    created.add('d');
    expect(['a', 'b', 'c', 'd'].map((id) => created.has(id))).toEqual([false, true, true, true]);
    created.add('b'); // already known: takes no second place
    created.add('e');
    expect(['b', 'c', 'd', 'e'].map((id) => created.has(id))).toEqual([false, true, true, true]);
    expect(created.has('unknown')).toBe(false);
  });

  it('keeps exactly the last `capacity` distinct ids through many turns of its ring', () => {
    const created = new JobsCreatedHere(5);
    for (let i = 0; i < 23; i++) created.add(`job-${i}`);
    expect(Array.from({ length: 23 }, (_, i) => created.has(`job-${i}`))).toEqual(Array.from({ length: 23 }, (_, i) => i >= 18));
  });

  it('refuses a capacity its ring cannot wrap at (0, a fraction): those never forgot some ids and kept more than asked', () => {
    for (const capacity of [0, -1, 2.5, Number.NaN]) expect(() => new JobsCreatedHere(capacity)).toThrow(RangeError);
  });
});
