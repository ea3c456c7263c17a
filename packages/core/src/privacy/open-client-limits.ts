import type { AppConfig } from '../config/config.ts';
import { ClientRateLimiter } from '../queue/client-rate-limiter.ts';
import type { RedisClient } from '../redis/redis-connection.ts';
import type { RedisKeys } from '../redis/redis-keys.ts';
import { AdminLoginThrottle } from './admin-login-throttle.ts';

/** The per-client windows and the admin login throttle of an API process, from the configuration. */
export function openClientLimits(options: {
  config: Pick<
    AppConfig,
    'RATE_LIMIT_CLIENT_MESSAGES' | 'RATE_LIMIT_CLIENT_WINDOW_SECONDS' | 'RATE_LIMIT_CLIENT_MESSAGES_PER_DAY' | 'RATE_LIMIT_NEW_CONVERSATIONS_PER_HOUR' | 'ADMIN_LOGIN_MAX_FAILURES' | 'ADMIN_LOGIN_MAX_FAILURES_PER_LOGIN' | 'ADMIN_LOGIN_WINDOW_SECONDS'
  >;
  redis: RedisClient;
  keys: RedisKeys;
}): { clientLimits: ClientRateLimiter; adminLoginThrottle: AdminLoginThrottle } {
  const { config, redis, keys } = options;
  return {
    clientLimits: new ClientRateLimiter(redis, keys, {
      messagesPerClient: config.RATE_LIMIT_CLIENT_MESSAGES,
      messageWindowSeconds: config.RATE_LIMIT_CLIENT_WINDOW_SECONDS,
      messagesPerClientPerDay: config.RATE_LIMIT_CLIENT_MESSAGES_PER_DAY,
      newConversationsPerHour: config.RATE_LIMIT_NEW_CONVERSATIONS_PER_HOUR,
    }),
    adminLoginThrottle: new AdminLoginThrottle(redis, keys, {
      maxFailures: config.ADMIN_LOGIN_MAX_FAILURES,
      maxFailuresPerLogin: config.ADMIN_LOGIN_MAX_FAILURES_PER_LOGIN,
      windowSeconds: config.ADMIN_LOGIN_WINDOW_SECONDS,
    }),
  };
}
