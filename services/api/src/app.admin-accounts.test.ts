import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, hashAdminPassword } from '@lac/core';
import { startTestApi, startTestDatabase, type TestApi, type TestDatabase } from './testing/api-test-harness.ts';

/**
 * Per-operator admin logins (ADMIN_ACCOUNTS) on the real stack (API, queue engine, worker, database,
 * Redis): who joins, replies and hands back is the logged-in account, whatever name the page sends;
 * the inbox names who is logged in; failed logins are throttled per login across addresses.
 */

const ACCOUNTS = [
  { login: 'alice', password: 'alice-mot-de-passe', displayName: 'Alice Martin' },
  { login: 'bob', password: 'bob-mot-de-passe', displayName: 'Bob Durand' },
  { login: 'carole', password: 'carole-mot-de-passe', displayName: 'Carole <Support>' },
] as const;
type Login = (typeof ACCOUNTS)[number]['login'];

let database: TestDatabase;
let api: TestApi;

beforeAll(async () => {
  const entries = await Promise.all(ACCOUNTS.map(async (account) => `${account.login}:${await hashAdminPassword(account.password, { log2N: 14, r: 1, p: 1 })}:${account.displayName}`));
  database = await startTestDatabase(createLogger({ level: 'silent' }));
  api = await startTestApi({
    name: 'admin-accounts',
    database,
    env: { ADMIN_ACCOUNTS: entries.join(','), ADMIN_LOGIN_MAX_FAILURES_PER_LOGIN: '10', TRUST_PROXY: 'loopback', RATE_LIMIT_MESSAGES: '100', HANDOVER_OPERATOR_WAIT_SECONDS: '600' },
    handover: {},
  });
}, 180_000);

afterAll(async () => {
  await api?.close();
  await database?.stop();
});

const authorizationOf = (login: string, password: string) => `Basic ${Buffer.from(`${login}:${password}`).toString('base64')}`;
const passwordOf = (login: Login) => ACCOUNTS.find((account) => account.login === login)!.password;

async function as(login: Login, method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const response = await fetch(`${api.baseUrl}/admin/conversations${path}`, {
    method,
    headers: { authorization: authorizationOf(login, passwordOf(login)), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: await response.json() };
}

async function startConversation(): Promise<string> {
  const conversationId = `accounts-${randomUUID()}`;
  const response = await fetch(`${api.baseUrl}/api/v2/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', prefer: 'wait=15' },
    body: JSON.stringify({ user_id: `user-${conversationId}`, conversation_id: conversationId, message: 'Bonjour' }),
  });
  expect(response.status).toBe(200);
  return `/${encodeURIComponent(conversationId)}`;
}

describe('operators with their own admin login', () => {
  it("records the account's display name on a join, a reply and a hand-back, even when the body names someone else", async () => {
    const path = await startConversation();
    const joined = await as('alice', 'POST', `${path}/join`, { operator_name: 'Bob Durand' });
    expect(joined).toMatchObject({ status: 200, body: { state: 'human', operator: { name: 'Alice Martin' } } });
    const reply = await as('alice', 'POST', `${path}/messages`, { text: 'Bonjour, je suis là.', operator_name: 'Bob Durand' });
    expect(reply).toMatchObject({ status: 201, body: { message: { author: 'human', operator_name: 'Alice Martin' } } });

    // Bob cannot pass for Alice: naming her in the body neither takes her conversation nor writes in it.
    expect(await as('bob', 'POST', `${path}/join`, { operator_name: 'Alice Martin' })).toMatchObject({
      status: 409,
      body: { error: { code: 'conversation_held_by_another_operator', operator: { name: 'Alice Martin' } } },
    });
    expect(await as('bob', 'POST', `${path}/messages`, { text: "C'est Alice.", operator_name: 'Alice Martin' })).toMatchObject({
      status: 409,
      body: { error: { code: 'conversation_held_by_another_operator' } },
    });

    expect(await as('alice', 'POST', `${path}/handback`, { operator_name: 'Bob Durand' })).toMatchObject({ status: 200, body: { state: 'ai' } });
    const transcript = (await as('bob', 'GET', path)).body.messages as Array<{ author: string; operator_name?: string; content: string }>;
    expect(transcript.filter((message) => message.author === 'human').map((message) => message.operator_name)).toEqual(['Alice Martin']);
    // Now handed back, Bob takes it as himself.
    expect(await as('bob', 'POST', `${path}/join`, { operator_name: 'Alice Martin' })).toMatchObject({ status: 200, body: { operator: { name: 'Bob Durand' } } });
  });

  it('shows who is logged in on the inbox page instead of asking for a name', async () => {
    const page = await fetch(`${api.baseUrl}/admin/inbox`, { headers: { authorization: authorizationOf('carole', passwordOf('carole')) } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('id="operator-account" data-display-name="Carole &lt;Support&gt;"');
    expect(html).toContain('Connecté·e : <strong>Carole &lt;Support&gt;</strong> (carole)');
    expect(html).not.toContain('id="operator-name"');
    expect(html).not.toContain('<Support>');
    expect((await fetch(`${api.baseUrl}/admin/inbox`, { headers: { authorization: authorizationOf('alice', 'bob-mot-de-passe') } })).status).toBe(401);
  });

  it('throttles failed logins per login across addresses (ADMIN_LOGIN_MAX_FAILURES_PER_LOGIN=10, 2 kept for addresses it logged in from): the 9th from elsewhere is 429, the right password too, other logins unaffected', async () => {
    const login = (user: string, password: string, address: string) =>
      fetch(`${api.baseUrl}/admin/queues`, { headers: { authorization: authorizationOf(user, password), 'x-forwarded-for': address } });
    const known = await login('carole', passwordOf('carole'), '192.0.2.30');
    expect(known.status).toBe(200);
    await known.body?.cancel();
    for (let attempt = 1; attempt <= 8; attempt += 1) {
      const response = await login('carole', `essai-${attempt}`, `203.0.113.${attempt}`);
      expect(response.status).toBe(401);
      await response.body?.cancel();
    }
    const ninth = await login('carole', 'essai-9', '203.0.113.9');
    expect(ninth.status).toBe(429);
    expect(Number(ninth.headers.get('retry-after'))).toBeGreaterThan(800);
    expect((await login('carole', passwordOf('carole'), '198.51.100.20')).status).toBe(429);
    // Where carole logged in before, she still can.
    expect((await login('carole', passwordOf('carole'), '192.0.2.30')).status).toBe(200);
    expect((await login('bob', passwordOf('bob'), '198.51.100.21')).status).toBe(200);
  });
});
