import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { chatAcceptedSchema, chatJobViewSchema, rateLimitStatusSchema } from '@lac/core';
import { startTestApiAroundTests } from './testing/test-api-around-tests.ts';
import { chatRequests } from './testing/chat-requests.ts';

/** The chat post's Idempotency-Key and per-conversation rate limit through the HTTP API (10 a minute here). */

const stack = startTestApiAroundTests({ name: 'chat-limits', env: { RATE_LIMIT_MESSAGES: '10', RATE_LIMIT_WINDOW_SECONDS: '60' } });

const conversationId = () => `test-conv-${randomUUID()}`;
const { postChat, getJson } = chatRequests(stack);

describe('Idempotency-Key', () => {
  it('same key and body gives the same job without consuming the limit; another body gives 422', async () => {
    const conversation = conversationId();
    const key = `idem-${randomUUID()}`;
    const body = { user_id: 'u', conversation_id: conversation, message: 'Une seule fois, merci' };
    const first = await postChat(body, { 'idempotency-key': key });
    expect(first.status).toBe(202);
    const firstBody = chatAcceptedSchema.parse(await first.json());
    const second = await postChat(body, { 'idempotency-key': key });
    expect(second.status).toBe(202);
    const secondBody = chatAcceptedSchema.parse(await second.json());
    expect(secondBody.job_id).toBe(firstBody.job_id);
    expect(second.headers.get('location')).toBe(first.headers.get('location'));
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    const peek = rateLimitStatusSchema.parse((await getJson(`/api/v2/rate-limit/${conversation}`)).body);
    expect(peek.remaining).toBe(9);

    const conflict = await postChat({ ...body, message: 'Un autre contenu' }, { 'idempotency-key': key });
    expect(conflict.status).toBe(422);
    const conflictBody = (await conflict.json()) as { error: { code: string; message: string } };
    expect(conflictBody.error.code).toBe('idempotency_conflict');
    expect(conflictBody.error.message).toMatch(/clé/);

    const concurrentKey = `idem-${randomUUID()}`;
    const concurrentBody = { user_id: 'u', conversation_id: conversationId(), message: 'Envoyé cinq fois à la fois' };
    const concurrent = await Promise.all(Array.from({ length: 5 }, () => postChat(concurrentBody, { 'idempotency-key': concurrentKey })));
    const concurrentJobIds = new Set(await Promise.all(concurrent.map(async (response) => chatAcceptedSchema.parse(await response.json()).job_id)));
    expect(concurrent.map((response) => response.status)).toEqual([202, 202, 202, 202, 202]);
    expect(concurrentJobIds.size).toBe(1);

    const replayWhenDone = await postChat(body, { 'idempotency-key': key, prefer: 'wait=20' });
    expect(replayWhenDone.status).toBe(200);
    expect(replayWhenDone.headers.get('idempotent-replayed')).toBe('true');
    expect(chatJobViewSchema.parse(await replayWhenDone.json()).job_id).toBe(firstBody.job_id);
  });

  it('belongs to its conversation: the same key with another conversation_id is another post (docs/http-api.md)', async () => {
    const key = `idem-${randomUUID()}`;
    const posts = await Promise.all(
      [conversationId(), conversationId()].map((conversation) => postChat({ user_id: 'u', conversation_id: conversation, message: 'Même clé' }, { 'idempotency-key': key })),
    );
    expect(posts.map((response) => [response.status, response.headers.get('idempotent-replayed')])).toEqual([
      [202, null],
      [202, null],
    ]);
    const jobIds = await Promise.all(posts.map(async (response) => chatAcceptedSchema.parse(await response.json()).job_id));
    expect(new Set(jobIds).size).toBe(2);
  });
});

describe('rate limit', () => {
  it('50 concurrent posts to one conversation: exactly 10 accepted, 40 refused with headers and the French message', async () => {
    const conversation = conversationId();
    // The conversation is opened first (POST /api/v2/conversations consumes no message): its token goes with every post.
    const opened = await fetch(`${stack.api.baseUrl}/api/v2/conversations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user_id: 'u', conversation_id: conversation }),
    });
    expect(opened.status).toBe(201);
    expect(opened.headers.get('location')).toBe(`/api/v2/conversations/${conversation}`);
    const { conversation_token: token } = (await opened.json()) as { conversation_token: string };
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, index) =>
        postChat({ user_id: 'u', conversation_id: conversation, message: `message ${index}` }, { authorization: `Bearer ${token}` }),
      ),
    );
    const accepted = responses.filter((response) => response.status === 202);
    const refused = responses.filter((response) => response.status === 429);
    expect(accepted).toHaveLength(10);
    expect(refused).toHaveLength(40);
    for (const response of refused) {
      const retryAfter = Number(response.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(response.headers.get('ratelimit-policy')).toBe('"conversation";q=10;w=60');
      expect(response.headers.get('ratelimit')).toMatch(/^"conversation";r=0;t=\d+$/);
      const body = (await response.json()) as { error: { code: string; message: string; retry_after_seconds: number } };
      expect(body.error).toEqual({ code: 'rate_limited', message: 'Trop de messages. Veuillez patienter.', retry_after_seconds: retryAfter });
    }
    const remainings = await Promise.all(accepted.map(async (response) => chatAcceptedSchema.parse(await response.json()).rate_limit.remaining));
    expect(remainings.sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('GET /api/v2/rate-limit/:id reads without consuming', async () => {
    const conversation = conversationId();
    const first = await getJson(`/api/v2/rate-limit/${conversation}`);
    const second = await getJson(`/api/v2/rate-limit/${conversation}`);
    expect(first.status).toBe(200);
    expect(rateLimitStatusSchema.parse(first.body)).toEqual({ allowed: true, remaining: 10, limit: 10, window_seconds: 60, reset_seconds: 0 });
    expect(second.body).toEqual(first.body);
    await postChat({ user_id: 'u', conversation_id: conversation, message: 'un' });
    const after = rateLimitStatusSchema.parse((await getJson(`/api/v2/rate-limit/${conversation}`)).body);
    expect(after.remaining).toBe(9);
    expect(after.reset_seconds).toBeGreaterThan(0);
  });
});
