import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { errorBodySchema, type Logger } from '@lac/core';
import { sendJson } from './send-json.ts';

/** Compares two secrets in constant time (hashing first so lengths do not leak). */
export function constantTimeEquals(a: string, b: string): boolean {
  const digestA = createHash('sha256').update(a, 'utf8').digest();
  const digestB = createHash('sha256').update(b, 'utf8').digest();
  return timingSafeEqual(digestA, digestB);
}

/** Parses `Authorization: Basic base64(user:password)`; undefined when absent or malformed. */
export function parseBasicAuthorization(header: string | undefined): { user: string; password: string } | undefined {
  if (header === undefined) return undefined;
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const separator = decoded.indexOf(':');
  if (separator < 0) return undefined;
  return { user: decoded.slice(0, separator), password: decoded.slice(separator + 1) };
}

/**
 * Whether an Authorization header carries the admin credentials. Both user and password are always
 * compared (no early exit) in constant time.
 */
export function adminCredentialsMatch(header: string | undefined, admin: { user: string; password: string }): boolean {
  const credentials = parseBasicAuthorization(header);
  const userMatches = constantTimeEquals(credentials?.user ?? '', admin.user);
  const passwordMatches = constantTimeEquals(credentials?.password ?? '', admin.password);
  return credentials !== undefined && userMatches && passwordMatches;
}

/** HTTP basic authentication for the admin routes. A failure answers 401 with a challenge. */
/** The realm of every admin route: the browser keeps one credential per realm (admin-logout.ts drops it). */
export const ADMIN_REALM = 'lac-admin';

export function createAdminBasicAuth(options: { user: string; password: string; realm?: string }): RequestHandler {
  const realm = options.realm ?? ADMIN_REALM;
  return (req, res, next) => {
    if (adminCredentialsMatch(req.headers.authorization, options)) {
      next();
      return;
    }
    res.setHeader('WWW-Authenticate', `Basic realm="${realm}", charset="UTF-8"`);
    sendJson(res, 401, errorBodySchema, { error: { code: 'unauthorized', message: 'Authentification requise.' } });
  };
}

/** What every admin feature's router is given to guard itself (ADMIN_USER, ADMIN_PASSWORD, the logger). */
export interface AdminAccessOptions {
  adminUser: string;
  adminPassword: string | undefined;
  logger: Logger;
}

/**
 * The basic-auth guard of one admin feature, or undefined (with one warning naming the feature and
 * its path) when no ADMIN_PASSWORD is set: admin pages are off without a password.
 */
export function adminAuthOrDisabled(options: AdminAccessOptions & { feature: string; path: string }): RequestHandler | undefined {
  if (!options.adminPassword) {
    options.logger.warn({ path: options.path }, `${options.feature} disabled: set ADMIN_PASSWORD (and ADMIN_USER) to enable it`);
    return undefined;
  }
  return createAdminBasicAuth({ user: options.adminUser, password: options.adminPassword });
}
