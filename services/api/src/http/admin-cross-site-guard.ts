import type { RequestHandler } from 'express';
import { CrossSiteRequestError, UnsupportedMediaTypeError } from './api-errors.ts';

const UNSAFE_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Cross-site request forgery on the admin routes. A browser that has the operator's basic-auth
 * credentials cached sends them with a form posted from any other site's page; CORS does not stop a
 * form (no preflight), only a script. So a state-changing admin request is refused:
 * - with 403 when the browser says it comes from another site (`Sec-Fetch-Site: cross-site` or
 *   `same-site`, sent by every current browser; when present it alone decides, since a reverse
 *   proxy may rewrite Host) or, for older browsers without it, when its `Origin` is `null` or
 *   names another host than the one it was sent to;
 * - with 415 (`jsonBodyOnly`) when it declares a Content-Type other than JSON, even with an empty
 *   body: a form can only send `application/x-www-form-urlencoded`, `multipart/form-data` or
 *   `text/plain` without a preflight.
 * Requests without those headers (curl, scripts, the inbox's own same-origin fetches) pass.
 */
export function createAdminCrossSiteGuard(options: { jsonBodyOnly: boolean }): RequestHandler {
  return (req, _res, next) => {
    if (!UNSAFE_METHODS.has(req.method)) return next();
    const fetchSite = req.headers['sec-fetch-site'];
    if (fetchSite !== undefined) {
      // The browser says where the request comes from: that decides (a reverse proxy may rewrite
      // Host, so Origin and Host need not match for the operator's own page).
      if (fetchSite === 'cross-site' || fetchSite === 'same-site') return next(new CrossSiteRequestError());
    } else {
      // An older browser: its Origin must name the host the request was sent to.
      const origin = req.headers.origin;
      if (origin === 'null') return next(new CrossSiteRequestError());
      if (origin !== undefined && !originMatchesHost(origin, [req.headers.host, firstForwardedHost(req.headers['x-forwarded-host'])])) {
        return next(new CrossSiteRequestError());
      }
    }
    const contentType = req.headers['content-type'];
    // Compared on the header itself: req.is() answers null for a request without a body.
    if (options.jsonBodyOnly && contentType !== undefined && !isJsonMediaType(contentType)) {
      return next(new UnsupportedMediaTypeError(contentType));
    }
    next();
  };
}

function isJsonMediaType(contentType: string): boolean {
  const mediaType = contentType.split(';')[0]!.trim().toLowerCase();
  return mediaType === 'application/json' || (mediaType.startsWith('application/') && mediaType.endsWith('+json'));
}

function firstForwardedHost(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  return value?.split(',')[0]?.trim() || undefined;
}

function originMatchesHost(origin: string, hosts: ReadonlyArray<string | undefined>): boolean {
  let originHost: string;
  try {
    originHost = new URL(origin).host.toLowerCase();
  } catch {
    return false;
  }
  return hosts.some((host) => host !== undefined && host.toLowerCase() === originHost);
}
