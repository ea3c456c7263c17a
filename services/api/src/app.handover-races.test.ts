import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyEscalationSignature } from '@lac/core';
import { ESCALATING, HANDOVER_WEBHOOK_SECRET, KAJABI, nextEventOf, startHandoverHttpStack, type HandoverHttpStack } from './testing/handover-http-stack.ts';

/**
 * The hand-over at the HTTP level, on the real stack (testing/handover-http-stack.ts): posting order
 * across the switch, an operator reply racing a visitor message, long-polls carrying the state, the
 * no-operator notice and the signed webhook events. `stack.agentRuns` counts the agents' pipeline
 * runs: while a person holds the conversation it must not move.
 */

let stack: HandoverHttpStack;
beforeAll(async () => {
  stack = await startHandoverHttpStack('handover-races');
}, 180_000);
afterAll(async () => {
  await stack?.close();
});
const visitor = (conversationId?: string) => stack.visitor(conversationId);
const admin: HandoverHttpStack['admin'] = (...call) => stack.admin(...call);

describe('a person takes over a conversation: races, order, notices and webhooks', () => {
  it('keeps posting order across the switch: a message queued behind the escalating one goes to the person', async () => {
    const person = visitor();
    const first = await person.post(KAJABI);
    expect(first.body.result.agent).toBe('audrey');
    const runsBefore = stack.agentRuns;
    const escalating = await person.post(ESCALATING, 0);
    const queuedBehind = await person.post('Et aussi une question sur ma facture', 0);
    const results = await Promise.all(
      [escalating, queuedBehind].map(async ({ body }) => {
        const response = await fetch(`${stack.api.baseUrl}/api/v2/chat/jobs/${body.job_id}?wait=15`);
        return ((await response.json()) as any).result;
      }),
    );
    expect(results[0]).toMatchObject({ agent: 'escalate', handled_by: 'agent' });
    expect(results[1]).toMatchObject({ handled_by: 'person' });
    expect(stack.agentRuns).toBe(runsBefore + 1);
    const { body } = await person.get('/messages');
    // Without the "nobody joined yet" notice, which a slow machine may reach before this read.
    const visible = body.messages.filter((message: any) => message.author !== 'system');
    expect(visible.map((message: any) => message.content).slice(-3)).toEqual([
      ESCALATING,
      expect.stringContaining('équipe'),
      'Et aussi une question sur ma facture',
    ]);
  });

  it('an operator reply racing a visitor message: both stored once, both streamed, no agent answer', async () => {
    const person = visitor();
    await person.post(ESCALATING);
    const path = `/${encodeURIComponent(person.conversationId)}`;
    await admin('POST', `${path}/join`, { operator_name: 'Léa' });
    const { reader } = await person.stream();
    const runsBefore = stack.agentRuns;
    for (let round = 0; round < 5; round += 1) {
      const [reply, visitorPost] = await Promise.all([
        admin('POST', `${path}/messages`, { text: `Réponse ${round}` }),
        person.post(`Question ${round}`),
      ]);
      expect(reply.status).toBe(201);
      expect(visitorPost.body.result.handled_by).toBe('person');
    }
    expect(stack.agentRuns).toBe(runsBefore);
    const seen = new Set<string>();
    while (seen.size < 10) {
      const event = await nextEventOf(reader!, (data) => data.type === 'message' && data.message.author !== 'system');
      seen.add(event.message.content);
    }
    await reader!.cancel();
    const { body } = await person.get('/messages');
    const contents = body.messages.map((message: any) => message.content);
    for (let round = 0; round < 5; round += 1) {
      expect(contents.filter((content: string) => content === `Réponse ${round}`)).toHaveLength(1);
      expect(contents.filter((content: string) => content === `Question ${round}`)).toHaveLength(1);
    }
  });

  it('long-polls new messages after a message id, and carries the state', async () => {
    const person = visitor();
    await person.post(ESCALATING);
    const path = `/${encodeURIComponent(person.conversationId)}`;
    await admin('POST', `${path}/join`, { operator_name: 'Léa' });
    const { body: before } = await person.get('/messages');
    const lastId = before.messages.at(-1).id;
    const started = Date.now();
    const polled = person.get(`/messages?after=${lastId}&wait=10`);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await admin('POST', `${path}/messages`, { text: 'Je suis là !' });
    const { body } = await polled;
    expect(Date.now() - started).toBeLessThan(9_000);
    expect(body).toMatchObject({ state: 'human', operator: { name: 'Léa' }, messages: [{ content: 'Je suis là !', author: 'human', operator_name: 'Léa' }] });
    // The stream's newest id, for a client going from the long-poll to the stream (it resumes after it).
    expect(body.last_event_id).toMatch(/^\d+-\d+$/);
    expect(body.last_event_id).toBe((await person.get('')).body.last_event_id);
    expect((await person.get('/messages?wait=x')).status).toBe(400);
  });

  it('tells the visitor when to expect an answer when nobody joins in time, once', async () => {
    const person = visitor();
    await person.post(ESCALATING);
    let notices: any[] = [];
    for (let attempt = 0; attempt < 60 && notices.length === 0; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      notices = (await person.get('/messages')).body.messages.filter((message: any) => message.author === 'system');
    }
    expect(notices).toHaveLength(1);
    expect(notices[0].content).toMatch(/Merci pour ta patience/);
    expect(notices[0].content).toMatch(/répond/);
  });

  it('sends signed webhook events: waiting_human, visitor_message, handed_back', async () => {
    const person = visitor();
    await person.post(ESCALATING);
    await person.post('Un détail de plus');
    await admin('POST', `/${encodeURIComponent(person.conversationId)}/handback`);
    const mine = () =>
      stack.webhookCalls.filter((call) => (JSON.parse(call.body) as any).conversation?.id === person.conversationId).map((call) => ({ ...call, json: JSON.parse(call.body) }));
    for (let attempt = 0; attempt < 80 && mine().length < 3; attempt += 1) await new Promise((resolve) => setTimeout(resolve, 100));
    const calls = mine();
    expect(calls.map((call) => call.json.type).sort()).toEqual(['conversation.handed_back', 'conversation.visitor_message', 'conversation.waiting_human']);
    for (const call of calls) {
      expect(verifyEscalationSignature(call.headers['x-lac-signature'] as string, call.body, HANDOVER_WEBHOOK_SECRET).valid).toBe(true);
      expect(call.headers['x-lac-event-id']).toBe(call.json.event_id);
    }
    expect(calls.find((call) => call.json.type === 'conversation.visitor_message')!.json.message).toMatchObject({ content: 'Un détail de plus' });
  });

  // Names are compared without case or surrounding spaces; a name typed on one machine may come in
  // another Unicode form (`é` as one code point, or `e` and a combining accent, as macOS writes file
  // names and some keyboards send): it is the same person, who got 409 "held by another operator".
  it('the holder’s name in another Unicode form is the holder', async () => {
    const person = visitor();
    await person.post(ESCALATING);
    const path = `/${encodeURIComponent(person.conversationId)}`;
    expect((await admin('POST', `${path}/join`, { operator_name: 'Léa' })).status).toBe(200);
    const reply = await admin('POST', `${path}/messages`, { text: 'Bonjour, c’est Léa.', operator_name: 'Léa'.normalize('NFD') });
    expect(reply.status).toBe(201);
    expect(reply.body.message.operator_name).toBe('Léa');
  });
});
