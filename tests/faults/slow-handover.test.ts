/**
 * A person takes over a conversation while the API and the worker reach Redis and the database
 * through a slow network (Toxiproxy's `latency` toxic, 300 ms ± 50 ms on every reply of both):
 * the visitor asks for a person, the operator sees it on the inbox stream, joins, replies twice
 * (an Idempotency-Key on each reply, as the inbox sends), the visitor writes in between, the
 * operator hands back. The client gives up on the first attempt of the join and the hand-back
 * (400 ms, before the API has read the body) and of the first reply (1.2 s, once it is under
 * way), and sends each again as the inbox does (same body, same key). The visitor's event stream
 * and the inbox stream are followed throughout. Every operator action must answer (2xx, or for a
 * hand-back whose first attempt landed, 409 saying the agents hold it), the stored conversation
 * holds each message once, both streams carry each message (by id: a retried reply is announced
 * again, readers know it by its id) and the states in order (ai → waiting_human → human → ai).
 * The join given up before its body was read once ran without it, under the default name, and
 * locked its operator out (409 held by "Équipe"): json-body.ts. Figures are printed; no assertion
 * is about a duration.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { postMessage, timedFetch, waitForJobEnd, type TimedResponse } from './support/chat-traffic.ts';
import { followEventStream, type FollowedEvent } from './support/event-stream-follower.ts';
import { startStackBehindToxicProxies, stopStacksBehindToxicProxies } from './support/stack-behind-toxic-proxies.ts';
import type { Toxics } from './support/toxic-proxy.ts';

afterAll(stopStacksBehindToxicProxies, 120_000);

const latencyMs = 300;
const slowNetwork: Toxics = { downstream: { latencyMs, jitterMs: 50 } };
const operatorAuth = { authorization: `Basic ${Buffer.from('admin:slow-handover-password').toString('base64')}` };

interface OperatorAction {
  name: string;
  statuses: number[];
  latenciesMs: number[];
  final: TimedResponse;
}

/** One operator action as the inbox sends it, retried (same body, same Idempotency-Key) until it answers something other than a timeout or a 5xx. */
async function operatorAction(name: string, url: string, body: unknown, options: { idempotencyKey?: string; firstAttemptTimeoutMs?: number } = {}): Promise<OperatorAction> {
  const statuses: number[] = [];
  const latenciesMs: number[] = [];
  let final: TimedResponse | undefined;
  for (let attempt = 0; attempt < 8; attempt += 1) {
    const timeoutMs = attempt === 0 && options.firstAttemptTimeoutMs ? options.firstAttemptTimeoutMs : 20_000;
    final = await timedFetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...operatorAuth, ...(options.idempotencyKey ? { 'idempotency-key': options.idempotencyKey } : {}) },
      body: JSON.stringify(body),
    }, timeoutMs);
    statuses.push(final.status);
    latenciesMs.push(final.latencyMs);
    if (final.status !== 0 && final.status < 500) break;
    await sleep(300);
  }
  return { name, statuses, latenciesMs, final: final! };
}

const statesOf = (events: FollowedEvent[], conversationId: string) =>
  events
    .filter((event) => event.type === 'state' && (event.data as { conversation_id?: string }).conversation_id === conversationId)
    .map((event) => (event.data as { state: string }).state)
    .filter((state, index, all) => index === 0 || all[index - 1] !== state);

const messageIdsOf = (events: FollowedEvent[], conversationId: string) =>
  events
    .filter((event) => event.type === 'message' && (event.data as { conversation_id?: string }).conversation_id === conversationId)
    .map((event) => (event.data as { message: { id: string; content: string } }).message);

