import type { AdminLoginSubject, Logger } from '@lac/core';
import type { AdminLoginThrottlePort } from '../app-dependencies.ts';
import type { AdminAuthenticator } from './admin-authenticator.ts';

export const ADMIN_LOCKOUT_LOG_MESSAGE = 'admin logins locked out after too many failed logins';

/**
 * Logs a lockout of the admin login throttle ONCE (a warn, across API processes), when a refused
 * request is the first to meet it: a lockout of a login keeps its operator out too (the right
 * password gets 429), so ops must see it, but a flood of guesses must not write one line each.
 *
 * Context: which subject is locked (`address`, `login`: from addresses it never logged in from, or
 * `login_from_known_address`: its share kept for the addresses it did), the failures that locked it and their
 * window, until when (`locked_until`, as the window stands now: more failures from fresh addresses
 * can extend it, and a lockout still there when this notice expires is logged again), and the address
 * of the request that met it. Never a password. The login is logged only when it is a configured
 * login (an operator's identifier, not a secret: ops needs it to warn that operator); a name no
 * account has is whatever the client typed (maybe a password typed in the login field): then only
 * `configured_login: false`.
 */
export async function noticeAdminLockout(options: {
  throttle: AdminLoginThrottlePort;
  admin: AdminAuthenticator | undefined;
  logger: Logger;
  subject: AdminLoginSubject;
  retryAfterSeconds: number;
  requestAddress: string;
}): Promise<void> {
  const { throttle, subject, retryAfterSeconds } = options;
  const first = await throttle.claimLockoutNotice(subject, retryAfterSeconds).catch(() => false);
  if (!first) return;
  const rule = throttle.lockoutRuleOf(subject);
  const lockedUntil = new Date(Date.now() + retryAfterSeconds * 1000).toISOString();
  const common = { failures: rule.maxFailures, window_seconds: rule.windowSeconds, locked_until: lockedUntil, retry_after_seconds: retryAfterSeconds };
  if (subject.kind === 'address') {
    options.logger.warn({ locked: 'address', address: subject.address, ...common }, ADMIN_LOCKOUT_LOG_MESSAGE);
    return;
  }
  const configured = isConfiguredLogin(options.admin, subject.login);
  options.logger.warn(
    { locked: subject.kind, ...(configured ? { login: subject.login } : {}), configured_login: configured, address: options.requestAddress, ...common },
    ADMIN_LOCKOUT_LOG_MESSAGE,
  );
}

function isConfiguredLogin(admin: AdminAuthenticator | undefined, login: string): boolean {
  if (admin === undefined) return false;
  const { logins } = admin;
  return logins.kind === 'accounts' ? logins.accounts.some((account) => account.login === login) : logins.user === login;
}
