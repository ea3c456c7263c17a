import { describe, expect, it } from 'vitest';
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
