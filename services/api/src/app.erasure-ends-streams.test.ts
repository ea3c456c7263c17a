import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@lac/core';
import { startTestApi, startTestDatabase, type TestApi, type TestDatabase } from './testing/api-test-harness.ts';
import { ServerSentEventsReader } from './testing/server-sent-events-reader.ts';

/**
 * A conversation erased while its visitor (or a copy of its token) holds its event stream and a
 * messages long-poll open: both end at once (the stream closes, the long-poll answers 410), instead
 * of waiting out their time on a conversation that no longer exists.
 */

const ADMIN_PASSWORD = 'mot-de-passe-de-test-assez-long';
let database: TestDatabase;
let api: TestApi;

beforeAll(async () => {
  database = await startTestDatabase(createLogger({ level: 'silent' }));
  api = await startTestApi({ name: 'erasure-streams', database, env: { RATE_LIMIT_MESSAGES: '100', ADMIN_PASSWORD: ADMIN_PASSWORD }, handover: {} });
}, 180_000);

afterAll(async () => {
  await api?.close();
  await database?.stop();
});

/** The conversation's first message, answered; returns its token. */
async function startConversation(conversationId: string, message: string): Promise<string> {
  const first = await fetch(`${api.baseUrl}/api/v2/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', prefer: 'wait=15' },
    body: JSON.stringify({ user_id: 'visiteuse', conversation_id: conversationId, message }),
  });
  return ((await first.json()) as { conversation_token: string }).conversation_token;
}

describe('erasing a conversation ends what was open on it', () => {
  it('closes its event stream and answers its long-poll 410 at once, not when their wait ends', async () => {
    const conversationId = `erase-open-${randomUUID()}`;
    const token = await startConversation(conversationId, 'Bonjour');
    const authorization = { authorization: `Bearer ${token}` };
    const conversationUrl = `${api.baseUrl}/api/v2/conversations/${conversationId}`;
    const messages = (await (await fetch(`${conversationUrl}/messages`, { headers: authorization })).json()) as { messages: Array<{ id: string }> };
    const lastMessageId = messages.messages.at(-1)!.id;

    const stream = await fetch(`${conversationUrl}/events`, { headers: { accept: 'text/event-stream', ...authorization } });
    expect(stream.status).toBe(200);
    const reader = new ServerSentEventsReader(stream.body!);
    expect((await reader.next())?.event).toBe('state');
    const longPollStarted = Date.now();
    const longPoll = fetch(`${conversationUrl}/messages?after=${lastMessageId}&wait=20`, { headers: authorization });
    await new Promise((resolve) => setTimeout(resolve, 300));

    const erasedAt = Date.now();
    expect((await fetch(conversationUrl, { method: 'DELETE', headers: authorization })).status).toBe(200);

    const answer = await longPoll;
    expect(answer.status).toBe(410);
    expect(((await answer.json()) as { error: { code: string } }).error.code).toBe('conversation_erased');
    expect(Date.now() - longPollStarted).toBeLessThan(5_000);
    // The stream ends (no more events); reconnecting is refused.
    expect(await reader.next()).toBeUndefined();
    expect(Date.now() - erasedAt).toBeLessThan(5_000);
    expect((await fetch(`${conversationUrl}/events`, { headers: { accept: 'text/event-stream', ...authorization } })).status).toBe(410);
  });

  it('tells the operators’ inbox stream, by its id only, so that nothing of it stays on an operator’s screen', async () => {
    const conversationId = `erase-inbox-${randomUUID()}`;
    const token = await startConversation(conversationId, 'Je suis Julie Martin');
    const inbox = await fetch(`${api.baseUrl}/admin/conversations/events`, {
      headers: { accept: 'text/event-stream', authorization: `Basic ${Buffer.from(`admin:${ADMIN_PASSWORD}`).toString('base64')}` },
    });
    expect(inbox.status).toBe(200);
    const reader = new ServerSentEventsReader(inbox.body!);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await fetch(`${api.baseUrl}/api/v2/conversations/${conversationId}`, { method: 'DELETE', headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    const erasedEvent = (async () => {
      for (let event = await reader.next(); event !== undefined; event = await reader.next()) if (event.event === 'erased') return event;
      return undefined;
    })();
    const erased = await Promise.race([erasedEvent, new Promise<undefined>((resolve) => setTimeout(resolve, 10_000))]);
    expect(erased?.data).toEqual({ conversation_id: conversationId });
    await reader.cancel();
  });
});
