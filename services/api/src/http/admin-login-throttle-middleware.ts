import type { RequestHandler } from 'express';
import type { Logger } from '@lac/core';
import type { AdminLoginThrottlePort } from '../app-dependencies.ts';
import { rateLimitedErrorBodySchema } from './error-body-schemas.ts';
import { clientAddressOf } from './client-address.ts';
import { sendJson } from './send-json.ts';

export const ADMIN_LOGIN_THROTTLED_MESSAGE = 'Trop de tentatives de connexion. Veuillez patienter.';

/**
 * In front of every /admin route, whatever authenticates it: a request that sent credentials and
 * was answered 401 counts as a failed login of its client address; an address with too many
 * failures in the window gets 429 (with Retry-After) before its credentials are even checked, so a
 * correct password found by guessing is not confirmed either.
 */
export function createAdminLoginThrottleMiddleware(options: { throttle: AdminLoginThrottlePort; logger: Logger }): RequestHandler {
  const { throttle } = options;
  return async (req, res, next) => {
    const address = clientAddressOf(req);
    const retryAfter = await throttle.retryAfterSeconds(address);
    if (retryAfter !== undefined) {
      req.log?.warn({ path: req.path }, 'admin login throttled');
      res.setHeader('Retry-After', String(retryAfter));
      sendJson(res, 429, rateLimitedErrorBodySchema, {
        error: { code: 'rate_limited', message: ADMIN_LOGIN_THROTTLED_MESSAGE, retry_after_seconds: retryAfter },
      });
      return;
    }
    res.once('finish', () => {
      if (res.statusCode !== 401 || req.headers.authorization === undefined) return;
      throttle.recordFailure(address).catch((error: unknown) => {
        options.logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'could not count a failed admin login');
      });
    });
    next();
  };
}
