import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findFreePort, portsBelowEphemeralRange } from './free-port.ts';

const folder = mkdtempSync(path.join(tmpdir(), 'lac-free-port-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function rangeFile(content: string): string {
  const file = path.join(folder, `range-${Math.random().toString(36).slice(2)}`);
  writeFileSync(file, content);
  return file;
}

describe('findFreePort', () => {
  it('reads the ports under the ephemeral range, and gives up on what it cannot read', () => {
    expect(portsBelowEphemeralRange(rangeFile('32768\t60999\n'))).toEqual({ lowest: 22_768, highest: 32_767 });
    expect(portsBelowEphemeralRange(rangeFile('15000 60999'))).toEqual({ lowest: 10_000, highest: 14_999 });
    expect(portsBelowEphemeralRange(rangeFile('10500 60999'))).toBeUndefined();
    expect(portsBelowEphemeralRange(rangeFile('garbage'))).toBeUndefined();
    expect(portsBelowEphemeralRange(path.join(folder, 'missing'))).toBeUndefined();
  });

  it('hands out distinct ports a server can listen on, outside the range outgoing connections use', async () => {
    const range = portsBelowEphemeralRange();
    const ports = await Promise.all(Array.from({ length: 20 }, () => findFreePort()));
    expect(new Set(ports).size).toBe(ports.length);
    for (const port of ports) {
      if (range) {
        expect(port).toBeGreaterThanOrEqual(range.lowest);
        expect(port).toBeLessThanOrEqual(range.highest);
      }
      await new Promise<void>((resolve, reject) => {
        const server = createServer();
        server.once('error', reject);
        server.listen(port, '127.0.0.1', () => server.close(() => resolve()));
      });
    }
  });
});
