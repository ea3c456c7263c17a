import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

/**
 * A TCP port free on 127.0.0.1 right now, for a server a test or benchmark starts later (a child
 * process, a restarted database that must come back on the same port).
 *
 * The port is chosen below the kernel's ephemeral range (net.ipv4.ip_local_port_range). A port
 * from `listen(0)` comes from that range, the one every outgoing connection takes its local port
 * from: under the suite's load, a connection could take it between the check and the child's
 * listen (EADDRINUSE). Below the range only a listener can take it. Each port is handed out once
 * per process. Where the range cannot be read (not Linux), it falls back to `listen(0)`.
 */
export async function findFreePort(): Promise<number> {
  const range = portsBelowEphemeralRange();
  if (!range) return listenOnAnyPort();
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = range.lowest + Math.floor(Math.random() * (range.highest - range.lowest + 1));
    if (handedOut.has(port)) continue;
    handedOut.add(port);
    if (await portIsFree(port)) return port;
  }
  return listenOnAnyPort();
}

const handedOut = new Set<number>();

/** Ports [lowest, highest] under the ephemeral range, at most 10,000 of them, never below 10,000. */
export function portsBelowEphemeralRange(rangeFile = '/proc/sys/net/ipv4/ip_local_port_range'): { lowest: number; highest: number } | undefined {
  let ephemeralLowest: number;
  try {
    ephemeralLowest = Number(readFileSync(rangeFile, 'utf8').trim().split(/\s+/)[0]);
  } catch {
    return undefined;
  }
  if (!Number.isInteger(ephemeralLowest)) return undefined;
  const highest = ephemeralLowest - 1;
  const lowest = Math.max(10_000, highest - 9_999);
  return highest - lowest >= 1_000 ? { lowest, highest } : undefined;
}

/** Whether a server could listen on `port` of 127.0.0.1 right now. */
export async function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

async function listenOnAnyPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
