import { readFileSync } from 'node:fs';
import { Router, type Express } from 'express';
import { errorBodySchema } from '@lac/core';
import { ADMIN_REALM } from '../http/admin-basic-auth.ts';
import { createAdminCrossSiteGuard } from '../http/admin-cross-site-guard.ts';
import { sendJson } from '../http/send-json.ts';

export const ADMIN_LOGOUT_PATH = '/admin/logout';
export const ADMIN_LOGGED_OUT_PATH = '/admin/logged-out';

const loggedOutPage = readFileSync(new URL('./admin-logged-out.html', import.meta.url), 'utf8');

/**
 * Logging out of HTTP basic auth, which browsers otherwise keep until they close:
 *
 * - `POST /admin/logout` always answers 401 with the admin realm's `WWW-Authenticate` challenge,
 *   whatever credentials it gets (it checks none, so it confirms nothing to a password guesser). A
 *   browser whose cached credentials are answered 401 drops them. The inbox calls it with
 *   deliberately wrong credentials (an XMLHttpRequest with a user and password: the browser sends
 *   those, not the cached ones, and does not prompt), then goes to the "déconnecté" page.
 * - `GET /admin/logged-out`: that page, without auth (it loads nothing that asks for credentials,
 *   so it does not prompt again); its link goes back to the inbox, which prompts.
 *
 * Both are mounted before the admin login throttle: the deliberately wrong credentials are no failed
 * login. A POST only, behind the cross-site guard: another site's page can neither post it (403) nor
 * trigger it with a link or an image (GET is 404). What it could do at worst is what the operator
 * asked for: end their own session.
 */
export function mountAdminLogout(app: Express, options: { enabled: boolean }): void {
  if (!options.enabled) return;
  const router = Router();
  router.post('/logout', createAdminCrossSiteGuard({ jsonBodyOnly: true }), (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('WWW-Authenticate', `Basic realm="${ADMIN_REALM}", charset="UTF-8"`);
    sendJson(res, 401, errorBodySchema, { error: { code: 'unauthorized', message: 'Déconnecté : identifiants oubliés par le navigateur.' } });
  });
  router.get('/logged-out', (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.type('html').send(loggedOutPage);
  });
  app.use('/admin', router);
}
