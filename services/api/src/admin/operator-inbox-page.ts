import { readFileSync } from 'node:fs';
import { Router, type Express } from 'express';
import { createAdminBasicAuth } from '../http/admin-basic-auth.ts';

export const OPERATOR_INBOX_PATH = '/admin/inbox';

/**
 * The operators' inbox page (`/admin/inbox`), behind the admin basic auth: a static French page and
 * its script (no framework, no build step), reading the operator API (`/admin/conversations…`) and
 * following its event stream. The script is a separate file because the Content-Security-Policy
 * allows scripts from this origin only (no inline script).
 */
const page = readFileSync(new URL('./operator-inbox.html', import.meta.url), 'utf8');
const script = readFileSync(new URL('./operator-inbox.js', import.meta.url), 'utf8');

export function mountOperatorInboxPage(app: Express, options: { enabled: boolean; adminUser: string; adminPassword: string | undefined }): void {
  if (!options.enabled || !options.adminPassword) return;
  const router = Router();
  router.use(createAdminBasicAuth({ user: options.adminUser, password: options.adminPassword }));
  router.get('/', (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.type('html').send(page);
  });
  router.get('/inbox.js', (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.type('application/javascript').send(script);
  });
  app.use(OPERATOR_INBOX_PATH, router);
}
