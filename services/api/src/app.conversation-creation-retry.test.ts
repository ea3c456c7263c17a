import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { errorBodySchema } from '@lac/core';
import { openConversationChecked, type ConversationOpening } from './testing/conversation-opening-client.ts';
import { startTestApiAroundTests } from './testing/test-api-around-tests.ts';

/**
 * A client that opens its conversation with POST /api/v2/conversations and its own id (a mobile
 * app) and loses the answer (a timeout, a network switch) tries again. Without a way to get the
 * token again, the id was lost: the retry was a 401, as for a stranger. With an Idempotency-Key,
 * the same post retried gets the token again (201, `Idempotent-Replayed: true`), counted once in
 * the new-conversations window. The key does not make a stranger the creator: another user_id with
 * it, or the same body without it or with another key, is still a 401 without the token.
 */

const stack = startTestApiAroundTests({ name: 'creation-retry', startWorker: false, env: { RATE_LIMIT_NEW_CONVERSATIONS_PER_HOUR: '2', CLIENT_LIMITS_ON_LOOPBACK: 'true' } });

let openApiDocument: Record<string, unknown>;
beforeAll(async () => {
  openApiDocument = (await (await fetch(`${stack.api.baseUrl}/openapi.json`)).json()) as Record<string, unknown>;
});

const open = (body: unknown, headers: Record<string, string> = {}): Promise<ConversationOpening> =>
  openConversationChecked(stack.api.baseUrl, openApiDocument, body, headers);

describe('POST /api/v2/conversations retried with its Idempotency-Key', () => {
  it('gets the token again, counted once; another user_id with the key, or no key, is still a 401', async () => {
    const conversationId = `mobile-${randomUUID()}`;
    const body = { user_id: 'visitor-mobile', conversation_id: conversationId };
    const key = { 'idempotency-key': `open-${randomUUID()}` };

    const first = await open(body, key);
    expect(first.status).toBe(201);
    expect(first.replayed).toBeNull();
    const token = first.body.conversation_token;
    expect(typeof token).toBe('string');

    // The answer was lost: the same post again (twice: the window of 2 new conversations is not used up by retries).
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const retry = await open(body, key);
      expect(retry.status).toBe(201);
      expect(retry.replayed).toBe('true');
      expect(retry.location).toBe(first.location);
      expect(retry.body).toEqual({ conversation_id: conversationId, conversation_token: token });
    }

    // The token opens the conversation: a message posted with it is accepted.
    const message = await fetch(`${stack.api.baseUrl}/api/v2/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${String(token)}` },
      body: JSON.stringify({ ...body, message: 'Bonjour' }),
    });
    expect(message.status).toBe(202);

    // The same key with another user_id, and the same body without the key or with another key: no token.
    for (const [attempt, headers] of [
      [{ ...body, user_id: 'someone-else' }, key],
      [body, {}],
      [body, { 'idempotency-key': `other-${randomUUID()}` }],
    ] as const) {
      const stranger = await open(attempt, headers);
      expect(stranger.status).toBe(401);
      expect(errorBodySchema.parse(stranger.body).error.code).toBe('conversation_token_required');
      expect(JSON.stringify(stranger.body)).not.toContain(String(token));
    }

    // The retries counted nothing: one more conversation fits in the window of 2, the next does not.
    expect((await open({ user_id: 'visitor-mobile' })).status).toBe(201);
    expect((await open({ user_id: 'visitor-mobile' })).status).toBe(429);
  });

  it('refuses a malformed key with a 400 naming the header, and opens nothing', async () => {
    const conversationId = `mobile-${randomUUID()}`;
    const refused = await open({ user_id: 'visitor-mobile', conversation_id: conversationId }, { 'idempotency-key': 'a b' });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ error: { code: 'invalid_request', details: [{ field: 'Idempotency-Key' }] } });
  });
});
