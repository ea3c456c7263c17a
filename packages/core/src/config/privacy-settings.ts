import { z } from 'zod';
import { booleanFromEnv, integer, optionalString, optionalTrustProxy } from './setting-types.ts';

/**
 * Settings of conversation access, per-client limits and retention (docs/security.md): part of the
 * one configuration schema (config.ts), kept in a file of their own.
 */
export const privacySettings = {
  /** token: a conversation's posts, reads and streams need its Bearer token; open: today's behaviour (migration window). */
  CONVERSATION_ACCESS: z.enum(['token', 'open']).default('token'),
  /** HMAC key of conversation tokens (at least 32 characters). Unset: one is generated once and kept in Redis. */
  CONVERSATION_TOKEN_SECRET: optionalString.refine((value) => value === undefined || value.length >= 32, {
    error: 'CONVERSATION_TOKEN_SECRET must be at least 32 characters',
  }),
  /** Former secrets, comma-separated: tokens signed with them stay valid (rotation). */
  CONVERSATION_TOKEN_PREVIOUS_SECRETS: optionalString,
  /** Express "trust proxy" value (loopback, a CIDR list, a hop count, true); unset: the socket address is the client. */
  TRUST_PROXY: optionalTrustProxy,
  /**
   * Connections one client address (a global IPv6 address: its /64) may hold open on the API at once
   * (0: off). Unset: a tenth of the process's open-file limit, at least 256 (a few addresses cannot
   * take every file descriptor), off where that limit cannot be read. Counted on the socket's
   * address, so it applies only without TRUST_PROXY.
   */
  MAX_CONNECTIONS_PER_ADDRESS: z.preprocess((value) => (typeof value === 'string' && value.trim() === '' ? undefined : value), z.coerce.number().int().min(0).max(10_000_000).optional()),
  /**
   * Requests about one conversation (`/api/v2/conversations/:id/...`, each one a database query),
   * posts without a token and openings (a first `POST /api/v2/chat`, `POST /api/v2/conversations`: such a post
   * looks its id up in the database) one client address may have at work at once in one API process
   * (0: off); a long-poll stops counting when it starts waiting, an event stream when it opens, a
   * `Prefer: wait` post when it starts waiting.
   */
  MAX_REQUESTS_IN_PROGRESS_PER_CLIENT: integer(16, 0, 100_000),
  /** Messages per client address and per user_id in RATE_LIMIT_CLIENT_WINDOW_SECONDS (0: off). */
  RATE_LIMIT_CLIENT_MESSAGES: integer(60, 0, 1_000_000),
  RATE_LIMIT_CLIENT_WINDOW_SECONDS: integer(60, 1, 86_400),
  /**
   * Messages per client address and per user_id in any 24 hours (0: off). The window above lets one
   * address send 86,400 messages a day: each kept in Redis for days (its conversation's events),
   * each a paid answer in live mode; no visitor writes a thousand messages a day.
   */
  RATE_LIMIT_CLIENT_MESSAGES_PER_DAY: integer(1_000, 0, 10_000_000),
  /**
   * Whether the per-client limits (the message and new-conversation windows, requests at work,
   * connections per address) also count clients on this host's loopback address (127.0.0.0/8,
   * ::1). Off: such a client is this host itself (a script, an evaluation, a load test), which a
   * visitor cannot pose as; the per-conversation rate limit still applies to it. Behind a reverse
   * proxy on the same host, set TRUST_PROXY: without it every visitor is that one loopback client.
   */
  CLIENT_LIMITS_ON_LOOPBACK: booleanFromEnv(false),
  /** New conversations per client address per hour (0: off). */
  RATE_LIMIT_NEW_CONVERSATIONS_PER_HOUR: integer(30, 0, 1_000_000),
  /** Failed admin logins per client address in ADMIN_LOGIN_WINDOW_SECONDS before 429 (0: off). */
  ADMIN_LOGIN_MAX_FAILURES: integer(10, 0, 100_000),
  /**
   * Failed admin logins per login name (from any address) in ADMIN_LOGIN_WINDOW_SECONDS before 429
   * (0: off). Bounds guesses spread over many addresses. A fifth (10) is kept for the addresses the
   * login logged in from in the last 30 days, the rest (40) counts failures from anywhere else: past
   * it the login is refused from every other address, its owner's new ones too, until the window
   * passes; higher than the per-address limit so one address cannot. The total stays this limit.
   */
  ADMIN_LOGIN_MAX_FAILURES_PER_LOGIN: integer(50, 0, 100_000),
  ADMIN_LOGIN_WINDOW_SECONDS: integer(900, 1, 86_400),
  /** Conversations idle longer than this are erased by the retention sweep (0: kept forever). */
  RETENTION_DAYS: integer(365, 0, 36_500),
  /** How often the retention sweep runs. */
  RETENTION_SWEEP_INTERVAL_SECONDS: integer(3600, 60, 7 * 86_400),
};
