import type { Logger } from '../logging/logger.ts';
import type { RedisClient } from '../redis/redis-connection.ts';
import type { RedisKeys } from '../redis/redis-keys.ts';

/**
 * Whether a person can answer a visitor in the conversation: only through the operators' inbox,
 * which an API process serves when an admin login is configured (ADMIN_ACCOUNTS, or the shared
 * ADMIN_PASSWORD). Without one every /admin route is off and nobody can ever join: the hand-over
 * reply promised "une personne va te répondre ici même" all the same, and every later message of
 * the visitor was held for that person.
 *
 * The API processes that serve the inbox say so in Redis (a key refreshed every `refreshMs`, which
 * lives `ttlSeconds`): the workers, which write the hand-over reply, ask it when a message is handed
 * over. A worker does not need the admin secrets for that, and an inbox turned off is forgotten
 * once the last API that served it has been gone `ttlSeconds`.
 */
export const OPERATOR_INBOX_ADVERT_TTL_SECONDS = 120;
export const OPERATOR_INBOX_ADVERT_REFRESH_MS = 30_000;

export interface OperatorInboxAdvertising {
  /** Resolves once the first advert was written (or refused: the next refresh tries again). */
  ready: Promise<void>;
  stop(): void;
}

/** The API's side: says, now and every `refreshMs`, that this process serves the operators' inbox. */
export function advertiseOperatorInbox(options: {
  redis: RedisClient;
  keys: RedisKeys;
  logger: Logger;
  refreshMs?: number;
  ttlSeconds?: number;
}): OperatorInboxAdvertising {
  const { redis, keys, logger } = options;
  const ttlSeconds = options.ttlSeconds ?? OPERATOR_INBOX_ADVERT_TTL_SECONDS;
  let failing = false;
  const advertise = async (): Promise<void> => {
    try {
      await redis.set(keys.operatorInboxServed(), '1', 'EX', ttlSeconds);
      if (failing) logger.info({ component: 'operator-inbox-advert' }, 'operator inbox advertised again');
      failing = false;
    } catch (error) {
      // Said once per outage; the key outlives a few failed refreshes (ttl 120 s, refresh 30 s).
      if (!failing) logger.warn({ component: 'operator-inbox-advert', err: error }, 'could not advertise the operator inbox in Redis');
      failing = true;
    }
  };
  const timer = setInterval(() => void advertise(), options.refreshMs ?? OPERATOR_INBOX_ADVERT_REFRESH_MS);
  timer.unref();
  return { ready: advertise(), stop: () => clearInterval(timer) };
}

/**
 * The worker's side: whether an API process serves the operators' inbox. A Redis that does not
 * answer counts as served: a hand-over is never turned down for a read that failed (as before the
 * advert existed), and the message waits for a person as it would have.
 */
export function operatorInboxServedReader(redis: RedisClient, keys: RedisKeys, logger: Logger): () => Promise<boolean> {
  return async () => {
    try {
      return (await redis.exists(keys.operatorInboxServed())) === 1;
    } catch (error) {
      logger.warn({ component: 'operator-inbox-advert', err: error }, 'could not read whether the operator inbox is served: the hand-over goes on');
      return true;
    }
  };
}
