import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { connect, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '@lac/core';
import { answerClientErrorsInErrorFormat } from './client-error-answers.ts';
import { clientKeyOfAddress, ipv6NetworkOf } from './client-address.ts';
import { applyServerLimits, defaultConnectionCeiling, defaultConnectionsPerAddress } from './server-limits.ts';

const logger = createLogger({ level: 'silent' });
let server: Server | undefined;
const sockets: Socket[] = [];

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
});

/** A server whose /stream answers for `streamMs` and whose other routes read the body, with the given limits. */
async function startServer(limits: { requestTimeoutMs: number; maxConnectionsPerAddress: number; maxConnections?: number; loopbackCounted?: boolean }, streamMs = 0): Promise<number> {
  // Node checks the deadlines on this interval (default 30 s).
  server = createServer({ connectionsCheckingInterval: 100 }, (req, res) => {
    if (req.url === '/stream') {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      const beat = setInterval(() => res.write(': ping\n\n'), 100);
      setTimeout(() => (clearInterval(beat), res.end('data: done\n\n')), streamMs);
      return;
    }
    req.resume();
    req.on('end', () => res.end('ok'));
  });
  applyServerLimits(server, { headersTimeoutMs: limits.requestTimeoutMs, keepAliveTimeoutMs: 5_000, maxConnections: 0, ...limits }, logger);
  answerClientErrorsInErrorFormat(server);
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return (server.address() as { port: number }).port;
}

/** A connection to the test server, from `localAddress` (any 127.0.0.0/8 address is this machine's). */
function open(port: number, localAddress = '127.0.0.1'): Promise<Socket> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1', localAddress }, () => resolve(socket));
    socket.on('error', () => undefined);
    sockets.push(socket);
  });
}

const closed = (socket: Socket) => socket.destroyed || socket.readyState === 'closed';

describe('applyServerLimits', () => {
  it('answers 408 and closes a request whose body trickles in past the deadline', async () => {
    const port = await startServer({ requestTimeoutMs: 600, maxConnectionsPerAddress: 0 });
    const socket = await open(port);
    let received = '';
    socket.on('data', (chunk) => (received += chunk.toString()));
    socket.write('POST /form HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n');
    const started = Date.now();
    while (!closed(socket) && Date.now() - started < 5_000) {
      socket.write('a');
      await sleep(100);
    }
    expect(received).toMatch(/^HTTP\/1\.1 408 /);
    expect(received).toContain('"code":"request_timeout"');
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('does not cut an answer that lasts longer than the deadline (an SSE stream)', async () => {
    const port = await startServer({ requestTimeoutMs: 300, maxConnectionsPerAddress: 0 }, 1_500);
    const response = await fetch(`http://127.0.0.1:${port}/stream`);
    expect(await response.text()).toContain('data: done');
  });

  it('closes connections of one address past the cap, and accepts new ones once others close', async () => {
    const port = await startServer({ requestTimeoutMs: 10_000, maxConnectionsPerAddress: 5 });
    const first = await Promise.all(Array.from({ length: 8 }, () => open(port)));
    await sleep(200);
    expect(first.filter(closed)).toHaveLength(3);
    for (const socket of first.slice(0, 2)) socket.destroy();
    await sleep(200);
    const later = await open(port);
    await sleep(200);
    expect(closed(later)).toBe(false);
    const [fifth, sixth] = [await open(port), await open(port)];
    await sleep(200);
    expect([closed(fifth), closed(sixth)]).toEqual([false, true]);
  });

  it('leaves this host’s own connections uncounted when loopback is not counted (CLIENT_LIMITS_ON_LOOPBACK off)', async () => {
    const port = await startServer({ requestTimeoutMs: 10_000, maxConnectionsPerAddress: 5, loopbackCounted: false });
    const sockets = await Promise.all(Array.from({ length: 8 }, () => open(port)));
    await sleep(200);
    expect(sockets.filter(closed)).toHaveLength(0);
  });
});

describe('the connection ceiling', () => {
  it('closes new connections past the ceiling, every address together, and accepts again once others close', async () => {
    const port = await startServer({ requestTimeoutMs: 10_000, maxConnectionsPerAddress: 0, maxConnections: 4 });
    const first = await Promise.all(Array.from({ length: 6 }, (_, index) => open(port, `127.0.0.${index + 1}`)));
    await sleep(200);
    expect(first.filter(closed)).toHaveLength(2);
    for (const socket of first.filter((candidate) => !closed(candidate)).slice(0, 1)) socket.destroy();
    await sleep(200);
    const later = await open(port, '127.0.0.9');
    await sleep(200);
    expect(closed(later)).toBe(false);
  });
});

describe('the cap per address', () => {
  it('counts a global IPv6 address as its /64', () => {
    expect(clientKeyOfAddress('2001:db8:1:2::a')).toBe(clientKeyOfAddress('2001:db8:1:2::b'));
    expect(clientKeyOfAddress('2001:db8:1:2::a')).toBe(ipv6NetworkOf('2001:db8:1:2::a'));
    expect(clientKeyOfAddress('::ffff:192.0.2.1')).toBe('192.0.2.1');
  });
});

describe('defaultConnectionsPerAddress and defaultConnectionCeiling', () => {
  it('are a tenth of the soft open-file limit (at least 256) and that limit less a tenth kept for the process, off where it is unknown', () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'lac-limits-'));
    try {
      const limits = (soft: string) => {
        const file = path.join(folder, `limits-${soft}`);
        writeFileSync(file, `Limit                     Soft Limit           Hard Limit           Units\nMax open files            ${soft}                1048576              files\n`);
        return file;
      };
      expect(defaultConnectionsPerAddress(limits('20000'))).toBe(2000);
      expect(defaultConnectionsPerAddress(limits('1024'))).toBe(256);
      expect(defaultConnectionCeiling(limits('20000'))).toBe(18000);
      expect(defaultConnectionCeiling(limits('1024'))).toBe(896);
      expect(defaultConnectionCeiling(limits('unlimited'))).toBe(0);
      expect(defaultConnectionsPerAddress(limits('unlimited'))).toBe(0);
      expect(defaultConnectionsPerAddress(path.join(folder, 'missing'))).toBe(0);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
