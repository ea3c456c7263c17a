import { Writable } from 'node:stream';
import { createLogger, type Logger } from '../logging/logger.ts';

/** A pino logger at `level` whose lines land, parsed, in `lines` (tests that check what is logged). */
export function captureLogLines(level: 'debug' | 'info' | 'warn' = 'info'): { logger: Logger; lines: Array<Record<string, unknown>> } {
  const lines: Array<Record<string, unknown>> = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { logger: createLogger({ level, destination, secrets: [] }), lines };
}
