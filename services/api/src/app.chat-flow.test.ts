import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  chatAcceptedSchema,
  chatJobViewSchema,
  conversationMessagesSchema,
} from '@lac/core';
import { startTestApi } from './testing/api-test-harness.ts';
import { startTestApiAroundTests } from './testing/test-api-around-tests.ts';
import { FAIL_MARKER, SLOW_MARKER, scriptedReplyFor } from './testing/scripted-test-pipeline.ts';
import { ServerSentEventsReader } from './testing/server-sent-events-reader.ts';
import { chatRequests } from './testing/chat-requests.ts';

const stack = startTestApiAroundTests({ name: 'flow', env: { RATE_LIMIT_MESSAGES: '10', RATE_LIMIT_WINDOW_SECONDS: '60' } });

const conversationId = () => `test-conv-${randomUUID()}`;
const { postChat, getJson } = chatRequests(stack);

describe('POST /api/v2/chat then poll', () => {
  it('answers 202 with Location, events_url and rate limit, and the job completes', async () => {
    const conversation = conversationId();
    const message = 'Comment créer un tunnel de vente ?';
    const response = await postChat({ user_id: 'user-1', conversation_id: conversation, message });
    expect(response.status).toBe(202);
    const accepted = chatAcceptedSchema.parse(await response.json());
    expect(accepted).toMatchObject({ status: 'queued', conversation_id: conversation, rate_limit: { limit: 10, remaining: 9 } });
    expect(response.headers.get('location')).toBe(accepted.poll_url);
    expect(accepted.poll_url).toBe(`/api/v2/chat/jobs/${accepted.job_id}`);
    expect(accepted.events_url).toBe(`/api/v2/chat/jobs/${accepted.job_id}/events`);
    expect(response.headers.get('ratelimit-policy')).toBe('"conversation";q=10;w=60');
    expect(response.headers.get('ratelimit')).toMatch(/^"conversation";r=9;t=\d+$/);
    expect(response.headers.get('x-request-id')).toBeTruthy();

    let view = chatJobViewSchema.parse((await getJson(accepted.poll_url)).body);
    expect(['queued', 'active', 'completed']).toContain(view.status);
    for (let attempt = 0; attempt < 10 && view.status !== 'completed'; attempt += 1) {
      view = chatJobViewSchema.parse((await getJson(`${accepted.poll_url}?wait=5`)).body);
    }
    expect(view.status).toBe('completed');
    expect(view.result?.message).toBe(scriptedReplyFor(message));
    expect(view.result?.job_id).toBe(accepted.job_id);

    expect(accepted.conversation_token).toMatch(/^ct1\./);
    const authorization = { authorization: `Bearer ${accepted.conversation_token}` };
    const messages = conversationMessagesSchema.parse((await getJson(`/api/v2/conversations/${conversation}/messages`, authorization)).body);
    expect(messages.conversation_id).toBe(conversation);
    expect(messages.messages.map((m) => [m.role, m.content])).toEqual([
      ['user', message],
      ['assistant', scriptedReplyFor(message)],
    ]);
  });

  it('Prefer: wait=N answers 200 with the finished job', async () => {
    const message = 'Des idées de Reels ?';
    const response = await postChat({ user_id: 'u', conversation_id: conversationId(), message }, { prefer: 'wait=20' });
    expect(response.status).toBe(200);
    expect(response.headers.get('preference-applied')).toBe('wait=20');
    expect(response.headers.get('location')).toMatch(/^\/api\/v2\/chat\/jobs\//);
    const view = chatJobViewSchema.parse(await response.json());
    expect(view.status).toBe('completed');
    expect(view.result?.message).toBe(scriptedReplyFor(message));
  });

  it('Prefer: wait=1 on a slow job answers 202 when it is not done in time', async () => {
    const response = await postChat({ user_id: 'u', conversation_id: conversationId(), message: `lent ${SLOW_MARKER}` }, { prefer: 'wait=1' });
    expect(response.status).toBe(202);
    expect(chatAcceptedSchema.parse(await response.json()).status).toBe('queued');
  });

  it('a failing job is reported as failed with a visitor message', async () => {
    const response = await postChat({ user_id: 'u', conversation_id: conversationId(), message: `boum ${FAIL_MARKER}` }, { prefer: 'wait=20' });
    expect(response.status).toBe(200);
    const view = chatJobViewSchema.parse(await response.json());
    expect(view.status).toBe('failed');
    expect(view.error?.code).toBeTruthy();
    expect(view.error?.message).toBeTruthy();
  });

  it('?wait long-polls and returns as soon as the job completes', async () => {
    const message = `Une réponse qui s'écrit lentement ${SLOW_MARKER}`;
    const accepted = chatAcceptedSchema.parse(await (await postChat({ user_id: 'u', conversation_id: conversationId(), message })).json());
    const startedAt = Date.now();
    const { status, body } = await getJson(`${accepted.poll_url}?wait=25`);
    const elapsedMs = Date.now() - startedAt;
    expect(status).toBe(200);
    const view = chatJobViewSchema.parse(body);
    expect(view.status).toBe('completed');
    expect(view.result?.message).toBe(scriptedReplyFor(message));
    // Woken by the job's completion, not by the end of the 25 s wait.
    expect(elapsedMs).toBeLessThan(20_000);
  });

  it('?wait with partial_after returns each time the text grows, so a long-polling client follows the stream', async () => {
    const message = `Une réponse qui s'écrit lentement ${SLOW_MARKER}`;
    const accepted = chatAcceptedSchema.parse(await (await postChat({ user_id: 'u', conversation_id: conversationId(), message })).json());
    const seen: string[] = [];
    let shown = 0;
    for (let round = 0; round < 20; round++) {
      const view = chatJobViewSchema.parse((await getJson(`${accepted.poll_url}?wait=25&partial_after=${shown}`)).body);
      if (view.status === 'completed') {
        seen.push(view.result!.message);
        break;
      }
      expect(view.partial_reply!.length).toBeGreaterThan(shown);
      seen.push(view.partial_reply!);
      shown = view.partial_reply!.length;
    }
    // Several intermediate texts, each a prefix of the final answer, before the completed one.
    expect(seen.length).toBeGreaterThan(2);
    const final = scriptedReplyFor(message);
    expect(seen.at(-1)).toBe(final);
    for (const partial of seen) expect(final.startsWith(partial)).toBe(true);
    expect((await getJson(`${accepted.poll_url}?wait=1&partial_after=abc`)).status).toBe(400);
  });

  it('a message full of quotes, emojis and SQL-looking text comes back byte for byte', async () => {
    const conversation = `conv 'spéciale' "😀" ; DROP TABLE messages; --`;
    const message = `L'été, c'est "l'idéal" 😀🎉👩🏽‍💻 — ça coûte 5 € ? '); DROP TABLE messages; -- \\ %s $1 \${x} <b>gras</b> \u00a0fin`;
    const response = await postChat({ user_id: "l'utilisatrice", conversation_id: conversation, message }, { prefer: 'wait=20' });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { conversation_token?: string };
    const view = chatJobViewSchema.parse(body);
    expect(view.conversation_id).toBe(conversation);
    expect(view.result?.message).toBe(scriptedReplyFor(message));
    const messages = conversationMessagesSchema.parse(
      (await getJson(`/api/v2/conversations/${encodeURIComponent(conversation)}/messages`, { authorization: `Bearer ${body.conversation_token}` })).body,
    );
    expect(messages.conversation_id).toBe(conversation);
    expect(messages.messages.map((m) => m.content)).toEqual([message, scriptedReplyFor(message)]);
  });

  it("stores the message at the server's time, whatever the visitor's clock says in `timestamp`", async () => {
    const conversation = `conv-clock-${Date.now()}`;
    const before = Date.now();
    const response = await postChat({ user_id: 'u-clock', conversation_id: conversation, message: 'Mon horloge avance', timestamp: '2099-01-01T00:00:00.000Z' }, { prefer: 'wait=20' });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { conversation_token?: string };
    const messages = conversationMessagesSchema.parse(
      (await getJson(`/api/v2/conversations/${conversation}/messages`, { authorization: `Bearer ${body.conversation_token}` })).body,
    );
    const visitorMessageAt = Date.parse(messages.messages[0]!.created_at);
    expect(visitorMessageAt).toBeGreaterThanOrEqual(before - 1000);
    expect(visitorMessageAt).toBeLessThanOrEqual(Date.now() + 1000);
    expect(Date.parse(messages.messages[1]!.created_at)).toBeGreaterThanOrEqual(visitorMessageAt);
  });

  it('?limit=N gives the newest N messages, oldest first, and says whether older ones were left out', async () => {
    const conversation = `conv-limit-${Date.now()}`;
    const first = await postChat({ user_id: 'u-limit', conversation_id: conversation, message: 'Premier message' }, { prefer: 'wait=20' });
    const { conversation_token: token } = (await first.json()) as { conversation_token?: string };
    const authorization = { authorization: `Bearer ${token}` };
    expect((await postChat({ user_id: 'u-limit', conversation_id: conversation, message: 'Second message' }, { prefer: 'wait=20', ...authorization })).status).toBe(200);
    const read = async (query: string) =>
      conversationMessagesSchema.parse((await getJson(`/api/v2/conversations/${conversation}/messages${query}`, authorization)).body);
    const three = await read('?limit=3');
    expect(three.messages.map((m) => m.content)).toEqual([scriptedReplyFor('Premier message'), 'Second message', scriptedReplyFor('Second message')]);
    expect(three.has_more).toBe(true);
    expect((await read('?limit=4')).has_more).toBe(false);
    expect((await read('?limit=1000')).messages).toHaveLength(4);
    expect((await read('')).has_more).toBe(false);
  });
});

describe('GET /api/v2/chat/jobs/:job_id/events (SSE)', () => {
  it('streams status, deltas and completed, and resumes with Last-Event-ID', async () => {
    const message = `Raconte-moi une histoire ${SLOW_MARKER}`;
    const expected = scriptedReplyFor(message);
    const accepted = chatAcceptedSchema.parse(await (await postChat({ user_id: 'u', conversation_id: conversationId(), message })).json());

    const first = await fetch(`${stack.api.baseUrl}${accepted.events_url}`);
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const firstReader = new ServerSentEventsReader(first.body!);
    const seenBeforeCut: Array<{ event: string; id: string | undefined; data: unknown }> = [];
    for (;;) {
      const event = await firstReader.next();
      expect(event).toBeDefined();
      seenBeforeCut.push(event!);
      if (event!.event === 'delta') break;
    }
    await firstReader.cancel();
    expect(seenBeforeCut[0]?.event).toBe('status');
    expect(firstReader.retryMs).toBeGreaterThan(0);
    const firstDelta = seenBeforeCut.at(-1)!;
    const deliveredText = (firstDelta.data as { text: string }).text;
    expect(firstDelta.id).toBe(String(deliveredText.length));
    expect(expected.startsWith(deliveredText)).toBe(true);

    const resumed = await fetch(`${stack.api.baseUrl}${accepted.events_url}`, { headers: { 'last-event-id': firstDelta.id! } });
    const rest = await new ServerSentEventsReader(resumed.body!).readToEnd();
    expect(rest[0]?.event).toBe('status');
    const names = rest.map((event) => event.event);
    expect(names.at(-1)).toBe('completed');
    expect(names).not.toContain('reset');
    const restText = rest.filter((event) => event.event === 'delta').map((event) => (event.data as { text: string }).text).join('');
    expect(deliveredText + restText).toBe(expected);
    for (const event of rest.slice(0, -1)) expect(event.id).toMatch(/^\d+$/);
    expect(rest.at(-1)?.id).toBe(`${expected.length}-final`);
    const completed = chatJobViewSchema.parse(rest.at(-1)!.data);
    expect(completed.result?.message).toBe(expected);

    // A reconnect after the final event: 204, which tells EventSource clients to stop.
    const afterEnd = await fetch(`${stack.api.baseUrl}${accepted.events_url}`, { headers: { 'last-event-id': rest.at(-1)!.id! } });
    expect(afterEnd.status).toBe(204);
    expect(await afterEnd.text()).toBe('');
    // A reconnect that has all the text but not the final event still gets it, once.
    const missedTheEnd = await fetch(`${stack.api.baseUrl}${accepted.events_url}`, { headers: { 'last-event-id': String(expected.length) } });
    const ending = await new ServerSentEventsReader(missedTheEnd.body!).readToEnd();
    expect(ending.map((event) => event.event)).toEqual(['status', 'completed']);
  });

  it('a stream opened after completion sends the whole text then completed, and 404 for an unknown job', async () => {
    const message = 'Déjà fini ?';
    const response = await postChat({ user_id: 'u', conversation_id: conversationId(), message }, { prefer: 'wait=20' });
    const view = chatJobViewSchema.parse(await response.json());
    const events = await new ServerSentEventsReader((await fetch(`${stack.api.baseUrl}/api/v2/chat/jobs/${view.job_id}/events`)).body!).readToEnd();
    expect(events.map((event) => event.event)).toEqual(['status', 'delta', 'completed']);
    expect((events[1]!.data as { text: string }).text).toBe(scriptedReplyFor(message));

    const missing = await fetch(`${stack.api.baseUrl}/api/v2/chat/jobs/${randomUUID()}/events`);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('job_not_found');
  });

  it('sends heartbeat comments and releases the stream when the client leaves', async () => {
    const heartbeatApi = await startTestApi({ name: 'sse-heartbeat', database: stack.database, startWorker: false, sseHeartbeatMs: 50 });
    try {
      const accepted = chatAcceptedSchema.parse(
        await (
          await fetch(`${heartbeatApi.baseUrl}/api/v2/chat`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ user_id: 'u', conversation_id: conversationId(), message: 'personne ne répond' }),
          })
        ).json(),
      );
      const response = await fetch(`${heartbeatApi.baseUrl}${accepted.events_url}`);
      const reader = new ServerSentEventsReader(response.body!);
      const status = await reader.next();
      expect(status?.event).toBe('status');
      expect((status?.data as { status: string }).status).toBe('queued');
      const nextRead = reader.next();
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(reader.comments).toBeGreaterThanOrEqual(2);
      expect(heartbeatApi.eventHub.watchedJobCount).toBe(1);
      await reader.cancel();
      await nextRead.catch(() => undefined);
      for (let attempt = 0; attempt < 50 && heartbeatApi.eventHub.watchedJobCount > 0; attempt += 1) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(heartbeatApi.eventHub.watchedJobCount).toBe(0);
    } finally {
      await heartbeatApi.close();
    }
  });
});
