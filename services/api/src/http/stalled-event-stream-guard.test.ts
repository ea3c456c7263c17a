import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEventStream } from './event-stream.ts';

/**
 * A stream's client that stops reading: every event written to it stayed in the API's memory (200
 * streams that did not read, on one conversation, grew the API by 113 MB for 450 operator replies).
 * Now such a stream is cut once its writes have waited for the client `stallLimitMs` (checked at each
 * heartbeat), or once it holds `maxUnsentBytes`; a client that reads gets everything.
 */

const CHUNK = `data: ${'x'.repeat(64 * 1024)}\n\n`;
const CHUNKS = 400; // 26 MB: far more than the kernel's buffers on loopback hold for a client that does not read.

let server: Server;
let port: number;
const outcomes = new Map<string, Promise<{ written: number; cut: boolean }>>();

beforeAll(async () => {
  const app = express();
  app.get('/stream/:name', (req, res) => {
    const stream = openEventStream(res, { heartbeatMs: 50, isOpen: () => !res.destroyed, stallGuard: { stallLimitMs: 300, maxUnsentBytes: 64 * 1024 * 1024 } });
    let written = 0;
    outcomes.set(
      req.params.name,
      new Promise((resolve) => {
        const timer = setInterval(() => {
          if (written < CHUNKS && stream.write(CHUNK)) written += 1;
          if (written === CHUNKS || res.destroyed) {
            clearInterval(timer);
            const settle = () => {
              clearInterval(stream.heartbeat);
              resolve({ written, cut: res.destroyed && !res.writableFinished });
            };
            if (res.destroyed) settle();
            else {
              res.end();
              // Ends when the client has read it all, or is cut meanwhile for not reading.
              const waitForCut = setTimeout(settle, 5_000);
              res.once('close', () => {
                clearTimeout(waitForCut);
                settle();
              });
            }
          }
        }, 2);
      }),
    );
  });
  server = createServer(app).listen(0, '127.0.0.1');
  await once(server, 'listening');
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function openStream(name: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(`GET /stream/${name} HTTP/1.1\r\nHost: a\r\nAccept: text/event-stream\r\n\r\n`);
      resolve(socket);
    });
    socket.on('error', reject);
  });
}

async function outcomeOf(name: string): Promise<{ written: number; cut: boolean }> {
  while (!outcomes.has(name)) await new Promise((resolve) => setTimeout(resolve, 10));
  return outcomes.get(name)!;
}

describe('an event stream whose client stops reading', () => {
  it('is cut instead of keeping every event in memory, while a client that reads gets everything', async () => {
    const reader = await openStream('reading');
    let received = 0;
    reader.on('data', (chunk: Buffer) => (received += chunk.length));
    reader.on('error', () => undefined);
    const readerOutcome = await outcomeOf('reading');
    expect(readerOutcome).toEqual({ written: CHUNKS, cut: false });
    await once(reader, 'end');
    expect(received).toBeGreaterThan(CHUNKS * CHUNK.length);

    const stalled = await openStream('stalled');
    stalled.on('error', () => undefined);
    stalled.pause(); // reads nothing: the kernel's buffers fill, then Node's
    const stalledOutcome = await outcomeOf('stalled');
    stalled.destroy();
    expect(stalledOutcome.cut).toBe(true);
    expect(stalledOutcome.written).toBeLessThan(CHUNKS);
  }, 60_000);
});
