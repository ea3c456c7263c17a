import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '@lac/core';
import { ipv6NetworkOf } from './client-address.ts';

describe('ipv6NetworkOf', () => {
  it('counts a global IPv6 address as its /64, however it is written', () => {
    expect(ipv6NetworkOf('2001:db8:1:2:a:b:c:d')).toBe('2001:db8:1:2::/64');
    expect(ipv6NetworkOf('2001:DB8:1:2::dead:beef')).toBe('2001:db8:1:2::/64');
    expect(ipv6NetworkOf('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(ipv6NetworkOf('2a01:e0a:1:2:3:4:5:6%eth0')).toBe('2a01:e0a:1:2::/64');
  });

  it('keeps loopback, link-local and what it cannot parse as they are', () => {
    expect(ipv6NetworkOf('::1')).toBe('::1');
    expect(ipv6NetworkOf('fe80::1%lo')).toBe('fe80::1%lo');
    expect(ipv6NetworkOf('1::2::3')).toBe('1::2::3');
    expect(ipv6NetworkOf('2001:db8:zz::1')).toBe('2001:db8:zz::1');
    expect(ipv6NetworkOf('1:2:3')).toBe('1:2:3');
  });
});

describe('createUntrustedForwardingWarning', () => {
  it('warns once, on the first request that carries X-Forwarded-For, without its value', async () => {
    const { createUntrustedForwardingWarning } = await import('./client-address.ts');
    const lines: string[] = [];
    const destination = new Writable({ write: (chunk, _encoding, done) => (lines.push(String(chunk)), done()) });
    const warn = createUntrustedForwardingWarning(createLogger({ level: 'warn', name: 'test', destination }));
    const request = (headers: Record<string, string>) => ({ headers, socket: { remoteAddress: '10.0.0.2' } }) as never;
    let passed = 0;
    const next = () => (passed += 1);
    warn(request({}), {} as never, next);
    warn(request({ 'x-forwarded-for': '198.51.100.4' }), {} as never, next);
    warn(request({ 'x-forwarded-for': '198.51.100.5' }), {} as never, next);
    expect(passed).toBe(3);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('TRUST_PROXY is not set');
    expect(lines[0]).not.toContain('198.51.100');
  });
});
