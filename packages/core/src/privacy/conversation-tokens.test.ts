import { describe, expect, it } from 'vitest';
import { ConversationTokens } from './conversation-tokens.ts';

const secretA = 'a'.repeat(32);
const secretB = 'b'.repeat(40);

describe('ConversationTokens', () => {
  it('issues a 256-bit token bound to one conversation and verifies it', () => {
    const tokens = new ConversationTokens({ current: secretA });
    const token = tokens.issue('test-conv-1');
    expect(token).toMatch(/^ct1\.[A-Za-z0-9_-]{43}$/);
    expect(tokens.verify('test-conv-1', token)).toBe(true);
    expect(tokens.verify('test-conv-2', token)).toBe(false);
    expect(tokens.verify('test-conv-1', token.slice(0, -1))).toBe(false);
    expect(tokens.verify('test-conv-1', 'ct1.')).toBe(false);
    expect(tokens.verify('test-conv-1', token.replace('ct1.', 'ct2.'))).toBe(false);
  });

  it('another secret gives other tokens; a former secret stays valid after rotation', () => {
    const before = new ConversationTokens({ current: secretA });
    const after = new ConversationTokens({ current: secretB, previous: [secretA] });
    const unrelated = new ConversationTokens({ current: secretB });
    const oldToken = before.issue('c');
    expect(after.issue('c')).not.toBe(oldToken);
    expect(after.verify('c', oldToken)).toBe(true);
    expect(unrelated.verify('c', oldToken)).toBe(false);
  });

  it('accepts the token only as issued, not other spellings of the same bytes', () => {
    const tokens = new ConversationTokens({ current: secretA });
    const token = tokens.issue('c');
    const signature = token.slice('ct1.'.length);
    const lastIndex = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'.indexOf(signature.at(-1)!);
    // The last character carries 2 bits of padding: its 3 neighbours in the alphabet decode to the same bytes.
    const sameBytes = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'[lastIndex ^ 1]!;
    expect(Buffer.from(signature.slice(0, -1) + sameBytes, 'base64url').equals(Buffer.from(signature, 'base64url'))).toBe(true);
    expect(tokens.verify('c', `ct1.${signature.slice(0, -1)}${sameBytes}`)).toBe(false);
    expect(tokens.verify('c', `${token}=`)).toBe(false);
    // Standard base64 (`+`, `/`) of a token that has a `-` or `_`.
    const id = Array.from({ length: 50 }, (_, index) => `c${index}`).find((candidate) => /[-_]/.test(tokens.issue(candidate)))!;
    const urlSafe = tokens.issue(id);
    expect(tokens.verify(id, urlSafe.replaceAll('-', '+').replaceAll('_', '/'))).toBe(false);
    expect(tokens.verify(id, urlSafe)).toBe(true);
    expect(tokens.verify('c', ` ${token}`)).toBe(false);
    expect(tokens.verify('c', token)).toBe(true);
  });

  it('refuses short secrets', () => {
    expect(() => new ConversationTokens({ current: 'short' })).toThrow(RangeError);
  });
});
