import type { Request, RequestHandler } from 'express';
import { errorBodySchema, type Logger } from '@lac/core';
import type { AdminAuthenticator, AdminIdentity } from './admin-authenticator.ts';
import { sendJson } from './send-json.ts';

/** The realm of every admin route: the browser keeps one credential per realm (admin-logout.ts drops it). */
export const ADMIN_REALM = 'lac-admin';

const authenticated = new WeakMap<Request, AdminIdentity>();

/** Who the admin guard let through (undefined on a route the guard does not cover). */
export function authenticatedAdminOf(req: Request): AdminIdentity | undefined {
  return authenticated.get(req);
}

/**
 * Whether a refused request gets the Basic challenge. A page's script marks its requests
 * `X-Requested-With: XMLHttpRequest` (the inbox does) to get a 401 without it: a browser answers a
 * challenge on a script's read with its own login prompt, so an inbox tab logged out in another
 * tab showed a prompt per read (four at once) over its French "log in again" banner.
 * Navigations and other clients (curl, scripts) keep the challenge.
 */
export function challengesRefusal(req: Request): boolean {
  return req.headers['x-requested-with']?.toString().toLowerCase() !== 'xmlhttprequest';
}

/**
 * HTTP basic authentication for the admin routes: the shared login or an operator's account
 * (AdminAuthenticator). A failure answers 401, with a challenge unless a page's script asked for
 * none (challengesRefusal); a success puts who it is on the request (authenticatedAdminOf).
 */
export function createAdminBasicAuth(admin: AdminAuthenticator, realm: string = ADMIN_REALM): RequestHandler {
  return async (req, res, next) => {
    const identity = await admin.identityOf(req);
    if (identity !== undefined) {
      authenticated.set(req, identity);
      next();
      return;
    }
    if (challengesRefusal(req)) res.setHeader('WWW-Authenticate', `Basic realm="${realm}", charset="UTF-8"`);
    sendJson(res, 401, errorBodySchema, { error: { code: 'unauthorized', message: 'Authentification requise.' } });
  };
}

/** What every admin feature's router is given to guard itself: the admin logins (undefined: none configured) and the logger. */
export interface AdminAccessOptions {
  admin: AdminAuthenticator | undefined;
  logger: Logger;
}

/**
 * The basic-auth guard of one admin feature, or undefined (with one warning naming the feature and
 * its path) when no admin login is configured: admin pages are off without ADMIN_PASSWORD or ADMIN_ACCOUNTS.
 */
export function adminAuthOrDisabled(options: AdminAccessOptions & { feature: string; path: string }): RequestHandler | undefined {
  if (!options.admin) {
    options.logger.warn({ path: options.path }, `${options.feature} disabled: set ADMIN_ACCOUNTS (or ADMIN_PASSWORD) to enable it`);
    return undefined;
  }
  return createAdminBasicAuth(options.admin);
}
