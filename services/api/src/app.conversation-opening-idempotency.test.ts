import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { openConversationChecked, type ConversationOpening } from './testing/conversation-opening-client.ts';
import { startTestApiAroundTests } from './testing/test-api-around-tests.ts';

/**
 * POST /api/v2/conversations with an Idempotency-Key and no conversation_id (the server picks the
 * id). The key used to be ignored there: the id was random, so a client retrying a post whose answer
 * it lost opened a second conversation and never got the first one's token. Now the id is derived
 * from the user_id and the key: the same post retried gets the same conversation and its token back
 * (201, `Idempotent-Replayed: true`), counted once in the new-conversations window; another key, or
 * the key with another user_id, opens another conversation.
 */

const stack = startTestApiAroundTests({
  name: 'opening-idempotency',
  startWorker: false,
  env: { RATE_LIMIT_NEW_CONVERSATIONS_PER_HOUR: '3', CLIENT_LIMITS_ON_LOOPBACK: 'true' },
});

let openApiDocument: Record<string, unknown>;
beforeAll(async () => {
  openApiDocument = (await (await fetch(`${stack.api.baseUrl}/openapi.json`)).json()) as Record<string, unknown>;
});

const open = (body: unknown, headers: Record<string, string> = {}): Promise<ConversationOpening> =>
  openConversationChecked(stack.api.baseUrl, openApiDocument, body, headers);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('POST /api/v2/conversations without conversation_id, retried with its Idempotency-Key', () => {
  it('gives the same conversation and token back, counted once; another key or user_id opens another', async () => {
    const userId = `visitor-${randomUUID()}`;
    const key = { 'idempotency-key': `open-${randomUUID()}` };

    const first = await open({ user_id: userId }, key);
    expect(first.status).toBe(201);
    expect(first.replayed).toBeNull();
    const conversationId = String(first.body.conversation_id);
    expect(conversationId).toMatch(UUID);
    const token = String(first.body.conversation_token);

    // The answer was lost: the same post again, twice (retries do not use up the window of 3).
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const retry = await open({ user_id: userId }, key);
      expect({ status: retry.status, replayed: retry.replayed, location: retry.location, body: retry.body }).toEqual({
        status: 201,
        replayed: 'true',
        location: first.location,
        body: { conversation_id: conversationId, conversation_token: token },
      });
    }

    // The token given back opens that conversation.
    const read = await fetch(`${stack.api.baseUrl}/api/v2/conversations/${conversationId}/messages`, { headers: { authorization: `Bearer ${token}` } });
    expect(read.status).toBe(200);

    // Another key, and the key with another user_id: other conversations, with tokens of their own.
    const otherKey = await open({ user_id: userId }, { 'idempotency-key': `open-${randomUUID()}` });
    const otherUser = await open({ user_id: `${userId}-other` }, key);
    for (const other of [otherKey, otherUser]) {
      expect(other.status).toBe(201);
      expect(other.replayed).toBeNull();
      expect(other.body.conversation_id).not.toBe(conversationId);
      expect(other.body.conversation_token).not.toBe(token);
    }

    // Three conversations opened, whatever the retries: the window of 3 is full.
    expect((await open({ user_id: userId })).status).toBe(429);
  });
});
