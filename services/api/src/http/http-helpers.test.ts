import { describe, expect, it } from 'vitest';
import { constantTimeEquals, parseBasicAuthorization } from './basic-credentials.ts';
import { parseAllowedOrigins } from './cors.ts';
import { isSaneRequestId } from './request-id.ts';
import { waitSecondsFromPreferHeader, waitSecondsFromQuery } from './wait-preference.ts';

describe('Prefer: wait', () => {
  it.each([
    ['wait=5', 5],
    ['respond-async, wait=10', 10],
    ['wait=100', 30],
    ['wait=9999999', 30],
    [`wait=${'9'.repeat(400)}`, 30],
    ['WAIT = 3 ;foo=bar', 3],
    ['handling=lenient', undefined],
    ['wait=abc', undefined],
  ])('%s → %s', (header, expected) => {
    expect(waitSecondsFromPreferHeader(header, 30)).toBe(expected);
  });

  it('?wait accepts whole seconds up to 30, caps them to the configured maximum, refuses the rest', () => {
    expect(waitSecondsFromQuery(undefined, 30)).toBe(0);
    expect(waitSecondsFromQuery('12', 30)).toBe(12);
    expect(waitSecondsFromQuery('20', 10)).toBe(10);
    expect(() => waitSecondsFromQuery('99', 30)).toThrow();
    expect(() => waitSecondsFromQuery('31', 30)).toThrow();
    expect(() => waitSecondsFromQuery('-1', 30)).toThrow();
    expect(() => waitSecondsFromQuery(['1', '2'], 30)).toThrow();
  });
});

describe('basic auth', () => {
  it('parses credentials with colons in the password', () => {
    const header = `Basic ${Buffer.from('admin:p:ss').toString('base64')}`;
    expect(parseBasicAuthorization(header)).toEqual({ user: 'admin', password: 'p:ss' });
    expect(parseBasicAuthorization('Bearer x')).toBeUndefined();
    expect(constantTimeEquals('abc', 'abc')).toBe(true);
    expect(constantTimeEquals('abc', 'abcd')).toBe(false);
  });
});

describe('CORS origins and request ids', () => {
  it('parses ALLOWED_ORIGINS', () => {
    expect(parseAllowedOrigins('')).toEqual({ any: false, origins: new Set() });
    expect(parseAllowedOrigins('https://a.fr/, https://b.fr')).toEqual({ any: false, origins: new Set(['https://a.fr', 'https://b.fr']) });
    expect(parseAllowedOrigins('*').any).toBe(true);
  });

  it('honours only sane request ids', () => {
    expect(isSaneRequestId('abc-123_x.y:z')).toBe(true);
    expect(isSaneRequestId('a b')).toBe(false);
    expect(isSaneRequestId('x'.repeat(129))).toBe(false);
    expect(isSaneRequestId('<script>')).toBe(false);
  });
});
