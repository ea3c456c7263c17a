import type { Request, RequestHandler, Response } from 'express';
import type { AdminLoginThrottlePort } from '../app-dependencies.ts';
import type { AdminAuthenticator } from './admin-authenticator.ts';
import { parseBasicAuthorization } from './basic-credentials.ts';
import { rateLimitedErrorBodySchema } from './error-body-schemas.ts';
import { clientAddressOf } from './client-address.ts';
import { sendJson } from './send-json.ts';

export const ADMIN_LOGIN_THROTTLED_MESSAGE = 'Trop de tentatives de connexion. Veuillez patienter.';

/** Longest login name a failure window is kept under (longer ones share the window of their prefix). */
const MAX_THROTTLED_LOGIN_LENGTH = 100;

/**
 * In front of every /admin route: wrong credentials count as a failed login of the client address,
 * and of the login name they tried, **before** the request goes on, in the same atomic step that
 * checks each window, so a burst of guesses (concurrent or pipelined on one connection, or spread
 * over many addresses against one login) gets at most the limit's worth of 401 verdicts and 429 for
 * the rest. An address or a login past the limit gets 429 (with Retry-After) for the right
 * credentials too, so a correct password found by guessing is not confirmed: someone hammering a
 * login also keeps its owner out until the window passes (docs/security.md). A failure of an
 * already-blocked address is not counted against the login, so one blocked address cannot keep a
 * login locked. Visits without credentials (the browser's challenge) are not counted. Without any
 * admin login every credential is wrong (the admin routes are off anyway).
 */
export function createAdminLoginThrottleMiddleware(options: { throttle: AdminLoginThrottlePort; admin: AdminAuthenticator | undefined }): RequestHandler {
  const { throttle, admin } = options;
  return async (req, res, next) => {
    const address = { kind: 'address', address: clientAddressOf(req) } as const;
    const credentials = parseBasicAuthorization(req.headers.authorization);
    const loginName = credentials?.user ?? (req.headers.authorization === undefined ? undefined : '');
    const login = loginName === undefined ? undefined : ({ kind: 'login', login: loginName.slice(0, MAX_THROTTLED_LOGIN_LENGTH) } as const);
    const identity = login !== undefined && admin !== undefined ? await admin.identityOf(req) : undefined;
    let retryAfter: number | undefined;
    if (login === undefined) {
      retryAfter = await throttle.retryAfterSeconds(address);
    } else if (identity !== undefined) {
      const [byAddress, byLogin] = await Promise.all([throttle.retryAfterSeconds(address), throttle.retryAfterSeconds(login)]);
      retryAfter = maxOf(byAddress, byLogin);
    } else {
      retryAfter = (await throttle.recordFailure(address)) ?? (await throttle.recordFailure(login));
    }
    if (retryAfter !== undefined) {
      answerThrottled(req, res, retryAfter);
      return;
    }
    next();
  };
}

function maxOf(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined ? b : b === undefined ? a : Math.max(a, b);
}

function answerThrottled(req: Request, res: Response, retryAfterSeconds: number): void {
  req.log?.warn({ path: req.path }, 'admin login throttled');
  res.setHeader('Retry-After', String(retryAfterSeconds));
  sendJson(res, 429, rateLimitedErrorBodySchema, {
    error: { code: 'rate_limited', message: ADMIN_LOGIN_THROTTLED_MESSAGE, retry_after_seconds: retryAfterSeconds },
  });
}
