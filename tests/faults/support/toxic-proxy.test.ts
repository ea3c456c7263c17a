import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startToxicProxy, type ToxicProxy, type Toxics } from './toxic-proxy.ts';

/**
 * The toxics the slow-network drill uses (docs/durability.md), checked against an echo server:
 * bytes always arrive whole and in order; a toxic only delays them (checked as lower bounds, which
 * a loaded machine cannot break) or, for `limit_data`, cuts the connection after exactly so many bytes.
 */
let echo: net.Server;
let echoPort: number;

beforeAll(async () => {
  echo = net.createServer((socket) => socket.pipe(socket).on('error', () => undefined));
  await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
  echoPort = (echo.address() as net.AddressInfo).port;
});

afterAll(async () => {
  await new Promise<void>((resolve) => echo.close(() => resolve()));
});

/** Sends `payload` through a proxy with `toxics`; what came back, when the last byte came, and whether the proxy closed the connection. */
async function roundTrip(toxics: Toxics, payload: Buffer, expectBytes = payload.length): Promise<{ received: Buffer; elapsedMs: number; closedByProxy: boolean; proxy: ToxicProxy }> {
  const proxy = await startToxicProxy({ host: '127.0.0.1', port: echoPort });
  proxy.setToxics(toxics);
  const socket = net.connect(proxy.port, '127.0.0.1');
  const chunks: Buffer[] = [];
  const startedAt = Date.now();
  const outcome = await new Promise<{ elapsedMs: number; closedByProxy: boolean }>((resolve) => {
    let length = 0;
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      length += chunk.length;
      if (length >= expectBytes) resolve({ elapsedMs: Date.now() - startedAt, closedByProxy: false });
    });
    socket.on('close', () => resolve({ elapsedMs: Date.now() - startedAt, closedByProxy: true }));
    socket.on('error', () => undefined);
    socket.write(payload);
  });
  socket.destroy();
  await proxy.close();
  return { received: Buffer.concat(chunks), ...outcome, proxy };
}

const payload = Buffer.from(Array.from({ length: 2_000 }, (_, index) => String.fromCharCode(97 + (index % 26))).join(''));

describe('the toxic proxy of the fault suite', () => {
  it('passes bytes unchanged without toxics', async () => {
    const { received } = await roundTrip({}, payload);
    expect(received.equals(payload)).toBe(true);
  });

  it('latency: the echo comes back no sooner than both directions\' latency, whole and in order', async () => {
    const { received, elapsedMs } = await roundTrip({ upstream: { latencyMs: 150 }, downstream: { latencyMs: 150 } }, payload);
    expect(received.equals(payload)).toBe(true);
    expect(elapsedMs).toBeGreaterThanOrEqual(295);
  });

  it('bandwidth: 2,000 bytes at 4,000 bytes a second take at least half a second, whole and in order', async () => {
    const { received, elapsedMs } = await roundTrip({ downstream: { bytesPerSecond: 4_000 } }, payload);
    expect(received.equals(payload)).toBe(true);
    expect(elapsedMs).toBeGreaterThanOrEqual(495);
  });

  it('slicing: pieces of 100 bytes 20 ms apart, whole and in order, no sooner than the gaps between them', async () => {
    const { received, elapsedMs } = await roundTrip({ downstream: { sliceBytes: 100, sliceDelayMs: 20 } }, payload);
    expect(received.equals(payload)).toBe(true);
    // 20 pieces, 19 gaps (the echo may come back in several chunks, each sliced: at least that many gaps).
    expect(elapsedMs).toBeGreaterThanOrEqual(19 * 20 - 5);
  });

  it('limit_data: the connection is closed after exactly that many bytes, the first ones', async () => {
    const { received, closedByProxy, proxy } = await roundTrip({ downstream: { limitBytes: 700 } }, payload, payload.length + 1);
    expect(closedByProxy).toBe(true);
    expect(received.equals(payload.subarray(0, 700))).toBe(true);
    expect(proxy.connectionsCut()).toBe(1);
  });

  it('slow_close: a server that closes is closed on the client\'s side no sooner than the delay, after what it sent', async () => {
    // A server that says goodbye and closes at once.
    const closing = net.createServer((socket) => socket.end('au revoir'));
    await new Promise<void>((resolve) => closing.listen(0, '127.0.0.1', resolve));
    const proxy = await startToxicProxy({ host: '127.0.0.1', port: (closing.address() as net.AddressInfo).port });
    proxy.setToxics({ slowCloseMs: 300 });
    try {
      const startedAt = Date.now();
      const socket = net.connect(proxy.port, '127.0.0.1');
      socket.on('error', () => undefined);
      const chunks: Buffer[] = [];
      socket.on('data', (chunk: Buffer) => chunks.push(chunk));
      const closedAfterMs = await new Promise<number>((resolve) => socket.once('close', () => resolve(Date.now() - startedAt)));
      expect(Buffer.concat(chunks).toString()).toBe('au revoir');
      expect(closedAfterMs).toBeGreaterThanOrEqual(295);
    } finally {
      await proxy.close();
      await new Promise<void>((resolve) => closing.close(() => resolve()));
    }
  });
});
