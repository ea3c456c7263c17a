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
 * Every API process says in Redis whether it serves the inbox (one of two keys, refreshed every
 * `refreshMs`, which lives `ttlSeconds`): the workers, which write the hand-over reply, ask it when a
 * message is handed over. A worker does not need the admin secrets for that, and an inbox turned off
 * is forgotten once the last API that served it has been gone `ttlSeconds`. Only an API saying it
 * does not serve the inbox, and none saying it does, turns a hand-over down: neither key (Redis's
 * data lost by a FLUSHALL or a restart without its append-only file, until the next refresh) counts
 * as served, as a failed read does. Before, the absence of the one key did: for up to 30 s after
 * such a loss a visitor asking for a person was told nobody could answer, the inbox served all along.
 */
export const OPERATOR_INBOX_ADVERT_TTL_SECONDS = 120;
export const OPERATOR_INBOX_ADVERT_REFRESH_MS = 30_000;

export interface OperatorInboxAdvertising {
  /** Resolves once the first advert was written (or refused: the next refresh tries again). */
  ready: Promise<void>;
  stop(): void;
}

/** The API's side: says, now and every `refreshMs`, whether this process serves the operators' inbox. */
export function advertiseOperatorInbox(options: {
  redis: RedisClient;
  keys: RedisKeys;
  logger: Logger;
  /** An admin login is configured: this process serves the inbox. */
  served: boolean;
  refreshMs?: number;
  ttlSeconds?: number;
}): OperatorInboxAdvertising {
  const { redis, keys, logger } = options;
  const ttlSeconds = options.ttlSeconds ?? OPERATOR_INBOX_ADVERT_TTL_SECONDS;
  const key = options.served ? keys.operatorInboxServed() : keys.operatorInboxNotServed();
  let failing = false;
  const advertise = async (): Promise<void> => {
    try {
      await redis.set(key, '1', 'EX', ttlSeconds);
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
 * The worker's side: whether an API process serves the operators' inbox. Not served only when an
 * API says so and none says it serves it. Neither said (a loss of Redis's data) and a Redis that does
 * not answer count as served: a hand-over is never turned down for what is not known (as before the
 * advert existed), and the message waits for a person as it would have. One `EXISTS` where the inbox
 * is served, two where it is not (the keys are in different cluster slots: one command each).
 */
export function operatorInboxServedReader(redis: RedisClient, keys: RedisKeys, logger: Logger): () => Promise<boolean> {
  return async () => {
    try {
      if ((await redis.exists(keys.operatorInboxServed())) === 1) return true;
      return (await redis.exists(keys.operatorInboxNotServed())) === 0;
    } catch (error) {
      logger.warn({ component: 'operator-inbox-advert', err: error }, 'could not read whether the operator inbox is served: the hand-over goes on');
      return true;
    }
  };
}

/**
 * A reader's answer kept `maxAgeMs` (by default the adverts' refresh period) after the read that gave it: calls within that
 * time, and calls while the read is under way, get the same answer with no Redis command. A failed read counts as served,
 * as the reader's own failures do.
 */
export function keptForAWhile(read: () => Promise<boolean>, options: { maxAgeMs?: number; now?: () => number } = {}): () => Promise<boolean> {
  const maxAgeMs = options.maxAgeMs ?? OPERATOR_INBOX_ADVERT_REFRESH_MS;
  const now = options.now ?? Date.now;
  let last: { answer: Promise<boolean>; readAt: number } | undefined;
  return () => {
    const at = now();
    // A clock gone back (a corrected system time) reads again rather than keep an answer for longer.
    if (last === undefined || at - last.readAt >= maxAgeMs || at < last.readAt) last = { answer: read().catch(() => true), readAt: at };
    return last.answer;
  };
}

/**
 * Whether an API process serves the operators' inbox, as read lately: what every reply but the hand-over asks (ChatPipelineHooks
 * `personCanAnswerHereRecently`: the offline answers, the clarifying question, the identity reply offer a person or say to
 * contact the agency). Read at most once per `maxAgeMs` (30 s, the adverts' refresh period), not once per message: the queue
 * path's Redis commands per message are budgeted (`pnpm bench`, at most 50). The hand-over itself reads afresh
 * (`operatorInboxServedReader`): it decides where the conversation goes.
 */
export function recentOperatorInboxServedReader(
  redis: RedisClient,
  keys: RedisKeys,
  logger: Logger,
  options: { maxAgeMs?: number; now?: () => number } = {},
): () => Promise<boolean> {
  return keptForAWhile(operatorInboxServedReader(redis, keys, logger), options);
}
