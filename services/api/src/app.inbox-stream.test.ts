import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@lac/core';
import { startTestApi, startTestDatabase, type TestApi, type TestDatabase } from './testing/api-test-harness.ts';
import { ServerSentEventsReader } from './testing/server-sent-events-reader.ts';

/**
 * The operators' inbox stream (`GET /admin/conversations/events`) carries the events of every
 * conversation. Each conversation's event ids come from its own Redis stream, stamped with the clock
 * of the Redis that holds it (on a cluster, one master per conversation's slot): the ids of two
 * conversations are not in the order the events happen, and two events of the same millisecond get
 * the same id. The inbox once dropped every event whose id was not above the last one it sent, of
 * any conversation: behind a master whose clock was ahead, an operator missed the other
 * conversations' messages (a probe with four conversations on a three-master cluster lost 29 of
 * 172 replies on one API process's inbox).
 */

const ADMIN_PASSWORD = 'mot-de-passe-de-test-assez-long';
/** Short, so that the heartbeats' test sees two of them; the other tests skip them. */
const HEARTBEAT_MS = 400;
const admin = { authorization: `Basic ${Buffer.from(`admin:${ADMIN_PASSWORD}`).toString('base64')}` };
let database: TestDatabase;
let api: TestApi;

beforeAll(async () => {
  database = await startTestDatabase(createLogger({ level: 'silent' }));
  api = await startTestApi({ name: 'inbox-stream', database, env: { RATE_LIMIT_MESSAGES: '100', ADMIN_PASSWORD }, handover: {}, sseHeartbeatMs: HEARTBEAT_MS });
}, 180_000);

afterAll(async () => {
  await api?.close();
  await database?.stop();
});

async function startConversation(conversationId: string): Promise<void> {
  const first = await fetch(`${api.baseUrl}/api/v2/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', prefer: 'wait=15' },
    body: JSON.stringify({ user_id: `visiteur-${conversationId}`, conversation_id: conversationId, message: 'Bonjour' }),
  });
  expect(first.status).toBe(200);
}

async function operator(path: string, body: Record<string, unknown>): Promise<number> {
  const answer = await fetch(`${api.baseUrl}/admin/conversations/${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...admin }, body: JSON.stringify(body) });
  return answer.status;
}

describe('the operators’ inbox stream', () => {
  it('sends every conversation’s events, whatever the order of ids between conversations', async () => {
    const ahead = `inbox-ahead-${randomUUID()}`;
    const behind = `inbox-behind-${randomUUID()}`;
    await startConversation(ahead);
    await startConversation(behind);
    // `ahead` lives on a Redis whose clock is a minute ahead: its stream's next ids are a minute ahead.
    await api.redis.xadd(api.keys.conversationEvents(ahead), `${Date.now() + 60_000}-0`, 'event', 'null');

    const inbox = await fetch(`${api.baseUrl}/admin/conversations/events`, { headers: { accept: 'text/event-stream', ...admin } });
    expect(inbox.status).toBe(200);
    const reader = new ServerSentEventsReader(inbox.body!);
    await new Promise((resolve) => setTimeout(resolve, 300));

    expect(await operator(`${ahead}/join`, { operator_name: 'Léa' })).toBe(200);
    expect(await operator(`${behind}/join`, { operator_name: 'Léa' })).toBe(200);
    expect(await operator(`${behind}/messages`, { text: 'Bonjour, je suis Léa.' })).toBe(201);
    expect(await operator(`${ahead}/messages`, { text: 'Je reviens vers vous.' })).toBe(201);

    const received: Array<{ event: string; conversation: string }> = [];
    const readFour = (async () => {
      while (received.length < 4) {
        const event = await reader.next();
        if (event === undefined) return;
        const data = event.data as { conversation_id?: string };
        if (data.conversation_id === ahead || data.conversation_id === behind) received.push({ event: event.event ?? 'message', conversation: data.conversation_id });
      }
    })();
    await Promise.race([readFour, new Promise((resolve) => setTimeout(resolve, 5_000))]);
    await reader.cancel();
    expect(received).toEqual([
      { event: 'state', conversation: ahead },
      { event: 'state', conversation: behind },
      { event: 'message', conversation: behind },
      { event: 'message', conversation: ahead },
    ]);
  }, 60_000);

  it('tells the inbox to read again what it shows when the API’s subscription may have missed events', async () => {
    const inbox = await fetch(`${api.baseUrl}/admin/conversations/events`, { headers: { accept: 'text/event-stream', ...admin } });
    expect(inbox.status).toBe(200);
    const reader = new ServerSentEventsReader(inbox.body!);
    await new Promise((resolve) => setTimeout(resolve, 300));
    // The hub's subscriber connection drops (as when a cluster node hangs and the client moves the
    // subscription): it reconnects, and whatever was announced meanwhile never reached this API.
    // The inbox's stream has no history of its own to read back, so it says `resync`.
    (api.handover!.events as unknown as { options: { subscriber: Redis } }).options.subscriber.disconnect(true);
    const notPing = async () => {
      for (;;) {
        const event = await reader.next();
        if (event?.event !== 'ping') return event;
      }
    };
    const next = await Promise.race([notPing(), new Promise<undefined>((resolve) => setTimeout(resolve, 10_000))]);
    await reader.cancel();
    expect(next?.event).toBe('resync');
  }, 60_000);

  // Ids are free strings: a visitor's conversation may be named `events`. The inbox reads a
  // conversation with `Accept: application/json`; it got the stream of every conversation, which never
  // ends, and the conversation never showed.
  it('answers the conversation named `events` to a read asking for JSON, and the stream to an EventSource', async () => {
    await startConversation('events');
    const read = await fetch(`${api.baseUrl}/admin/conversations/events`, { headers: { accept: 'application/json', ...admin }, signal: AbortSignal.timeout(10_000) });
    expect(read.status).toBe(200);
    expect(read.headers.get('content-type')).toMatch(/^application\/json/);
    expect(((await read.json()) as { conversation_id: string }).conversation_id).toBe('events');

    const stream = await fetch(`${api.baseUrl}/admin/conversations/events`, { headers: { accept: 'text/event-stream', ...admin } });
    expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
    await stream.body?.cancel();
  }, 60_000);

  // An EventSource never shows comments to its page: with `: keep-alive` only, the inbox could not
  // tell a stream a proxy holds open without passing anything on from a quiet one, and said "En direct".
  it('says it is alive with a `ping` event the page can see, at once and every heartbeat interval, with the interval', async () => {
    const inbox = await fetch(`${api.baseUrl}/admin/conversations/events`, { headers: { accept: 'text/event-stream', ...admin } });
    expect(inbox.status).toBe(200);
    const reader = new ServerSentEventsReader(inbox.body!);
    const firstTwo = (async () => [await reader.next(), await reader.next()])();
    const events = await Promise.race([firstTwo, new Promise<undefined>((resolve) => setTimeout(resolve, 10_000))]);
    await reader.cancel();
    expect(events?.map((event) => ({ event: event?.event, data: event?.data }))).toEqual([
      { event: 'ping', data: { heartbeat_ms: HEARTBEAT_MS } },
      { event: 'ping', data: { heartbeat_ms: HEARTBEAT_MS } },
    ]);
    expect(reader.comments).toBe(0);
  }, 60_000);
});
