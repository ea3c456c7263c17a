import { randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, errorBodySchema } from '@lac/core';
import { startTestApi, startTestDatabase, type TestApi, type TestDatabase } from './testing/api-test-harness.ts';

/**
 * Per-client windows and admin login throttling through HTTP, with the product's default limits,
 * behind a trusted proxy (TRUST_PROXY=loopback) so each test client has its own X-Forwarded-For.
 */

let database: TestDatabase;
let api: TestApi;
let untrustingApi: TestApi;

const DEFAULT_LIMITS = { RATE_LIMIT_CLIENT_MESSAGES: '60', RATE_LIMIT_CLIENT_WINDOW_SECONDS: '60', RATE_LIMIT_CLIENT_MESSAGES_PER_DAY: '1000', RATE_LIMIT_NEW_CONVERSATIONS_PER_HOUR: '30' };

beforeAll(async () => {
  database = await startTestDatabase(createLogger({ level: 'silent' }));
  [api, untrustingApi] = await Promise.all([
    startTestApi({ name: 'client-limits', database, startWorker: false, env: { ...DEFAULT_LIMITS, TRUST_PROXY: 'loopback', ADMIN_PASSWORD: 'le-bon-mot-de-passe' } }),
    startTestApi({ name: 'client-limits-direct', database, startWorker: false, env: { ...DEFAULT_LIMITS, CLIENT_LIMITS_ON_LOOPBACK: 'true', ADMIN_PASSWORD: 'le-bon-mot-de-passe' } }),
  ]);
});

afterAll(async () => {
  await Promise.all([api?.close(), untrustingApi?.close()]);
  await database?.stop();
});

/** Writes `raw` (several HTTP/1.1 requests) on one connection at once; resolves with the status of each answer, in order. */
async function pipelinedStatuses(baseUrl: string, raw: string, answers: number): Promise<number[]> {
  const { port } = new URL(baseUrl);
  const socket = connect(Number(port), '127.0.0.1');
  let received = '';
  socket.setEncoding('latin1');
  socket.on('data', (chunk: string) => (received += chunk));
  socket.on('error', () => undefined);
  socket.write(raw);
  const statusesOf = () => [...received.matchAll(/HTTP\/1\.1 (\d{3}) /g)].map((match) => Number(match[1]));
  const deadline = Date.now() + 20_000;
  while (statusesOf().length < answers && Date.now() < deadline && !socket.destroyed) await sleep(50);
  socket.destroy();
  return statusesOf();
}

function post(target: TestApi, address: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${target.baseUrl}/api/v2/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': address, ...headers },
    body: JSON.stringify(body),
  });
}

