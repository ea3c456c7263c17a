import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@lac/core';
import { startTestApi, startTestDatabase, type TestApi, type TestDatabase } from './testing/api-test-harness.ts';

/**
 * The operators' logout (admin/admin-logout.ts) through HTTP: the 401 challenge that makes a browser
 * drop its cached basic-auth credentials, the "déconnecté" page that asks for none, the login
 * throttle left alone by the deliberately wrong credentials, and no way for another site to trigger
 * it. Behind a trusted proxy so each test has its own client address (X-Forwarded-For).
 */

const PASSWORD = 'le-bon-mot-de-passe';
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
/** What the inbox's logout sends: deliberately wrong credentials. */
const LOGOUT_CREDENTIALS = basic('deconnexion', 'deconnexion-1');

let database: TestDatabase;
let api: TestApi;

beforeAll(async () => {
  database = await startTestDatabase(createLogger({ level: 'silent' }));
  api = await startTestApi({ name: 'admin-logout', database, startWorker: false, env: { TRUST_PROXY: 'loopback', ADMIN_PASSWORD: PASSWORD }, handover: {} });
});

afterAll(async () => {
  await api?.close();
  await database?.stop();
});

const logout = (address: string, headers: Record<string, string> = {}) =>
  fetch(`${api.baseUrl}/admin/logout`, { method: 'POST', headers: { 'x-forwarded-for': address, ...headers } });

describe('POST /admin/logout', () => {
  it('answers 401 with the admin realm’s challenge, whatever the credentials: the browser drops the ones it cached', async () => {
    for (const authorization of [basic('admin', PASSWORD), LOGOUT_CREDENTIALS, undefined]) {
      const response = await logout('198.51.100.10', authorization ? { authorization } : {});
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Basic realm="lac-admin", charset="UTF-8"');
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(await response.json()).toMatchObject({ error: { code: 'unauthorized' } });
    }
    // The same realm as every admin route: the credentials dropped are the inbox's.
    expect((await fetch(`${api.baseUrl}/admin/queues`)).headers.get('www-authenticate')).toBe('Basic realm="lac-admin", charset="UTF-8"');
  });

  it('is no failed login: past the throttle’s limit of logouts and visits to the page, the address still logs in', async () => {
    const operator = '198.51.100.20';
    for (let attempt = 0; attempt < 15; attempt += 1) {
      const response = await logout(operator, { authorization: LOGOUT_CREDENTIALS });
      expect(response.status).toBe(401);
      await response.body?.cancel();
      const page = await fetch(`${api.baseUrl}/admin/logged-out`, { headers: { authorization: LOGOUT_CREDENTIALS, 'x-forwarded-for': operator } });
      expect(page.status).toBe(200);
      await page.body?.cancel();
    }
    const wrongLogin = await fetch(`${api.baseUrl}/admin/queues`, { headers: { authorization: basic('admin', 'faux'), 'x-forwarded-for': operator } });
    expect(wrongLogin.status).toBe(401);
    const rightLogin = await fetch(`${api.baseUrl}/admin/queues`, { headers: { authorization: basic('admin', PASSWORD), 'x-forwarded-for': operator } });
    expect(rightLogin.status).toBe(200);
    await Promise.all([wrongLogin.body?.cancel(), rightLogin.body?.cancel()]);
  });

  it('cannot be triggered from another site: a cross-site post is 403, a form 415, a link or an image (GET) 405, none with a challenge', async () => {
    const crossSite = await logout('198.51.100.30', { 'sec-fetch-site': 'cross-site', authorization: basic('admin', PASSWORD) });
    const foreignOrigin = await logout('198.51.100.30', { origin: 'https://ailleurs.example', authorization: basic('admin', PASSWORD) });
    const form = await logout('198.51.100.30', { 'content-type': 'application/x-www-form-urlencoded', authorization: basic('admin', PASSWORD) });
    const link = await fetch(`${api.baseUrl}/admin/logout`, { headers: { authorization: basic('admin', PASSWORD), 'x-forwarded-for': '198.51.100.30' } });
    expect([crossSite.status, foreignOrigin.status, form.status, link.status]).toEqual([403, 403, 415, 405]);
    for (const response of [crossSite, foreignOrigin, form, link]) {
      expect(response.headers.get('www-authenticate')).toBeNull();
      await response.body?.cancel();
    }
  });
});

describe('GET /admin/logged-out', () => {
  it('is the "déconnecté" page, without auth (no challenge: it does not prompt again), linking back to the inbox', async () => {
    const response = await fetch(`${api.baseUrl}/admin/logged-out`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(response.headers.get('www-authenticate')).toBeNull();
    const page = await response.text();
    expect(page).toContain('Déconnexion effectuée');
    expect(page).toContain('href="/admin/inbox"');
    expect(page).not.toContain('<script');
  });

  it('the inbox has the "Se déconnecter" button, and its script posts the logout with wrong credentials, then shows that page', async () => {
    const authorization = basic('admin', PASSWORD);
    // The logout lives in the session module since the script was split (inbox.js wires the button to it).
    const [page, inbox, script] = await Promise.all(
      ['/admin/inbox', '/admin/inbox/inbox.js', '/admin/inbox/session.js'].map(async (path) => (await fetch(`${api.baseUrl}${path}`, { headers: { authorization } })).text()),
    );
    expect(page).toContain('<button id="logout" type="button">Se déconnecter</button>');
    expect(inbox).toContain("$('logout').addEventListener('click', () => logOut(");
    expect(script).toContain("xhr.open('POST', '/admin/logout', true, 'deconnexion',");
    expect(script).toContain("location.replace('/admin/logged-out')");
  });
});
