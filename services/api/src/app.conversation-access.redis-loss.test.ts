import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatAcceptedSchema, conversationMessagesSchema, createLogger, errorBodySchema } from '@lac/core';
import { deleteKeysWithPrefix } from '@lac/core/testing';
import { startTestApi, startTestDatabase, type TestApi, type TestDatabase } from './testing/api-test-harness.ts';
import { waitForStoredMessages } from './testing/stored-messages.ts';

/**
 * Conversation access after Redis lost everything (restarted without persistence, a master lost
 * before replicating; docs/security.md): the claims and the retired ids are kept in the database too,
 * so what Redis forgot is still refused. The loss is every key of the test's prefix deleted at once.
 */

let database: TestDatabase;
let api: TestApi;

beforeAll(async () => {
  database = await startTestDatabase(createLogger({ level: 'silent' }));
  // A configured secret: tokens issued before the loss still open their conversation after it.
  api = await startTestApi({ name: 'access-redis-loss', database, env: { CONVERSATION_TOKEN_SECRET: 's'.repeat(40) } });
});

afterAll(async () => {
  await api?.close();
  await database?.stop();
});

const loseRedis = () => deleteKeysWithPrefix(api.redis, api.config.QUEUE_PREFIX);
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

function post(body: { user_id: string; conversation_id: string; message: string }, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${api.baseUrl}/api/v2/chat`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
}

async function expectError(response: Response, status: number, code: string): Promise<void> {
  expect(response.status).toBe(status);
  expect(errorBodySchema.parse(await response.json()).error.code).toBe(code);
}

describe('conversation access after Redis lost its keys', () => {
  it("a post carrying a stored conversation's owner user_id gets no token for it (401), the token still opens it", async () => {
    const conversation = randomUUID();
    const first = await post({ user_id: 'visitor-a', conversation_id: conversation, message: 'Mon histoire privée' });
    expect(first.status).toBe(202);
    const { conversation_token: token } = chatAcceptedSchema.parse(await first.json());
    await waitForStoredMessages(database, conversation, 2);

    await loseRedis();
    await expectError(await post({ user_id: 'visitor-a', conversation_id: conversation, message: 'je lis tout' }), 401, 'conversation_token_required');
    await expectError(await fetch(`${api.baseUrl}/api/v2/conversations/${conversation}/messages`), 401, 'conversation_token_required');
    const read = await fetch(`${api.baseUrl}/api/v2/conversations/${conversation}/messages`, { headers: bearer(token!) });
    expect(conversationMessagesSchema.parse(await read.json()).messages.map((message) => message.content)).toContain('Mon histoire privée');
  });

  it('an erased id is not claimed again (410), so the erasing visitor’s former token opens nothing new', async () => {
    const conversation = randomUUID();
    const first = await post({ user_id: 'visitor-b', conversation_id: conversation, message: 'à effacer' });
    const { conversation_token: token } = chatAcceptedSchema.parse(await first.json());
    await waitForStoredMessages(database, conversation, 2);
    const erased = await fetch(`${api.baseUrl}/api/v2/conversations/${conversation}`, { method: 'DELETE', headers: bearer(token!) });
    expect(erased.status).toBe(200);

    await loseRedis();
    await expectError(await post({ user_id: 'someone-else', conversation_id: conversation, message: 'nouvelle conversation' }), 410, 'conversation_erased');
    const { rows } = await database.pool.query('SELECT 1 FROM conversations WHERE id = $1', [conversation]);
    expect(rows).toEqual([]);
  });

  it('a conversation stored before tokens is still claimed once by its owner; once its exchange is stored, not again', async () => {
    const conversation = randomUUID();
    await database.pool.query("INSERT INTO users (id) VALUES ('owner-before-tokens') ON CONFLICT DO NOTHING");
    await database.pool.query("INSERT INTO conversations (id, user_id, token_issued) VALUES ($1, 'owner-before-tokens', false)", [conversation]);
    await database.pool.query("INSERT INTO messages (conversation_id, role, content) VALUES ($1, 'user', 'ancien message')", [conversation]);

    await loseRedis();
    await expectError(await post({ user_id: 'someone-else', conversation_id: conversation, message: 'je prends' }), 401, 'conversation_token_required');
    const owner = await post({ user_id: 'owner-before-tokens', conversation_id: conversation, message: 'Je reviens' });
    expect(owner.status).toBe(202);
    expect(chatAcceptedSchema.parse(await owner.json()).conversation_token).toBeDefined();
    await waitForStoredMessages(database, conversation, 3);

    await loseRedis();
    await expectError(await post({ user_id: 'owner-before-tokens', conversation_id: conversation, message: 'encore' }), 401, 'conversation_token_required');
  });
});
