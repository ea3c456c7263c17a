import type { Bindings } from 'pino';
import type { Logger } from './logger.ts';

const LEVEL_METHODS = new Set(['fatal', 'error', 'warn', 'info', 'debug', 'trace']);
const skipLine = (): void => {};

/**
 * `parent.child(bindings)`, made on first use: a call at a level that is off is skipped without
 * making it. A pino child serializes (and redacts) its bindings when it is made, some 10 to 20 µs;
 * the chat pipeline makes one per job, and on the usual path at `warn` it writes nothing.
 */
export function lazyChildLogger(parent: Logger, bindings: Bindings): Logger {
  let child: Logger | undefined;
  return new Proxy(parent, {
    get(target, property) {
      if (child === undefined) {
        // A child has its parent's level: asking it needs no child.
        if (property === 'isLevelEnabled') return target.isLevelEnabled.bind(target);
        if (property === 'level') return target.level;
        if (typeof property === 'string' && LEVEL_METHODS.has(property) && !target.isLevelEnabled(property)) return skipLine;
      }
      child ??= target.child(bindings);
      const value: unknown = Reflect.get(child, property, child);
      return typeof value === 'function' ? value.bind(child) : value;
    },
    // A write (log.level = 'debug') goes to the child, never to the shared parent.
    set(target, property, value) {
      child ??= target.child(bindings);
      return Reflect.set(child, property, value, child);
    },
  });
}
