import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, type ChatPipeline, type ConversationStore } from '@lac/core';
import { startTestApi, startTestDatabase, type TestApi, type TestDatabase } from './testing/api-test-harness.ts';
import { createLocalAgentsPipeline } from './testing/local-agents-pipeline.ts';
import { responseProblems } from './testing/openapi-conformance.ts';

/**
 * POST /api/v2/conversations/:conversation_id/handover/cancel on the real stack (API, worker,
 * PGlite, Redis, the agents' pipeline in local mode): the visitor withdraws a hand-over nobody
 * joined, and the agents answer again; refused (409) once a person holds it or when nothing waits;
 * behind the conversation token like the other conversation routes. Every answer of the route is
 * checked against the OpenAPI document the app serves.
 */

const adminAuthorization = `Basic ${Buffer.from('admin:operator-secret').toString('base64')}`;
let database: TestDatabase;
let api: TestApi;
let openApi: TestApi;
let agentRuns = 0;
let document: Record<string, unknown>;

beforeAll(async () => {
  database = await startTestDatabase(createLogger({ level: 'silent' }));
  const agentsPipeline = (conversations: ConversationStore, config: TestApi['config'], logger: ReturnType<typeof createLogger>): ChatPipeline =>
    createLocalAgentsPipeline({ pool: database.pool, conversations, config, logger, onRun: () => (agentRuns += 1) });
  [api, openApi] = await Promise.all([
    startTestApi({ name: 'handover-cancel', database, env: { ADMIN_PASSWORD: 'operator-secret', RATE_LIMIT_MESSAGES: '100' }, handover: { agentsPipeline } }),
    startTestApi({ name: 'handover-cancel-open', database, env: { CONVERSATION_ACCESS: 'open' }, startWorker: false, handover: {} }),
  ]);
  document = (await (await fetch(`${api.baseUrl}/openapi.json`)).json()) as Record<string, unknown>;
}, 180_000);

/** POST …/handover/cancel, its answer checked against the document. */
async function cancelAt(baseUrl: string, conversationId: string, headers: Record<string, string>): Promise<{ status: number; body: any }> {
  const path = `/api/v2/conversations/${encodeURIComponent(conversationId)}/handover/cancel`;
  const response = await fetch(`${baseUrl}${path}`, { method: 'POST', headers });
  const body = await response.json();
  expect(responseProblems(document, { method: 'POST', path }, { status: response.status, contentType: response.headers.get('content-type'), body })).toEqual([]);
  return { status: response.status, body };
}

afterAll(async () => {
  await Promise.all([api?.close(), openApi?.close()]);
  await database?.stop();
});

const ESCALATING = "Je veux parler à quelqu'un de l'équipe";
const KAJABI = 'Comment automatiser mes emails avec Kajabi ?';

function visitor(conversationId = `conv-${randomUUID()}`) {
  let token: string | undefined;
  const authorization = (): Record<string, string> => (token ? { authorization: `Bearer ${token}` } : {});
  const base = `${api.baseUrl}/api/v2/conversations/${encodeURIComponent(conversationId)}`;
  return {
    conversationId,
    async post(message: string): Promise<{ status: number; body: any }> {
      const response = await fetch(`${api.baseUrl}/api/v2/chat`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', prefer: 'wait=15', ...authorization() },
        body: JSON.stringify({ user_id: `user-${conversationId}`, conversation_id: conversationId, message }),
      });
      const body = (await response.json()) as any;
      if (typeof body.conversation_token === 'string') token = body.conversation_token;
      return { status: response.status, body };
    },
    cancel: (headers: Record<string, string> = authorization()) => cancelAt(api.baseUrl, conversationId, headers),
    async state(): Promise<any> {
      return (await fetch(base, { headers: authorization() })).json();
    },
  };
}

async function admin(method: 'GET' | 'POST', path: string): Promise<{ status: number; body: any }> {
  const response = await fetch(`${api.baseUrl}/admin/conversations${path}`, { method, headers: { authorization: adminAuthorization } });
  return { status: response.status, body: await response.json() };
}

