import type { RequestHandler, Response } from 'express';
import type { AdminLoginSubject, Logger } from '@lac/core';
import type { AdminLoginThrottlePort } from '../app-dependencies.ts';
import type { AdminAuthenticator } from './admin-authenticator.ts';
import { parseBasicAuthorization } from './basic-credentials.ts';
import { rateLimitedErrorBodySchema } from './error-body-schemas.ts';
import { clientAddressOf } from './client-address.ts';
import { sendJson } from './send-json.ts';
import { noticeAdminLockout } from './admin-lockout-notice.ts';
import { KeyedTurns } from './keyed-turns.ts';

export const ADMIN_LOGIN_THROTTLED_MESSAGE = 'Trop de tentatives de connexion. Veuillez patienter.';

/** Longest login name a failure window is kept under (longer ones share the window of their prefix). */
const MAX_THROTTLED_LOGIN_LENGTH = 100;

/**
 * Credentials of one address checked at once in this process; the address's other requests wait
 * their turn, then find the address blocked if the checks before them used up its failures. A burst
 * of 400 concurrent guesses from a fresh address ran 400 scrypts (10 answered 401, 390 429) and held
 * libuv's thread pool for over a minute: another operator's login took 47 s instead of 0.4 s.
 */
export const ADMIN_PASSWORD_CHECKS_AT_ONCE_PER_ADDRESS = 2;

/**
 * In front of every /admin route: wrong credentials count as a failed login of the client address,
 * and of the login name they tried, **before** the request goes on, in the same atomic step that
 * checks each window, so a burst of guesses (concurrent or pipelined on one connection, or spread
 * over many addresses against one login) gets at most the limit's worth of 401 verdicts and 429 for
 * the rest. An address or a login past the limit gets 429 (with Retry-After) for the right
 * credentials too, so a correct password found by guessing is not confirmed: someone hammering a
 * login also keeps its owner out until the window passes (docs/security.md). A failure of an
 * already-blocked address is not counted against the login, so one blocked address cannot keep a
 * login locked. A login's failures from addresses it logged in from count in a share of its limit
 * kept for them (AdminLoginThrottle): strangers locking a login from elsewhere do not keep its
 * operator out where they work, and the total bound per login is unchanged. A blocked address is answered 429 before the password is checked (a scrypt
 * per request of a flood from a blocked address was a cheap way to slow every other login), and an
 * address's credentials are checked a few at a time (ADMIN_PASSWORD_CHECKS_AT_ONCE_PER_ADDRESS), so
 * a concurrent burst from a fresh address costs about its failure limit in scrypts, not one each. Visits
 * without credentials (the browser's challenge) are not counted. Without any admin login every
 * credential is wrong (the admin routes are off anyway).
 */
export function createAdminLoginThrottleMiddleware(options: {
  throttle: AdminLoginThrottlePort;
  admin: AdminAuthenticator | undefined;
  /** Where a lockout is logged, once per lockout (admin-lockout-notice.ts). */
  logger: Logger;
  /** Default ADMIN_PASSWORD_CHECKS_AT_ONCE_PER_ADDRESS. */
  passwordChecksAtOncePerAddress?: number;
}): RequestHandler {
  const { throttle, admin } = options;
  const passwordChecks = new KeyedTurns<string>(options.passwordChecksAtOncePerAddress ?? ADMIN_PASSWORD_CHECKS_AT_ONCE_PER_ADDRESS);
  return async (req, res, next) => {
    const clientAddress = clientAddressOf(req);
    const address = { kind: 'address', address: clientAddress } as const;
    const credentials = parseBasicAuthorization(req.headers.authorization);
    const loginName = credentials?.user ?? (req.headers.authorization === undefined ? undefined : '');
    const throttledLogin = loginName?.slice(0, MAX_THROTTLED_LOGIN_LENGTH);
    // A blocked address is answered from its counter alone: checking the password first cost a full
    // scrypt per request of a flood from an address already blocked. Then every request takes the
    // same steps (password, then one decisive window command), so guesses pipelined on a connection
    // are still counted in their order before each is answered.
    let blocked = blockedBy(address, await throttle.retryAfterSeconds(address));
    if (blocked === undefined && throttledLogin !== undefined) {
      // A few checks of one address at a time: a concurrent burst must not run a scrypt per request.
      const turn = await passwordChecks.take(clientAddress);
      try {
        // Checked again after a wait for its turn: the checks before it may have used up the address's failures.
        if (turn.waited) blocked = blockedBy(address, await throttle.retryAfterSeconds(address));
        if (blocked === undefined) {
          const identity = admin !== undefined ? await admin.identityOf(req) : undefined;
          // From an address this login logged in from, its failures count in the login's reserved share.
          const login = await throttle.loginSubjectOf(throttledLogin, clientAddress);
          if (identity !== undefined) {
            const [byAddress, byLogin] = await Promise.all([throttle.retryAfterSeconds(address), throttle.retryAfterSeconds(login)]);
            blocked = (byLogin ?? 0) > (byAddress ?? 0) ? blockedBy(login, byLogin) : blockedBy(address, byAddress);
            if (blocked === undefined && login.kind === 'login') await throttle.rememberSuccessfulLogin(throttledLogin, clientAddress);
          } else {
            blocked = blockedBy(address, await throttle.recordFailure(address)) ?? blockedBy(login, await throttle.recordFailure(login));
          }
        }
      } finally {
        turn.release();
      }
    }
    if (blocked !== undefined) {
      await noticeAdminLockout({ throttle, admin, logger: options.logger, ...blocked, requestAddress: clientAddress });
      answerThrottled(res, blocked.retryAfterSeconds);
      return;
    }
    next();
  };
}

function blockedBy(subject: AdminLoginSubject, retryAfterSeconds: number | undefined): { subject: AdminLoginSubject; retryAfterSeconds: number } | undefined {
  return retryAfterSeconds === undefined ? undefined : { subject, retryAfterSeconds };
}

/** Each refused request has its access-log line (429); the lockout itself is logged once (above). */
function answerThrottled(res: Response, retryAfterSeconds: number): void {
  res.setHeader('Retry-After', String(retryAfterSeconds));
  sendJson(res, 429, rateLimitedErrorBodySchema, {
    error: { code: 'rate_limited', message: ADMIN_LOGIN_THROTTLED_MESSAGE, retry_after_seconds: retryAfterSeconds },
  });
}
