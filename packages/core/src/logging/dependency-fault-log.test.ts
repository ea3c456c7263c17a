import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { DependencyFaultLog } from './dependency-fault-log.ts';
import { createLogger } from './logger.ts';
import { SecretRedactor } from './secret-redaction.ts';

function capture() {
  const lines: Array<Record<string, unknown>> = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { lines, destination };
}

describe('DependencyFaultLog', () => {
  it('logs a fault once, then a summary per interval with the count, then the recovery once', () => {
    const { lines, destination } = capture();
    let now = 0;
    const log = new DependencyFaultLog(createLogger({ level: 'info', destination, secrets: [] }), { dependency: 'redis' }, 1000, () => now);
    for (let index = 0; index < 5000; index++) {
      now = index; // 5,000 errors over 5 s
      log.failure(new Error('ECONNREFUSED'));
    }
    log.recovery();
    log.recovery();
    expect(lines.length).toBeLessThanOrEqual(7);
    expect(lines[0]).toMatchObject({ dependency: 'redis', err: 'ECONNREFUSED' });
    expect(lines.slice(1, -1).every((line) => typeof line.errorsSinceLastLine === 'number')).toBe(true);
    expect(lines.at(-1)).toMatchObject({ msg: 'dependency recovered' });
  });
});

describe('DependencyFaultLog on a flapping dependency', () => {
  it('costs a handful of lines, not two per flap: faults starting within the interval of the last line are summed up', () => {
    const { lines, destination } = capture();
    let now = 0;
    const log = new DependencyFaultLog(createLogger({ level: 'info', destination, secrets: [] }), { dependency: 'redis' }, 30_000, () => now);
    // 60 s of a slow Redis: every second a command times out, then the next one answers.
    for (let second = 0; second < 60; second++) {
      now = second * 1000;
      log.failure(new Error('Command timed out'), 'could not count a 5xx answer');
      now += 500;
      log.recovery('5xx answers counted again');
    }
    expect(lines.length).toBeLessThanOrEqual(6);
    expect(lines[0]).toMatchObject({ msg: 'could not count a 5xx answer', err: 'Command timed out' });
    // The damped faults are counted in the next line that starts a fault.
    expect(lines.some((line) => typeof line.faultsSinceLastLine === 'number' && line.faultsSinceLastLine > 0)).toBe(true);
    // A fault long after the last line is logged when it starts, as before.
    now = 200_000;
    log.failure(new Error('ECONNREFUSED'), 'could not count a 5xx answer');
    expect(lines.at(-1)).toMatchObject({ msg: 'could not count a 5xx answer', err: 'ECONNREFUSED' });
  });
});

describe('DependencyFaultLog, a damped fault reported once', () => {
  it('is logged when its interval has passed, with the damped count, even without another failure()', async () => {
    const { lines, destination } = capture();
    const log = new DependencyFaultLog(createLogger({ level: 'info', destination, secrets: [] }), { dependency: 'database' }, 60);
    log.failure(new Error('terminating connection'), 'database connection failed');
    log.recovery('database connection recovered');
    // Down again at once (a pool reports one idle client's error, then nothing while it stays down).
    log.failure(new Error('terminating connection'), 'database connection failed');
    expect(lines).toHaveLength(2);
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(lines).toHaveLength(3);
    expect(lines[2]).toMatchObject({ msg: 'database connection failed (again)', faultsSinceLastLine: 1 });
    log.recovery('database connection recovered');
    expect(lines.at(-1)).toMatchObject({ msg: 'database connection recovered' });
  });
});

describe('redaction by value', () => {
  it('scrubs configured secrets wherever they appear in a log line, in plain, JSON-escaped and URL-encoded forms', () => {
    const { lines, destination } = capture();
    const secret = 'sk-or-v1-abc"def/ghi';
    const logger = createLogger({ level: 'info', destination, secrets: [secret, 'x'] });
    logger.warn({ body: `{"error":"invalid key ${secret}"}`, url: `https://h/?k=${encodeURIComponent(secret)}` }, `provider said ${secret}`);
    const text = JSON.stringify(lines);
    expect(text).not.toContain('abc"def');
    expect(text).not.toContain('abc\\"def');
    expect(text).not.toContain(encodeURIComponent(secret));
    expect(text).toContain('[redacted]');
    // A secret shorter than 6 characters is not scrubbed by value (it would blank ordinary words).
    expect(new SecretRedactor(['x']).redact('xyz')).toBe('xyz');
  });
});
