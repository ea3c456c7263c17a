import { Writable } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import { lazyChildLogger } from './lazy-child-logger.ts';
import { createLogger } from './logger.ts';

function capture(level: string) {
  const lines: Array<Record<string, unknown>> = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)) as Record<string, unknown>);
      done();
    },
  });
  return { lines, logger: createLogger({ level, destination, secrets: [] }) };
}

describe('lazyChildLogger', () => {
  it('writes enabled lines with the bindings, as the child would', () => {
    const { lines, logger } = capture('info');
    const log = lazyChildLogger(logger, { jobId: 'job-1', conversationId: 'c-1' });
    log.info({ agent: 'audrey' }, 'answered');
    log.debug('not written');
    log.child({ stage: 'route' }).warn({ password: 'hunter2' }, 'nested');
    expect(lines.map((line) => line.msg)).toEqual(['answered', 'nested']);
    expect(lines[0]).toMatchObject({ jobId: 'job-1', conversationId: 'c-1', agent: 'audrey' });
    expect(lines[1]).toMatchObject({ jobId: 'job-1', stage: 'route', password: '[redacted]' });
  });

  it('does not make the child while only disabled levels are called', () => {
    const { lines, logger } = capture('warn');
    const child = vi.spyOn(logger, 'child');
    const log = lazyChildLogger(logger, { jobId: 'job-2' });
    log.info('skipped');
    log.debug({ x: 1 }, 'skipped too');
    expect(log.isLevelEnabled('info')).toBe(false);
    expect(log.level).toBe('warn');
    expect(child).not.toHaveBeenCalled();
    log.warn('written');
    expect(child).toHaveBeenCalledTimes(1);
    expect(lines).toEqual([expect.objectContaining({ msg: 'written', jobId: 'job-2' })]);
  });

  it("changes its own level, not its parent's", () => {
    const { logger } = capture('warn');
    const log = lazyChildLogger(logger, { jobId: 'job-3' });
    log.level = 'debug';
    expect(log.isLevelEnabled('debug')).toBe(true);
    expect(logger.level).toBe('warn');
  });
});