describe('per-client limits', () => {
  it('one address opening 300 conversations in a minute is mostly refused with the usual 429; a second address is unaffected', async () => {
    const scripted = '203.0.113.7';
    const statuses: number[] = [];
    // Ten at a time, as a script would.
    for (let batch = 0; batch < 30; batch += 1) {
      const responses = await Promise.all(
        Array.from({ length: 10 }, (_, index) => post(api, scripted, { user_id: 'script', conversation_id: `flood-${batch}-${index}-${randomUUID()}`, message: 'Bonjour' })),
      );
      for (const response of responses) {
        statuses.push(response.status);
        if (response.status === 429) {
          expect(Number(response.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
          expect(response.headers.get('ratelimit-policy')).toMatch(/^"(client|user|new-conversations)";q=\d+;w=\d+$/);
          expect(response.headers.get('ratelimit')).toMatch(/;r=0;t=\d+$/);
          const body = (await response.json()) as { error: { code: string; message: string; retry_after_seconds: number } };
          expect(body.error).toMatchObject({ code: 'rate_limited', message: 'Trop de messages. Veuillez patienter.' });
          expect(body.error.retry_after_seconds).toBe(Number(response.headers.get('retry-after')));
        } else {
          await response.body?.cancel();
        }
      }
    }
    const accepted = statuses.filter((status) => status === 202).length;
    const refused = statuses.filter((status) => status === 429).length;
    expect(accepted).toBe(30);
    expect(refused).toBe(270);
    // Only the accepted messages were queued.
    expect(await api.countJobs()).toBe(30);

    const other = await post(api, '198.51.100.9', { user_id: 'visitor', conversation_id: `calm-${randomUUID()}`, message: 'Une vraie question' });
    expect(other.status).toBe(202);
  });

  it('the per-conversation window still gives exactly 10 of 50 concurrent posts', async () => {
    const address = '198.51.100.50';
    const opened = await fetch(`${api.baseUrl}/api/v2/conversations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
      body: JSON.stringify({ user_id: 'burst' }),
    });
    expect(opened.status).toBe(201);
    const { conversation_id: conversationId, conversation_token: token } = (await opened.json()) as { conversation_id: string; conversation_token: string };
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, index) =>
        post(api, address, { user_id: 'burst', conversation_id: conversationId, message: `message ${index}` }, { authorization: `Bearer ${token}` }),
      ),
    );
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 202)).toHaveLength(10);
    expect(statuses.filter((status) => status === 429)).toHaveLength(40);
    for (const response of responses.filter((candidate) => candidate.status === 429)) {
      expect(response.headers.get('ratelimit-policy')).toBe('"conversation";q=10;w=60');
    }
  });

  it('one user_id is one client across addresses', async () => {
    const statuses: number[] = [];
    for (let index = 0; index < 65; index += 1) {
      const response = await post(api, `192.0.2.${index + 1}`, { user_id: 'roaming-script', conversation_id: `roam-${index}-${randomUUID()}`, message: 'x' });
      statuses.push(response.status);
      await response.body?.cancel();
    }
    expect(statuses.filter((status) => status === 202)).toHaveLength(60);
    expect(statuses.slice(60).every((status) => status === 429)).toBe(true);
  });

  it('a stranger filling a user_id’s window from other addresses does not lock that user out of their own conversation', async () => {
    const victim = `victim-${randomUUID()}`;
    const own = await post(api, '198.51.100.40', { user_id: victim, conversation_id: `own-${randomUUID()}`, message: 'Bonjour' });
    expect(own.status).toBe(202);
    const { conversation_id: conversationId, conversation_token: token } = (await own.json()) as { conversation_id: string; conversation_token: string };
    // 60 posts under the victim's user_id, from addresses of the attacker's, into conversations of its own.
    let lastAttackerStatus = 0;
    for (let index = 0; index < 61; index += 1) {
      const response = await post(api, `203.0.113.${(index % 6) + 1}`, { user_id: victim, conversation_id: `att-${index}-${randomUUID()}`, message: 'x' });
      lastAttackerStatus = response.status;
      await response.body?.cancel();
    }
    expect(lastAttackerStatus).toBe(429);
    const next = await post(api, '198.51.100.40', { user_id: victim, conversation_id: conversationId, message: 'Toujours là' }, { authorization: `Bearer ${token}` });
    expect(next.status).toBe(202);
  });

  it('a retry with the Idempotency-Key of an accepted post gets the same job and token, even when that post filled the window', async () => {
    const address = '198.51.100.77';
    const firsts: Array<{ body: Record<string, string>; key: string; answer: { job_id: string; conversation_token: string } }> = [];
    // 30 new conversations an hour: the 30th post fills the address's window.
    for (let index = 0; index < 30; index += 1) {
      const body = { user_id: `retry-${index}`, conversation_id: `retry-${index}-${randomUUID()}`, message: 'Bonjour' };
      const key = randomUUID();
      const response = await post(api, address, body, { 'idempotency-key': key });
      expect(response.status).toBe(202);
      firsts.push({ body, key, answer: (await response.json()) as { job_id: string; conversation_token: string } });
    }
    // The answer to the last post was lost: its retry, same key and body, is a replay.
    const last = firsts.at(-1)!;
    const retry = await post(api, address, last.body, { 'idempotency-key': last.key });
    expect(retry.status).toBe(202);
    const replayed = (await retry.json()) as { job_id: string; conversation_token?: string };
    expect(replayed.job_id).toBe(last.answer.job_id);
    expect(replayed.conversation_token).toBe(last.answer.conversation_token);
    // A key no conversation holds does not pass: a new conversation is still refused.
    const other = firsts[0]!;
    const borrowedKey = await post(api, address, { ...other.body, conversation_id: `retry-other-${randomUUID()}` }, { 'idempotency-key': other.key });
    expect(borrowedKey.status).toBe(429);
    await borrowedKey.body?.cancel();
  });

  it('this host’s own client (loopback, CLIENT_LIMITS_ON_LOOPBACK off) opens as many conversations as it likes; the conversation’s own limit still holds', async () => {
    const fromThisHost = (conversationId: string) =>
      fetch(`${api.baseUrl}/api/v2/chat`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ user_id: 'evaluation', conversation_id: conversationId, message: 'Comment automatiser mes emails ?' }),
      }).then(async (response) => {
        const body = (await response.json()) as { conversation_token?: string };
        return { status: response.status, token: body.conversation_token };
      });
    const opened = await Promise.all(Array.from({ length: 40 }, (_, index) => fromThisHost(`loopback-${index}-${randomUUID()}`)));
    expect(opened.map((answer) => answer.status)).toEqual(Array<number>(40).fill(202));
    // One conversation: its 11th message in the window is refused as for anyone.
    const conversationId = `loopback-one-${randomUUID()}`;
    const first = await fromThisHost(conversationId);
    const statuses = [first.status];
    for (let index = 0; index < 10; index += 1) {
      const response = await fetch(`${api.baseUrl}/api/v2/chat`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${first.token}` },
        body: JSON.stringify({ user_id: 'evaluation', conversation_id: conversationId, message: `question ${index}` }),
      });
      statuses.push(response.status);
      await response.body?.cancel();
    }
    expect(statuses.filter((status) => status === 202)).toHaveLength(10);
    expect(statuses.at(-1)).toBe(429);
  });

  it('without TRUST_PROXY, X-Forwarded-For is not believed: the socket address is the client', async () => {
    const statuses: number[] = [];
    for (let index = 0; index < 32; index += 1) {
      const body = { user_id: `u-${index}`, conversation_id: `spoof-${index}-${randomUUID()}`, message: 'x' };
      // A 503 (a Redis command past its deadline on a loaded machine) keeps no slot: tried again, as a client would.
      let response = await post(untrustingApi, `10.0.${index}.1`, body);
      for (let attempt = 1; response.status === 503 && attempt <= 3; attempt += 1) {
        await response.body?.cancel();
        await new Promise((resolve) => setTimeout(resolve, 200));
        response = await post(untrustingApi, `10.0.${index}.1`, body);
      }
      statuses.push(response.status);
      await response.body?.cancel();
    }
    expect(statuses.filter((status) => status === 202)).toHaveLength(30);
    expect(statuses.slice(30)).toEqual([429, 429]);
  });
});

