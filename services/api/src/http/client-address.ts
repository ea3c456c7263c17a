import type { Request, RequestHandler } from 'express';
import type { Logger } from '@lac/core';

/**
 * The client's address, as the per-client limits count it: `req.ip`, which honours X-Forwarded-For
 * only from the proxies named by TRUST_PROXY (Express's "trust proxy" setting; unset: the socket
 * address). IPv4-mapped IPv6 addresses are written as IPv4, so one client has one address whatever
 * the socket family. A global IPv6 address counts as its /64 network: one subscriber line or host
 * is given a whole /64 and could otherwise take a new address for every request.
 */
export function clientAddressOf(req: Request): string {
  return clientKeyOfAddress(req.ip ?? req.socket.remoteAddress ?? 'unknown');
}

/** Whether a client address (as clientAddressOf writes it) is this host's loopback: 127.0.0.0/8 or ::1. */
export function isLoopbackClient(address: string): boolean {
  return address.startsWith('127.') || address === '::1';
}

/** An address as one client: IPv4-mapped IPv6 written as IPv4, a global IPv6 address as its /64. */
export function clientKeyOfAddress(address: string): string {
  if (address.startsWith('::ffff:') && address.includes('.')) return address.slice('::ffff:'.length);
  return address.includes(':') ? ipv6NetworkOf(address) : address;
}

/** `2001:db8:1:2:a:b:c:d` → `2001:db8:1:2::/64`; loopback, link-local and unparsable addresses stay as they are. */
export function ipv6NetworkOf(address: string): string {
  const groups = expandIpv6(address.split('%')[0]!);
  if (groups === undefined || groups.every((group, index) => (index < 7 ? group === 0 : true)) || (groups[0]! & 0xffc0) === 0xfe80) return address;
  return `${groups.slice(0, 4).map((group) => group.toString(16)).join(':')}::/64`;
}

function expandIpv6(address: string): number[] | undefined {
  const halves = address.toLowerCase().split('::');
  if (halves.length > 2) return undefined;
  const parse = (part: string) => (part === '' ? [] : part.split(':').map((group) => (/^[0-9a-f]{1,4}$/.test(group) ? parseInt(group, 16) : Number.NaN)));
  const head = parse(halves[0]!);
  const tail = halves.length === 2 ? parse(halves[1]!) : [];
  const missing = 8 - head.length - tail.length;
  if ((halves.length === 1 && missing !== 0) || missing < 0 || [...head, ...tail].some(Number.isNaN)) return undefined;
  return [...head, ...Array<number>(missing).fill(0), ...tail];
}

/** TRUST_PROXY → Express's "trust proxy" value: a boolean, a hop count, or names/CIDRs as given. */
export function trustProxySettingOf(value: string | undefined): boolean | number | string {
  if (value === undefined) return false;
  if (value === 'true' || value === 'false') return value === 'true';
  if (/^\d+$/.test(value)) return Number(value);
  return value;
}

/**
 * Without TRUST_PROXY, the first request that carries X-Forwarded-For is logged once: the API is
 * probably behind a proxy, so every visitor has the proxy's address and shares one client's limits
 * (docs/deployment.md). The header's value is not logged.
 */
export function createUntrustedForwardingWarning(logger: Logger): RequestHandler {
  let warned = false;
  return (req, _res, next) => {
    if (!warned && req.headers['x-forwarded-for'] !== undefined) {
      warned = true;
      logger.warn(
        { socketAddress: req.socket.remoteAddress },
        'requests carry X-Forwarded-For but TRUST_PROXY is not set: every visitor behind that proxy counts as one client for the per-client limits',
      );
    }
    next();
  };
}
