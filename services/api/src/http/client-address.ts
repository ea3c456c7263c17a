import type { Request } from 'express';

/**
 * The client's address: `req.ip`, which honours X-Forwarded-For only from the proxies named by
 * TRUST_PROXY (Express's "trust proxy" setting; unset: the socket address). IPv4-mapped IPv6
 * addresses are written as IPv4, so one client has one address whatever the socket family.
 */
export function clientAddressOf(req: Request): string {
  const address = req.ip ?? req.socket.remoteAddress ?? 'unknown';
  return address.startsWith('::ffff:') && address.includes('.') ? address.slice('::ffff:'.length) : address;
}

/** TRUST_PROXY → Express's "trust proxy" value: a boolean, a hop count, or names/CIDRs as given. */
export function trustProxySettingOf(value: string | undefined): boolean | number | string {
  if (value === undefined) return false;
  if (value === 'true' || value === 'false') return value === 'true';
  if (/^\d+$/.test(value)) return Number(value);
  return value;
}
