import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import type { Logger } from '@lac/core';
import { clientKeyOfAddress, isLoopbackClient } from './client-address.ts';
import { CountsByKey } from './counts-by-key.ts';

/**
 * How often Node checks the request deadlines (its default, 30 s, would let a 20 s deadline run to
 * 50 s). Set when the server is created: `createServer({ connectionsCheckingInterval }, app)`.
 */
export const DEADLINE_CHECK_INTERVAL_MS = 5_000;

export interface ServerLimits {
  /** Longest time to receive a request's headers. */
  headersTimeoutMs: number;
  /** Longest time to receive a whole request (headers and body): past it, 408 and the connection closed. */
  requestTimeoutMs: number;
  keepAliveTimeoutMs: number;
  /** Connections one socket address may hold open at once (0: off); see limitConnectionsPerAddress. */
  maxConnectionsPerAddress: number;
  /** Whether loopback sockets count against maxConnectionsPerAddress (CLIENT_LIMITS_ON_LOOPBACK; default true). */
  loopbackCounted?: boolean;
  /** Connections the server holds open at once, every address together (0: off); see defaultConnectionCeiling. */
  maxConnections: number;
}

/**
 * The API server's limits on what a client may hold: a request must be received within its
 * deadlines (a client sending a byte every few seconds is answered 408 and closed), and one address
 * holds a bounded number of connections. Neither bounds an answer: long-polls and SSE streams live
 * on, ended by their own wait and shutdown rules.
 */
export function applyServerLimits(server: Server, limits: ServerLimits, logger: Logger): void {
  server.headersTimeout = limits.headersTimeoutMs;
  server.requestTimeout = limits.requestTimeoutMs;
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  limitConnectionsPerAddress(server, { max: limits.maxConnectionsPerAddress, logger, loopbackCounted: limits.loopbackCounted ?? true });
  if (limits.maxConnections > 0) {
    // Past it Node closes each new connection at once ('drop'): the process keeps file descriptors
    // for Redis, the database and its logs, and serves again as soon as connections close.
    server.maxConnections = limits.maxConnections;
    let lastLoggedAt = 0;
    server.on('drop', () => {
      if (Date.now() - lastLoggedAt < 60_000) return;
      lastLoggedAt = Date.now();
      logger.warn({ maxConnections: limits.maxConnections }, 'connection refused: the server holds as many connections as it allows');
    });
  }
}

/**
 * Caps the connections one client address holds open at once: past `max`, a new connection from
 * that address is closed as soon as it is accepted (a probe held 20,000 sockets from one address,
 * the API's whole file-descriptor limit, and every visitor got ECONNRESET). Counted on the socket's
 * own address, a global IPv6 address as its /64 (clientKeyOfAddress: one host holds a whole /64),
 * so it is only meaningful when the API faces clients directly: behind a reverse proxy
 * (TRUST_PROXY), every connection comes from the proxy, which must apply its own limit. The
 * refusals are logged once per address per minute. `max` 0: off.
 */
export function limitConnectionsPerAddress(server: Server, options: { max: number; logger: Logger; loopbackCounted?: boolean }): void {
  if (options.max <= 0) return;
  const open = new CountsByKey<string>();
  const lastLogged = new Map<string, number>();
  server.on('connection', (socket: Socket) => {
    const address = clientKeyOfAddress(socket.remoteAddress ?? 'unknown');
    if (options.loopbackCounted === false && isLoopbackClient(address)) return;
    if (open.of(address) >= options.max) {
      const now = Date.now();
      if (now - (lastLogged.get(address) ?? 0) >= 60_000) {
        if (lastLogged.size >= 10_000) lastLogged.clear();
        lastLogged.set(address, now);
        options.logger.warn({ remoteAddress: address, maxConnections: options.max }, 'connection refused: too many open connections from one address');
      }
      socket.destroy();
      return;
    }
    open.add(address);
    socket.once('close', () => open.remove(address));
  });
}

/**
 * The default cap of connections per address: a tenth of this process's open-file limit (soft
 * limit, /proc/self/limits), at least 256, so that a few addresses cannot take every file descriptor
 * while a client holding hundreds of long-polls still fits (a probe took all 20,000 from five
 * addresses at a quarter each); 0 (off) where the limit cannot be read or is unlimited.
 */
export function defaultConnectionsPerAddress(limitsFile = '/proc/self/limits'): number {
  const softLimit = openFileSoftLimit(limitsFile);
  return softLimit === undefined ? 0 : Math.max(256, Math.floor(softLimit / 10));
}

/**
 * The default ceiling of connections, every address together: the open-file limit less a tenth (at
 * least 128) kept for Redis, the database, files and logs, so that however many addresses hold
 * connections the process never runs out of file descriptors; 0 (off) where the limit is unknown.
 */
export function defaultConnectionCeiling(limitsFile = '/proc/self/limits'): number {
  const softLimit = openFileSoftLimit(limitsFile);
  return softLimit === undefined ? 0 : Math.max(64, softLimit - Math.max(128, Math.floor(softLimit / 10)));
}

/** This process's soft open-file limit; undefined where it cannot be read or is unlimited. */
function openFileSoftLimit(limitsFile: string): number | undefined {
  try {
    const line = readFileSync(limitsFile, 'utf8')
      .split('\n')
      .find((entry) => entry.startsWith('Max open files'));
    const softLimit = Number(line?.slice('Max open files'.length).trim().split(/\s+/)[0]);
    return Number.isInteger(softLimit) && softLimit > 0 ? softLimit : undefined;
  } catch {
    return undefined;
  }
}