describe('the visitor withdraws their hand-over request', () => {
  it('waiting_human → ai: 200 with the new state, the inbox no longer lists it, the next message goes to the agents', async () => {
    const person = visitor();
    await person.post(ESCALATING);
    expect(await person.state()).toMatchObject({ state: 'waiting_human' });
    const held = await person.post('Finalement je me débrouille');
    expect(held.body.result).toMatchObject({ handled_by: 'person' });
    const runsBefore = agentRuns;

    expect(await person.cancel({})).toMatchObject({ status: 401, body: { error: { code: 'conversation_token_required' } } });
    expect(await person.cancel({ authorization: 'Bearer pas-le-bon-jeton' })).toMatchObject({ status: 403, body: { error: { code: 'conversation_token_invalid' } } });
    expect(await person.state()).toMatchObject({ state: 'waiting_human' });

    const cancelled = await person.cancel();
    expect(cancelled).toMatchObject({ status: 200, body: { conversation_id: person.conversationId, state: 'ai', operator: null, waiting_since: null } });
    const waiting = await admin('GET', '?state=waiting_human');
    expect(waiting.body.conversations.map((row: { conversation_id: string }) => row.conversation_id)).not.toContain(person.conversationId);
    expect(await person.cancel()).toMatchObject({ status: 409, body: { error: { code: 'handover_not_waiting', state: 'ai' } } });
    // The operators' list and read say why it is with the agents again, long after the live event.
    const withAgents = await admin('GET', '?state=ai&limit=500');
    expect(withAgents.body.conversations.find((row: { conversation_id: string }) => row.conversation_id === person.conversationId)).toMatchObject({
      state: 'ai',
      state_change_reason: 'cancelled',
    });
    const read = await admin('GET', `/${encodeURIComponent(person.conversationId)}`);
    expect(read.body).toMatchObject({ state: 'ai', state_change_reason: 'cancelled', state_changed_at: expect.any(String) });
    for (const [path, answer] of [['/admin/conversations', withAgents], [`/admin/conversations/${encodeURIComponent(person.conversationId)}`, read]] as const) {
      expect(responseProblems(document, { method: 'GET', path }, { status: answer.status, contentType: 'application/json; charset=utf-8', body: answer.body })).toEqual([]);
    }

    const answered = await person.post(KAJABI);
    expect(answered.body.result).toMatchObject({ handled_by: 'agent' });
    expect(answered.body.result.message).not.toBe('');
    expect(agentRuns).toBeGreaterThan(runsBefore);
  });

  it('409 handover_operator_joined once a person holds it: the visitor talks to them', async () => {
    const person = visitor();
    await person.post(ESCALATING);
    expect((await admin('POST', `/${encodeURIComponent(person.conversationId)}/join`)).status).toBe(200);
    const refused = await person.cancel();
    expect(refused).toMatchObject({ status: 409, body: { error: { code: 'handover_operator_joined', state: 'human', operator: { name: expect.any(String) } } } });
    // Whoever joined (Bob as well as Léa): no pronoun that guesses who it is.
    expect((refused.body as { error: { message: string } }).error.message).toMatch(/ a déjà rejoint la conversation et te répond ici\.$/);
    expect(await person.state()).toMatchObject({ state: 'human' });
    // Handed back by the operator: not a withdrawal.
    expect((await admin('POST', `/${encodeURIComponent(person.conversationId)}/handback`)).body).toMatchObject({ state: 'ai', state_change_reason: 'handed_back' });
  });

  it('404 for a conversation nothing is stored for (open mode), 409 for one opened without a message', async () => {
    expect(await cancelAt(openApi.baseUrl, `conv-${randomUUID()}`, {})).toMatchObject({ status: 404, body: { error: { code: 'conversation_not_found' } } });
    const opened = (await (await fetch(`${api.baseUrl}/api/v2/conversations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user_id: 'visitor' }) })).json()) as any;
    const refused = await cancelAt(api.baseUrl, opened.conversation_id, { authorization: `Bearer ${opened.conversation_token}` });
    expect(refused).toMatchObject({ status: 409, body: { error: { code: 'handover_not_waiting', state: 'ai' } } });
  });
});
