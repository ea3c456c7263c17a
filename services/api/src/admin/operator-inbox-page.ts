import { readFileSync } from 'node:fs';
import { Router, type Express } from 'express';
import type { AdminAuthenticator } from '../http/admin-authenticator.ts';
import { authenticatedAdminOf, createAdminBasicAuth } from '../http/admin-basic-auth.ts';

export const OPERATOR_INBOX_PATH = '/admin/inbox';

/**
 * The operators' inbox page (`/admin/inbox`), behind the admin basic auth: a static French page and
 * its script (no framework, no build step), reading the operator API (`/admin/conversations…`) and
 * following its event stream. The script is a separate file because the Content-Security-Policy
 * allows scripts from this origin only (no inline script); it imports `states.js` (what the page
 * says of a conversation: its state, who wrote what, the hand-overs visitors withdrew), `list.js`
 * (an item of the list, the tab's title), `conversation.js` (the open conversation: its state, its
 * actions, the reply box), `transcript.js` (the open conversation's messages, new ones added),
 * `freshness.js` (failed reads tried again, the header's pill), `place.js` (the open conversation in
 * the address, the drafts per conversation), `request.js` (the API's requests, a 401 told),
 * `stream.js` (the event stream: reopened with a growing delay, not in a hidden tab, not after a 401,
 * watched for silence), `session.js` (the operator's name, the logout, the "logged out" banner) and
 * `visible-timer.js` (the timer of stream.js's reopens and freshness.js's retries, held in a hidden tab).
 *
 * Logged in with an own account (ADMIN_ACCOUNTS), the page shows who is logged in instead of asking
 * for a name: the name field becomes the account's display name and login, which the script reads
 * (the server signs joins and replies with the account's name anyway). With the shared login the
 * operator types their name, as before.
 */
const page = readFileSync(new URL('./operator-inbox.html', import.meta.url), 'utf8');
/** The page's script modules, by the name the page imports them under: `inbox.js` and what it imports. */
const scripts = new Map(
  ['inbox', 'states', 'list', 'conversation', 'transcript', 'freshness', 'place', 'request', 'stream', 'session', 'visible-timer'].map((name) => [
    `/${name}.js`,
    readFileSync(new URL(`./operator-inbox${name === 'inbox' ? '' : `-${name}`}.js`, import.meta.url), 'utf8'),
  ]),
);

export function mountOperatorInboxPage(app: Express, options: { enabled: boolean; admin: AdminAuthenticator | undefined }): void {
  if (!options.enabled || !options.admin) return;
  const router = Router();
  router.use(createAdminBasicAuth(options.admin));
  router.get('/', (req, res) => {
    const identity = authenticatedAdminOf(req);
    res.setHeader('Cache-Control', 'no-store');
    res.type('html').send(identity?.kind === 'account' ? pageFor(identity) : page);
  });
  for (const [path, script] of scripts) {
    router.get(path, (_req, res) => {
      res.setHeader('Cache-Control', 'no-store');
      res.type('application/javascript').send(script);
    });
  }
  app.use(OPERATOR_INBOX_PATH, router);
}

const NAME_FIELD = '<label>Ton nom (affiché aux visiteurs) <input id="operator-name" autocomplete="name" maxlength="60"></label>';
if (!page.includes(NAME_FIELD)) throw new Error('operator-inbox.html: the name field moved; update operator-inbox-page.ts');

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (character) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[character]!);

/** The page of an operator logged in with their own account: who they are, in place of the name field. */
function pageFor(account: { login: string; displayName: string }): string {
  const name = escapeHtml(account.displayName);
  const shown = `<span id="operator-account" data-display-name="${name}">Connecté·e : <strong>${name}</strong> (${escapeHtml(account.login)})</span>`;
  return page.replace(NAME_FIELD, () => shown);
}
