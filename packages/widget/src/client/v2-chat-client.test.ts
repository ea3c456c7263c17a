import { describe, expect, it } from 'vitest';
import { startTestApiAroundTests } from '../../../../services/api/src/testing/test-api-around-tests.ts';
import { SLOW_MARKER } from '../../../../services/api/src/testing/scripted-test-pipeline.ts';
import { bodyOfRawRequest, headerOfRawRequest, startFaultInjectingProxy } from '../testing/fault-injecting-proxy.ts';
import { RateLimitedError } from './chat-client-errors.ts';
import { V2ChatClient, type OutgoingMessage } from './v2-chat-client.ts';

/**
 * The widget's v2 client against the real API (real Redis, real queue and worker,
 * real PGlite store; the API's scripted test pipeline quotes the message back).
 */
describe('V2ChatClient against the real API', () => {
  const fastBackoff = { attempts: 5, baseDelayMs: 20, maxDelayMs: 100 };

  const stack = startTestApiAroundTests({ name: 'widget-client', env: { RATE_LIMIT_MESSAGES: '4', ALLOWED_ORIGINS: '*' } });

  const message = (conversationId: string, text: string): OutgoingMessage => ({
    userId: 'widget-test-user',
    conversationId,
    text,
    idempotencyKey: crypto.randomUUID(),
    sentAt: new Date().toISOString(),
  });

  it('submits, then long-polls the job to its answer, and reads the history', async () => {
    const client = new V2ChatClient({ apiBaseUrl: stack.api.baseUrl, submitBackoff: fastBackoff });
    const conversationId = `conv-${crypto.randomUUID()}`;
    const partials: string[] = [];
    const job = await client.submit(message(conversationId, 'Bonjour, une question sur Kajabi'));
    expect(job.pollUrl.startsWith(stack.api.baseUrl)).toBe(true);
    expect(job.rateLimitRemaining).toBe(3);
    const reply = await client.waitForReply(job, { onPartialText: (text) => partials.push(text) });
    expect(reply.text).toContain('Bonjour, une question sur Kajabi');
    expect(reply.agent).toBe('carole');
    expect(job.conversationToken).toMatch(/^ct1\./);
    expect(await client.loadHistory(conversationId)).toEqual([]); // not readable without its token
    const history = await client.loadHistory(conversationId, job.conversationToken);
    expect(history.map((entry) => entry.role)).toEqual(['user', 'assistant']);
    expect(history[0]!.text).toBe('Bonjour, une question sur Kajabi');
    expect(history[1]!.agent).toBe('carole');
    expect(await client.loadHistory(`conv-unknown-${crypto.randomUUID()}`)).toEqual([]);
  });

  it('retries a POST whose answer was lost with the same Idempotency-Key and body: one job, one stored exchange', async () => {
    const jobsBefore = await stack.api.countJobs();
    const proxy = await startFaultInjectingProxy({
      targetPort: Number(new URL(stack.api.baseUrl).port),
      requestLinePrefix: 'POST /api/v2/chat ',
      dropResponses: 2,
    });
    try {
      const retries: number[] = [];
      const client = new V2ChatClient({ apiBaseUrl: proxy.url, submitBackoff: fastBackoff, onSubmitRetry: ({ attempt }) => retries.push(attempt) });
      const conversationId = `conv-${crypto.randomUUID()}`;
      const outgoing = message(conversationId, 'Un message qui ne doit partir qu’une fois');
      const job = await client.submit(outgoing);
      const reply = await client.waitForReply(job);
      expect(reply.text).toContain('Un message qui ne doit partir qu’une fois');

      expect(retries).toEqual([1, 2]);
      expect(proxy.matchingRequests).toHaveLength(3);
      const keys = proxy.matchingRequests.map((raw) => headerOfRawRequest(raw, 'Idempotency-Key'));
      expect(new Set(keys)).toEqual(new Set([outgoing.idempotencyKey]));
      const bodies = proxy.matchingRequests.map(bodyOfRawRequest);
      expect(new Set(bodies).size).toBe(1);

      expect((await stack.api.countJobs()) - jobsBefore).toBe(1);
      // The retry that finally got an answer carries the conversation's token.
      expect(job.conversationToken).toMatch(/^ct1\./);
      const history = await client.loadHistory(conversationId, job.conversationToken);
      expect(history.filter((entry) => entry.role === 'user')).toHaveLength(1);
      expect(history.filter((entry) => entry.role === 'assistant')).toHaveLength(1);
    } finally {
      await proxy.close();
    }
  });

  it('turns a 429 into RateLimitedError with the seconds to wait, without retrying it', async () => {
    const client = new V2ChatClient({ apiBaseUrl: stack.api.baseUrl, submitBackoff: fastBackoff });
    const conversationId = `conv-${crypto.randomUUID()}`;
    const first = await client.submit(message(conversationId, 'message 0'));
    const withToken = (text: string) => ({ ...message(conversationId, text), conversationToken: first.conversationToken! });
    for (let index = 1; index < 4; index += 1) await client.submit(withToken(`message ${index}`));
    const jobsBefore = await stack.api.countJobs();
    const refused = await client.submit(withToken('un de trop')).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(RateLimitedError);
    expect((refused as RateLimitedError).serverMessage).toBe('Trop de messages. Veuillez patienter.');
    expect((refused as RateLimitedError).retryAfterSeconds).toBeGreaterThan(0);
    expect((refused as RateLimitedError).retryAfterSeconds).toBeLessThanOrEqual(60);
    expect(await stack.api.countJobs()).toBe(jobsBefore);
  });

  it('follows one pending job at a time: several messages in flight keep a single wait request open', async () => {
    const client = new V2ChatClient({ apiBaseUrl: stack.api.baseUrl, submitBackoff: fastBackoff, useServerSentEvents: false });
    const conversationId = `conv-${crypto.randomUUID()}`;
    const originalFetch = globalThis.fetch;
    let open = 0;
    let mostOpen = 0;
    globalThis.fetch = (async (input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) => {
      const url = String(input instanceof Request ? input.url : input);
      const isWait = url.includes('/api/v2/chat/jobs/');
      if (isWait) mostOpen = Math.max(mostOpen, ++open);
      try {
        return await originalFetch(input, init);
      } finally {
        if (isWait) open -= 1;
      }
    }) as typeof fetch;
    try {
      const jobs = [];
      let conversationToken: string | undefined;
      for (let index = 0; index < 4; index += 1) {
        const job = await client.submit({ ...message(conversationId, `message lent ${index} ${SLOW_MARKER}`), ...(conversationToken ? { conversationToken } : {}) });
        conversationToken ??= job.conversationToken;
        jobs.push(job);
      }
      const replies = await Promise.all(jobs.map((job) => client.waitForReply(job)));
      replies.forEach((reply, index) => expect(reply.text).toContain(`message lent ${index}`));
      expect(mostOpen).toBe(1);
    } finally {
      globalThis.fetch = originalFetch;
    }
  });

  it('falls back to plain polling when long-polls keep failing', async () => {
    // Every long-poll (?wait=) loses its answer: the client must switch to plain GETs.
    const longPollProxy = await startFaultInjectingProxy({
      targetPort: Number(new URL(stack.api.baseUrl).port),
      requestLinePrefix: 'GET /api/v2/chat/jobs/',
      dropResponses: 2,
    });
    try {
      const client = new V2ChatClient({ apiBaseUrl: stack.api.baseUrl, submitBackoff: fastBackoff, pollIntervalMs: 50 });
      const job = await client.submit(message(`conv-${crypto.randomUUID()}`, 'polling de secours'));
      const viaFaultyPath = { ...job, pollUrl: job.pollUrl.replace(stack.api.baseUrl, longPollProxy.url) };
      const reply = await client.waitForReply(viaFaultyPath);
      expect(reply.text).toContain('polling de secours');
      const requestLines = longPollProxy.matchingRequests.map((raw) => raw.split('\r\n')[0]);
      expect(requestLines[0]).toContain('?wait=');
      expect(requestLines[1]).toContain('?wait=');
      expect(requestLines.at(-1)).not.toContain('?wait=');
    } finally {
      await longPollProxy.close();
    }
  });
});