describe(`a person takes over with Redis and the database ${latencyMs} ± 50 ms away`, () => {
  it('every operator action answers, every message is stored and streamed once, the states come in order', async () => {
    const { stack, redisProxy, databaseProxy } = await startStackBehindToxicProxies({
      name: 'slow-handover',
      toxics: slowNetwork,
      env: { ADMIN_PASSWORD: 'slow-handover-password', HANDOVER_OPERATOR_WAIT_SECONDS: '600' },
    });
    const conversationId = `${stack.prefix}-handover`;
    const admin = `${stack.baseUrl}/admin/conversations`;
    const inbox = followEventStream(`${admin}/events`, operatorAuth);

    // A first message makes the conversation; the visitor's stream follows it from there.
    const hello = await postMessage(stack.baseUrl, conversationId, 'Bonjour, je découvre votre programme.');
    expect((await waitForJobEnd(stack.baseUrl, hello.jobId!, 120_000)).status).toBe('completed');
    const visitorStream = followEventStream(`${stack.baseUrl}/api/v2/conversations/${encodeURIComponent(conversationId)}/events`);
    await sleep(2000);

    const ask = await postMessage(stack.baseUrl, conversationId, "Je veux parler à quelqu'un de l'équipe");
    expect((await waitForJobEnd(stack.baseUrl, ask.jobId!, 120_000)).status).toBe('completed');
    // The operator learns of it from the inbox stream.
    for (let waited = 0; waited < 60 && !statesOf(inbox.events, conversationId).includes('waiting_human'); waited += 1) await sleep(500);
    const seenOnInbox = statesOf(inbox.events, conversationId).includes('waiting_human');

    const url = (action: string) => `${admin}/${encodeURIComponent(conversationId)}/${action}`;
    const actions: OperatorAction[] = [];
    actions.push(await operatorAction('join', url('join'), { operator_name: 'Léa' }, { firstAttemptTimeoutMs: 400 }));
    const firstReply = 'Bonjour, je suis Léa de l’équipe. Je regarde votre dossier.';
    actions.push(await operatorAction('reply 1', url('messages'), { text: firstReply, operator_name: 'Léa' }, { idempotencyKey: `${stack.prefix}-reply-1`, firstAttemptTimeoutMs: 1200 }));
    const between = await postMessage(stack.baseUrl, conversationId, 'Merci, je reste en ligne.');
    const betweenEnd = await waitForJobEnd(stack.baseUrl, between.jobId!, 120_000);
    const secondReply = 'C’est réglé : vous recevrez la facture par e-mail.';
    actions.push(await operatorAction('reply 2', url('messages'), { text: secondReply, operator_name: 'Léa' }, { idempotencyKey: `${stack.prefix}-reply-2` }));
    actions.push(await operatorAction('handback', url('handback'), { operator_name: 'Léa' }, { firstAttemptTimeoutMs: 400 }));

    // The network heals; the streams get the time to deliver what is still on its way.
    redisProxy.setToxics({});
    databaseProxy.setToxics({});
    for (let waited = 0; waited < 60 && statesOf(visitorStream.events, conversationId).at(-1) !== 'ai'; waited += 1) await sleep(500);
    await sleep(2000);
    await visitorStream.stop();
    await inbox.stop();
    const stored = await timedFetch(`${admin}/${encodeURIComponent(conversationId)}`, { headers: operatorAuth }, 15_000);
    const storedMessages = (stored.body as { messages?: Array<{ id: string; content: string; author?: string }> }).messages ?? [];
    const storedCount = (text: string) => storedMessages.filter((message) => message.content === text).length;
    const visitorMessages = messageIdsOf(visitorStream.events, conversationId);
    const inboxMessages = messageIdsOf(inbox.events, conversationId);
    const texts = [firstReply, 'Merci, je reste en ligne.', secondReply];
    const distinctIds = (messages: Array<{ id: string; content: string }>, text: string) => new Set(messages.filter((message) => message.content === text).map((message) => message.id)).size;
    process.stdout.write(
      `[fault] hand-over with Redis and the database ${latencyMs} ± 50 ms away: seen on inbox ${seenOnInbox}; ` +
        actions.map((action) => `${action.name} ${action.statuses.join('→')} (${action.latenciesMs.join('/')} ms)`).join('; ') +
        `; visitor message while held ${between.status} ${betweenEnd.status}; visitor stream attempts ${visitorStream.attempts.join(',')} states ${statesOf(visitorStream.events, conversationId).join('→')}` +
        `; inbox attempts ${inbox.attempts.join(',')} states ${statesOf(inbox.events, conversationId).join('→')}` +
        `; stored ${texts.map(storedCount).join('/')}; visitor stream ids ${texts.map((text) => distinctIds(visitorMessages, text)).join('/')} (events ${texts.map((text) => visitorMessages.filter((message) => message.content === text).length).join('/')})` +
        `; inbox ids ${texts.map((text) => distinctIds(inboxMessages, text)).join('/')} (events ${texts.map((text) => inboxMessages.filter((message) => message.content === text).length).join('/')})\n`,
    );
    expect(seenOnInbox).toBe(true);
    // A retry whose first attempt did land: a join again is a no-op (200), a hand-back again a 409
    // saying the agents already hold it (the inbox shows the conversation as it now is).
    const outcomeOf = (action: OperatorAction) =>
      action.final.status === 409 ? `409 ${(action.final.body as { error?: { state?: string } }).error?.state}` : String(action.final.status);
    expect(actions.slice(0, 3).map(outcomeOf)).toEqual(['200', '201', '201']);
    expect(['200', '409 ai']).toContain(outcomeOf(actions[3]!));
    expect(betweenEnd.status).toBe('completed');
    expect(texts.map(storedCount)).toEqual([1, 1, 1]);
    expect(texts.map((text) => distinctIds(visitorMessages, text))).toEqual([1, 1, 1]);
    expect(texts.map((text) => distinctIds(inboxMessages, text))).toEqual([1, 1, 1]);
    expect(statesOf(visitorStream.events, conversationId).slice(-4)).toEqual(['ai', 'waiting_human', 'human', 'ai']);
    expect(statesOf(inbox.events, conversationId)).toEqual(['waiting_human', 'human', 'ai']);
  }, 240_000);
});