describe('admin login throttling', () => {
  const login = (target: TestApi, address: string, password: string) =>
    fetch(`${target.baseUrl}/admin/queues`, {
      headers: { authorization: `Basic ${Buffer.from(`admin:${password}`).toString('base64')}`, 'x-forwarded-for': address },
    });

  it('the 11th wrong password of an address in the window is answered 429, even with the right one; other addresses are unaffected', async () => {
    const attacker = '203.0.113.66';
    for (let attempt = 1; attempt <= 10; attempt += 1) {
      const response = await login(api, attacker, `essai-${attempt}`);
      expect(response.status).toBe(401);
      await response.body?.cancel();
    }
    const eleventh = await login(api, attacker, 'essai-11');
    expect(eleventh.status).toBe(429);
    expect(Number(eleventh.headers.get('retry-after'))).toBeGreaterThan(800);
    const body = errorBodySchema.parse(await eleventh.json());
    expect(body.error.code).toBe('rate_limited');
    expect(body.error.message).toBe('Trop de tentatives de connexion. Veuillez patienter.');
    expect((await login(api, attacker, 'le-bon-mot-de-passe')).status).toBe(429);
    expect((await login(api, '198.51.100.77', 'le-bon-mot-de-passe')).status).toBe(200);
  });

  it('a burst of 200 concurrent guesses gets at most 10 verdicts: the right password among them is not confirmed', async () => {
    const attacker = '203.0.113.67';
    const guesses = Array.from({ length: 200 }, (_, index) => (index === 150 ? 'le-bon-mot-de-passe' : `rafale-${index}`));
    const statuses = await Promise.all(
      guesses.map(async (guess) => {
        const response = await login(api, attacker, guess);
        await response.body?.cancel();
        return response.status;
      }),
    );
    expect(statuses.filter((status) => status === 401).length).toBeLessThanOrEqual(10);
    expect(statuses[150]).toBe(429);
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThanOrEqual(189);
  });

  it('pipelined guesses on one connection are counted before each is answered', async () => {
    const attacker = '203.0.113.68';
    // 16: the most requests one connection may have in progress (more and it is closed).
    const requests = Array.from({ length: 16 }, (_, index) => {
      const password = index === 12 ? 'le-bon-mot-de-passe' : `file-${index}`;
      const authorization = Buffer.from(`admin:${password}`).toString('base64');
      return `GET /admin/queues HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Basic ${authorization}\r\nX-Forwarded-For: ${attacker}\r\n\r\n`;
    });
    const statuses = await pipelinedStatuses(api.baseUrl, requests.join(''), requests.length);
    expect(statuses).toEqual([...Array(10).fill(401), ...Array(6).fill(429)]);
  });

  it('visits without credentials (the browser challenge) are not counted', async () => {
    for (let attempt = 0; attempt < 15; attempt += 1) {
      const response = await fetch(`${api.baseUrl}/admin/queues`, { headers: { 'x-forwarded-for': '198.51.100.88' } });
      expect(response.status).toBe(401);
      await response.body?.cancel();
    }
    expect((await login(api, '198.51.100.88', 'le-bon-mot-de-passe')).status).toBe(200);
  });
});
