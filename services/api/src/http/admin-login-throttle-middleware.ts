import type { Request, RequestHandler, Response } from 'express';
import type { AdminLoginThrottlePort } from '../app-dependencies.ts';
import { adminCredentialsMatch } from './admin-basic-auth.ts';
import { rateLimitedErrorBodySchema } from './error-body-schemas.ts';
import { clientAddressOf } from './client-address.ts';
import { sendJson } from './send-json.ts';

export const ADMIN_LOGIN_THROTTLED_MESSAGE = 'Trop de tentatives de connexion. Veuillez patienter.';

/**
 * In front of every /admin route (all of them use the same ADMIN_USER / ADMIN_PASSWORD): wrong
 * credentials count as a failed login of the client address **before** the request goes on, in the
 * same atomic step that checks the window, so a burst of guesses (concurrent or pipelined on one
 * connection) gets at most the limit's worth of 401 verdicts and 429 for the rest. An address past
 * the limit gets 429 (with Retry-After) for the right credentials too, so a correct password found
 * by guessing is not confirmed. Visits without credentials (the browser's challenge) are not
 * counted. Without ADMIN_PASSWORD every credential is wrong (the admin routes are off anyway).
 */
export function createAdminLoginThrottleMiddleware(options: {
  throttle: AdminLoginThrottlePort;
  admin: { user: string; password: string | undefined };
}): RequestHandler {
  const { throttle, admin } = options;
  return async (req, res, next) => {
    const address = clientAddressOf(req);
    const header = req.headers.authorization;
    const rightCredentials = header !== undefined && admin.password !== undefined && admin.password !== '' && adminCredentialsMatch(header, { user: admin.user, password: admin.password });
    const retryAfter = header === undefined || rightCredentials ? await throttle.retryAfterSeconds(address) : await throttle.recordFailure(address);
    if (retryAfter !== undefined) {
      answerThrottled(req, res, retryAfter);
      return;
    }
    next();
  };
}

function answerThrottled(req: Request, res: Response, retryAfterSeconds: number): void {
  req.log?.warn({ path: req.path }, 'admin login throttled');
  res.setHeader('Retry-After', String(retryAfterSeconds));
  sendJson(res, 429, rateLimitedErrorBodySchema, {
    error: { code: 'rate_limited', message: ADMIN_LOGIN_THROTTLED_MESSAGE, retry_after_seconds: retryAfterSeconds },
  });
}
