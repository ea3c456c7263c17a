import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { RedisClient } from './redis-connection.ts';

/**
 * A Lua script read from a `.lua` file beside its caller (`new LuaScript(new URL('./lua/x.lua',
 * import.meta.url))`), run with EVALSHA (falling back to EVAL when the server does not know it
 * yet, e.g. after a restart or SCRIPT FLUSH). The one way this codebase runs Lua.
 */
export class LuaScript {
  readonly name: string;
  readonly source: string;
  readonly sha1: string;

  constructor(sourceUrl: URL) {
    this.name = path.basename(sourceUrl.pathname, '.lua');
    this.source = readFileSync(sourceUrl, 'utf8');
    this.sha1 = createHash('sha1').update(this.source).digest('hex');
  }

  /**
   * EVAL with the source: always ONE command, whether or not the server knows the script (EVALSHA
   * answered NOSCRIPT costs a second round trip, sent only after the first reply). For a rare path
   * whose command must land right behind the one before it on the connection (a take-back written
   * behind a job creation that timed out): its cost (the source on the wire) does not matter there.
   */
  async runAsOneCommand(redis: RedisClient, keys: string[], args: Array<string | number>): Promise<unknown> {
    return redis.eval(this.source, keys.length, ...keys, ...args);
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
