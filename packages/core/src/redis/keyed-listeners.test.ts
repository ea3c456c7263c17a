import { describe, expect, it } from 'vitest';
import { KeyedListeners } from './keyed-listeners.ts';

describe('KeyedListeners', () => {
  it('calls the listeners of one key, forgets a key with no listener left, and reports a listener that throws', () => {
    const errors: string[] = [];
    const listeners = new KeyedListeners<number>((error, key) => errors.push(`${key}: ${(error as Error).message}`));
    const seen: string[] = [];
    const removeA = listeners.add('job-1', (value) => seen.push(`a${value}`));
    listeners.add('job-1', () => {
      throw new Error('boom');
    });
    listeners.add('job-2', (value) => seen.push(`c${value}`));
    listeners.emit('job-1', 1);
    expect(seen).toEqual(['a1']);
    expect(errors).toEqual(['job-1: boom']);
    listeners.emitToAll(2);
    expect(seen).toEqual(['a1', 'a2', 'c2']);
    expect(listeners.keyCount).toBe(2);
    removeA();
    const removeC = listeners.add('job-3', () => undefined);
    removeC();
    expect(listeners.has('job-3')).toBe(false);
    expect(listeners.keyCount).toBe(2);
  });
});
