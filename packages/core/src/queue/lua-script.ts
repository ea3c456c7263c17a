import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { RedisClient } from '../redis/redis-connection.ts';

/**
 * A Lua script read from `./lua/<name>.lua`, run with EVALSHA (falling back to EVAL when the server
 * does not know it yet, e.g. after a restart or SCRIPT FLUSH).
 */
export class LuaScript {
  readonly source: string;
  readonly sha1: string;

  constructor(readonly name: string) {
    this.source = readFileSync(new URL(`./lua/${name}.lua`, import.meta.url), 'utf8');
    this.sha1 = createHash('sha1').update(this.source).digest('hex');
  }

  async run(redis: RedisClient, keys: string[], args: Array<string | number>): Promise<unknown> {
    try {
      return await redis.evalsha(this.sha1, keys.length, ...keys, ...args);
    } catch (error) {
      if (error instanceof Error && error.message.includes('NOSCRIPT')) {
        return redis.eval(this.source, keys.length, ...keys, ...args);
      }
      throw error;
    }
  }
}
