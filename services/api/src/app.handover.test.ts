import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ESCALATING,
  HANDOVER_ADMIN,
  handoverAdminAuthorization,
  KAJABI,
  nextEventOf,
  startHandoverHttpStack,
  type HandoverHttpStack,
} from './testing/handover-http-stack.ts';

/**
 * Issue 12 at the HTTP level, on the real stack (API, queue engine, worker, PGlite, Redis) with the
 * real agents' pipeline in local mode (testing/handover-http-stack.ts): every state transition, the
 * 409s, an operator taking over first, forged operator actions, a stream resumed from an unknown id.
 * Races, posting order, long-polls, the no-operator notice and the webhook events:
 * app.handover-races.test.ts. `stack.agentRuns` counts the agents' pipeline runs: while a person
 * holds the conversation it must not move (no agent answer, no provider call).
 */

let stack: HandoverHttpStack;
beforeAll(async () => {
  stack = await startHandoverHttpStack('handover');
}, 180_000);
afterAll(async () => {
  await stack?.close();
});
const visitor = (conversationId?: string) => stack.visitor(conversationId);
const admin: HandoverHttpStack['admin'] = (...call) => stack.admin(...call);

describe('a person takes over a conversation', () => {
  it('escalate → waiting_human → join → human replies → hand back → the agents answer again → close', async () => {
    const person = visitor();
    const escalated = await person.post(ESCALATING);
    expect(escalated.body.result).toMatchObject({ agent: 'escalate', escalated: true, handled_by: 'agent' });
    expect((await person.get('')).body).toMatchObject({ state: 'waiting_human', operator: null, pending_job_ids: [] });

    const listed = await admin('GET', '?state=waiting_human');
    const summary = listed.body.conversations.find((entry: any) => entry.conversation_id === person.conversationId);
    expect(summary).toMatchObject({ state: 'waiting_human', escalation: { category: 'human', status: 'open' } });
    expect(summary.waiting_seconds).toBeGreaterThanOrEqual(0);

    const { reader } = await person.stream();
    expect(await nextEventOf(reader!, (data) => data.type === 'state')).toMatchObject({ state: 'waiting_human', reason: 'snapshot' });

    // While waiting: the visitor's message is stored for the person, no agent runs.
    const runsBefore = stack.agentRuns;
    const held = await person.post("Je suis toujours là, c'est urgent");
    expect(held.status).toBe(200);
    expect(held.body.result).toMatchObject({ handled_by: 'person', message: '', agent: 'escalate' });
    expect(await nextEventOf(reader!, (data) => data.type === 'message' && data.message.author !== 'system')).toMatchObject({
      message: { author: 'visitor', content: "Je suis toujours là, c'est urgent" },
    });

    const joined = await admin('POST', `/${encodeURIComponent(person.conversationId)}/join`, { operator_name: 'Léa' });
    expect(joined).toMatchObject({ status: 200, body: { state: 'human', operator: { name: 'Léa' } } });
    expect(await nextEventOf(reader!, (data) => data.type === 'state')).toMatchObject({ state: 'human', reason: 'joined', operator: { name: 'Léa' } });
    expect((await person.get('')).body).toMatchObject({ state: 'human', operator: { name: 'Léa' } });

    const reply = await admin('POST', `/${encodeURIComponent(person.conversationId)}/messages`, { text: 'Bonjour, je suis Léa. Je regarde ça !' });
    expect(reply.status).toBe(201);
    expect(reply.body.message).toMatchObject({ role: 'assistant', agent: 'escalate', author: 'human', operator_name: 'Léa' });
    expect(await nextEventOf(reader!, (data) => data.type === 'message' && data.message.author !== 'system')).toMatchObject({
      message: { id: reply.body.message.id, author: 'human', operator_name: 'Léa', content: 'Bonjour, je suis Léa. Je regarde ça !' },
    });

    const answered = await person.post('Merci beaucoup');
    expect(answered.body.result.handled_by).toBe('person');
    expect(stack.agentRuns).toBe(runsBefore);

    const detail = await admin('GET', `/${encodeURIComponent(person.conversationId)}`);
    // The "nobody joined yet" notice (author system, 2 s after the escalation) may come before the join on a slow machine.
    const authors = detail.body.messages.map((message: any) => message.author);
    expect(authors.filter((author: string) => author !== 'system')).toEqual(['visitor', 'agent', 'visitor', 'human', 'visitor']);
    expect(authors.filter((author: string) => author === 'system').length).toBeLessThanOrEqual(1);

    const handedBack = await admin('POST', `/${encodeURIComponent(person.conversationId)}/handback`);
    expect(handedBack.body).toMatchObject({ state: 'ai', operator: null });
    expect(await nextEventOf(reader!, (data) => data.type === 'state')).toMatchObject({ state: 'ai', reason: 'handed_back' });

    const agentAgain = await person.post(KAJABI);
    expect(agentAgain.body.result).toMatchObject({ agent: 'audrey', handled_by: 'agent' });
    expect(stack.agentRuns).toBe(runsBefore + 1);
    expect(await nextEventOf(reader!, (data) => data.type === 'message')).toMatchObject({ message: { author: 'agent', agent: 'audrey' } });

    const closed = await admin('POST', `/${encodeURIComponent(person.conversationId)}/close`);
    expect(closed.body).toMatchObject({ state: 'closed', escalation: { status: 'closed' } });
    // The stream ends after the closed event; a reconnect gets 204.
    const closing = await reader!.readToEnd();
    expect(closing.at(-1)?.data).toMatchObject({ type: 'state', state: 'closed' });
    expect((await person.stream()).status).toBe(204);
    expect((await person.stream(closing.at(-1)?.id)).status).toBe(204);

    const joinClosed = await admin('POST', `/${encodeURIComponent(person.conversationId)}/join`);
    expect(joinClosed.status).toBe(409);
    expect(joinClosed.body).toEqual({
      error: {
        code: 'conversation_state_conflict',
        message: expect.stringContaining('rejoindre'),
        conversation_id: person.conversationId,
        action: 'join',
        state: 'closed',
        allowed_from: ['ai', 'waiting_human'],
      },
    });

    // A visitor message reopens a closed conversation to the agents.
    const reopened = await person.post(KAJABI);
    expect(reopened.body.result.handled_by).toBe('agent');
    expect((await person.get('')).body.state).toBe('ai');
  });

  it('an operator takes over a conversation the agents hold, before the visitor asks: the next message goes to them', async () => {
    const person = visitor();
    expect((await person.post(KAJABI)).body.result.handled_by).toBe('agent');
    const joined = await admin('POST', `/${encodeURIComponent(person.conversationId)}/join`, { operator_name: 'Léa' });
    expect(joined).toMatchObject({ status: 200, body: { state: 'human', operator: { name: 'Léa' } } });
    const runsBefore = stack.agentRuns;
    const next = await person.post('Et pour la séquence de bienvenue ?');
    expect(next.body.result).toMatchObject({ handled_by: 'person', message: '' });
    expect(stack.agentRuns).toBe(runsBefore);
    expect((await admin('POST', `/${encodeURIComponent(person.conversationId)}/messages`, { text: 'Je prends le relais !' })).status).toBe(201);
    expect((await admin('POST', `/${encodeURIComponent(person.conversationId)}/handback`)).body).toMatchObject({ state: 'ai' });
  });

  it('refuses what the state does not allow with 409, unknown conversations with 404, bad input with 400, strangers with 401', async () => {
    const person = visitor();
    await person.post(KAJABI);
    const path = `/${encodeURIComponent(person.conversationId)}`;
    const replyNobodyEscalated = await admin('POST', `${path}/messages`, { text: 'Bonjour' });
    expect(replyNobodyEscalated).toMatchObject({ status: 409, body: { error: { code: 'conversation_state_conflict', state: 'ai', allowed_from: ['human'] } } });
    expect((await admin('POST', `${path}/handback`)).body.error).toMatchObject({
      code: 'conversation_state_conflict',
      state: 'ai',
      allowed_from: ['waiting_human', 'human'],
      // Not "nobody holds it": a hand-back retried after its answer was lost reads this.
      message: expect.stringContaining('déjà la main'),
    });
    expect((await admin('POST', '/inconnue/join')).body.error).toMatchObject({ code: 'conversation_not_found' });
    expect((await admin('GET', '/inconnue')).status).toBe(404);
    expect((await admin('POST', `${path}/messages`, { text: '   ' })).body.error).toMatchObject({ code: 'invalid_request' });
    expect((await admin('POST', `${path}/messages`, { text: '\u200b\u2060' })).body.error).toMatchObject({ code: 'invalid_request' });
    expect((await admin('POST', `${path}/messages`, { text: 'a\u0000b' })).body.error).toMatchObject({ code: 'invalid_request' });
    expect((await admin('POST', `${path}/messages`, { text: 'a\ud800b' })).body.error).toMatchObject({ code: 'invalid_request' });
    expect((await admin('POST', `${path}/messages`, { text: 'a\u001bb' })).body.error).toMatchObject({ code: 'invalid_request' });
    expect((await admin('POST', `${path}/messages`, { text: 'x', extra: true })).status).toBe(400);
    expect((await admin('GET', '?state=perdu')).status).toBe(400);
    // A name shown to the visitor as who answers: never invisible, never reversing the text around it.
    expect((await admin('POST', `${path}/join`, { operator_name: '\u200b\u2060' })).body.error).toMatchObject({ code: 'invalid_request' });
    expect((await admin('POST', `${path}/join`, { operator_name: 'Léa\u202e' })).body.error).toMatchObject({ code: 'invalid_request' });
    const stranger = await fetch(`${stack.api.baseUrl}/admin/conversations`);
    expect(stranger.status).toBe(401);
    expect((await fetch(`${stack.api.baseUrl}/admin/inbox`)).status).toBe(401);
    const page = await fetch(`${stack.api.baseUrl}/admin/inbox`, { headers: { authorization: handoverAdminAuthorization } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Boîte de réception');

    // A second operator cannot take a conversation someone holds; the same one joining again is a no-op.
    await person.post(ESCALATING);
    expect((await admin('POST', `${path}/join`, { operator_name: 'Léa' })).status).toBe(200);
    expect((await admin('POST', `${path}/join`, { operator_name: 'Léa' })).status).toBe(200);
    expect(await admin('POST', `${path}/join`, { operator_name: 'Marc' })).toMatchObject({
      status: 409,
      body: { error: { code: 'conversation_held_by_another_operator', operator: { name: 'Léa' }, message: 'Impossible de rejoindre cette conversation : Léa l’a déjà prise.' } },
    });
    // Only the one who joined writes to the visitor (an unsigned reply is signed with their name).
    const fromMarc = await admin('POST', `${path}/messages`, { text: 'Je prends le relais', operator_name: 'Marc' });
    expect(fromMarc).toMatchObject({ status: 409, body: { error: { code: 'conversation_held_by_another_operator', operator: { name: 'Léa' } } } });
    expect((await admin('POST', `${path}/messages`, { text: 'Je suis là', operator_name: ' léa ' })).status).toBe(201);
    expect((await admin('POST', `${path}/messages`, { text: 'Toujours là' })).body.message).toMatchObject({ operator_name: 'Léa' });
    expect((await admin('GET', path)).body.messages.filter((message: any) => message.author === 'human').map((message: any) => message.operator_name)).toEqual(['léa', 'Léa']);
    // A reply retried with its Idempotency-Key (its answer was lost) is stored once, and given back
    // even once the conversation has moved on.
    const keyed = await admin('POST', `${path}/messages`, { text: 'Une seule fois', operator_name: 'Léa' }, { 'idempotency-key': 'reply-1' });
    expect({ status: keyed.status, replayed: keyed.replayed }).toEqual({ status: 201, replayed: null });
    const retried = await admin('POST', `${path}/messages`, { text: 'Une seule fois', operator_name: 'Léa' }, { 'idempotency-key': 'reply-1' });
    expect(retried).toMatchObject({ status: 201, replayed: 'true', body: { message: { id: keyed.body.message.id, content: 'Une seule fois' } } });
    // The key sent again with other words: a 422, not a 201 naming the first reply (the new words never reach the visitor).
    const reused = await admin('POST', `${path}/messages`, { text: 'Autre chose', operator_name: 'Léa' }, { 'idempotency-key': 'reply-1' });
    expect(reused).toMatchObject({ status: 422, body: { error: { code: 'idempotency_conflict' } } });
    expect((await admin('POST', `${path}/handback`, { operator_name: 'Léa' })).status).toBe(200);
    expect((await admin('POST', `${path}/messages`, { text: 'Une seule fois' }, { 'idempotency-key': 'reply-1' })).body.message.id).toBe(keyed.body.message.id);
    expect((await admin('GET', path)).body.messages.filter((message: any) => ['Une seule fois', 'Autre chose'].includes(message.content)).map((message: any) => message.content)).toEqual(['Une seule fois']);
    expect((await admin('POST', `${path}/messages`, { text: 'x' }, { 'idempotency-key': 'clé avec espaces' })).status).toBe(400);

    // An operator who gives no name is shown as "Équipe", never as the admin login (half of the credentials).
    const other = visitor();
    await other.post(ESCALATING);
    const otherPath = `/${encodeURIComponent(other.conversationId)}`;
    expect((await admin('POST', `${otherPath}/join`)).status).toBe(200);
    // A reply's key belongs to its conversation: 'reply-1' here is another reply (it was a 500).
    expect(await admin('POST', `${otherPath}/messages`, { text: 'Une seule fois' }, { 'idempotency-key': 'reply-1' })).toMatchObject({ status: 201, replayed: null });
    const shown = JSON.stringify((await admin('GET', otherPath)).body);
    expect(shown).toContain('Équipe');
    expect(shown).not.toContain(`"${HANDOVER_ADMIN.user}"`);
  });

  it('after a hand-back or a close, a thank-you or a short follow-up is answered by the agents, not told that the team has it', async () => {
    const handedBack = visitor();
    await handedBack.post(KAJABI);
    await handedBack.post(ESCALATING);
    const path = `/${encodeURIComponent(handedBack.conversationId)}`;
    await admin('POST', `${path}/join`, { operator_name: 'Léa' });
    await admin('POST', `${path}/messages`, { text: 'Voilà, c’est réglé de mon côté.' });
    expect((await admin('POST', `${path}/handback`)).body).toMatchObject({ state: 'ai' });
    for (const message of ['Merci beaucoup !', 'tu peux détailler ?']) {
      const { body } = await handedBack.post(message);
      expect(body.result).toMatchObject({ handled_by: 'agent' });
      expect(body.result.agent).not.toBe('escalate');
      expect(body.result.message).not.toContain("entre les mains de l'équipe");
    }
    expect((await handedBack.get('')).body.state).toBe('ai');

    const closed = visitor();
    await closed.post(ESCALATING);
    await admin('POST', `/${encodeURIComponent(closed.conversationId)}/close`);
    const { body } = await closed.post('Merci beaucoup !');
    expect(body.result).toMatchObject({ handled_by: 'agent' });
    expect(body.result.agent).not.toBe('escalate');
    expect(body.result.message).not.toContain("entre les mains de l'équipe");
  });

  it("refuses an operator action forged by another site's form (cached credentials): 415 a form body, 403 a cross-site request; the conversation does not move", async () => {
    const person = visitor();
    await person.post(ESCALATING);
    const url = `${stack.api.baseUrl}/admin/conversations/${encodeURIComponent(person.conversationId)}`;
    const forged = (action: string, headers: Record<string, string>, body?: string) =>
      fetch(`${url}/${action}`, { method: 'POST', headers: { authorization: handoverAdminAuthorization, ...headers }, ...(body === undefined ? {} : { body }) });
    const emptyForm = await forged('close', { 'content-type': 'application/x-www-form-urlencoded' }, '');
    expect(emptyForm.status).toBe(415);
    expect(((await emptyForm.json()) as any).error.code).toBe('unsupported_media_type');
    expect((await forged('join', { 'content-type': 'text/plain' }, 'x')).status).toBe(415);
    const crossSite = await forged('close', { 'sec-fetch-site': 'cross-site' });
    expect(crossSite.status).toBe(403);
    expect(((await crossSite.json()) as any).error.code).toBe('cross_site_request');
    expect((await forged('join', { origin: 'https://ailleurs.example' })).status).toBe(403);
    expect((await forged('join', { origin: 'null' })).status).toBe(403);
    expect((await person.get('')).body.state).toBe('waiting_human');
    // The inbox's own requests (same origin, JSON) and a script without those headers still act.
    expect((await forged('join', { origin: new URL(stack.api.baseUrl).origin, 'sec-fetch-site': 'same-origin', 'content-type': 'application/json' }, '{}')).status).toBe(200);
    expect((await person.get('')).body.state).toBe('human');
    // Behind a reverse proxy that rewrites Host, the browser's own word (same-origin) decides; a JSON
    // Content-Type without a body is not a form.
    expect((await forged('handback', { origin: 'https://chat.example.com', 'sec-fetch-site': 'same-origin', 'content-type': 'application/json' })).status).toBe(200);
  });

  it('a Last-Event-ID the stream never reached starts over from a snapshot instead of dropping every event', async () => {
    const person = visitor();
    await person.post(ESCALATING);
    const { status, reader } = await person.stream('99999999999999-0');
    expect(status).toBe(200);
    expect(await nextEventOf(reader!, (data) => data.type === 'state')).toMatchObject({ state: 'waiting_human', reason: 'snapshot' });
    await admin('POST', `/${encodeURIComponent(person.conversationId)}/join`, { operator_name: 'Léa' });
    expect(await nextEventOf(reader!, (data) => data.type === 'state')).toMatchObject({ state: 'human', reason: 'joined' });
    await reader!.cancel();
  });
});
