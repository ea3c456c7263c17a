import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import { pinoHttp } from 'pino-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatAcceptedSchema, chatJobViewSchema, createLogger, ChatJobReader, type ChatQueue } from '@lac/core';
import { createErrorHandler } from '../http/error-handler.ts';
import { startTestApi, startTestDatabase, type TestApi, type TestDatabase } from '../testing/api-test-harness.ts';
import { SLOW_MARKER, scriptedReplyFor } from '../testing/scripted-test-pipeline.ts';
import { ServerSentEventsReader } from '../testing/server-sent-events-reader.ts';
import { createJobEventsRoute } from './job-events-route.ts';
import { createJobStatusRoute } from './job-status-route.ts';

/**
 * A job that finishes while it is being read must never be reported failed. (It once was: the
 * reader read the job hash, then the state; a job finishing in between looked `completed` without a
 * result. ChatJobReader now reads the state first.) The browser met this as an answered message
 * shown as failed after a burst of messages. Here the routes run on the real stack (Redis, BullMQ,
 * the real worker and store); the only thing set up is the interleaving: the first hash read of a
 * chosen job gets its snapshot only after the job has really finished. The SSE stream and the
 * long-poll must still say `completed`, with the answer.
 */

let database: TestDatabase;
let api: TestApi;
let routes: Server;
let routesBaseUrl: string;
/** Jobs whose next hash read is taken before, and handed over after, the job finishes. */
const interleaveNextRead = new Set<string>();
/** What the interleaved read saw: the snapshot had not finished, the job had by the time it was used. */
const interleavedSnapshots = new Map<string, { finishedBeforeSnapshot: boolean }>();

beforeAll(async () => {
  const logger = createLogger({ level: 'silent' });
  database = await startTestDatabase(logger);
  api = await startTestApi({ name: 'settled-view', database });

  const interleavingQueue = new Proxy(api.queue, {
    get(target, property) {
      if (property === 'getJob') {
        return async (jobId: string) => {
          const snapshot = await target.getJob(jobId);
          if (snapshot && interleaveNextRead.delete(jobId)) {
            interleavedSnapshots.set(jobId, { finishedBeforeSnapshot: snapshot.finishedOn !== undefined });
            await api.eventHub.waitForTerminal(jobId, 20_000);
          }
          return snapshot;
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  }) as ChatQueue;
  const jobReader = new ChatJobReader({ queue: interleavingQueue, redis: api.redis, keys: api.keys, conversations: api.conversations });

  const app = express();
  app.use(pinoHttp({ logger }));
  app.get('/api/v2/chat/jobs/:job_id', createJobStatusRoute({ config: api.config, jobReader, eventHub: api.eventHub }));
  app.get('/api/v2/chat/jobs/:job_id/events', createJobEventsRoute({ jobReader, eventHub: api.eventHub, logger, heartbeatMs: 15_000 }));
  app.use(createErrorHandler({ logger, maxBodyBytes: api.config.MAX_BODY_BYTES }));
  routes = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  routesBaseUrl = `http://127.0.0.1:${(routes.address() as AddressInfo).port}`;
});

afterAll(async () => {
  if (routes) {
    const closed = new Promise<void>((resolve) => routes.close(() => resolve()));
    routes.closeAllConnections();
    await closed;
  }
  await api?.close();
  await database?.stop();
});

/** Submits a slow message (so it is still running when the routes first read it) and arms the interleaving. */
async function submitSlowMessageFinishingDuringTheFirstRead(): Promise<{ jobId: string; message: string }> {
  const message = `${SLOW_MARKER} Comment relancer mes clientes ? ${randomUUID()}`;
  const response = await fetch(`${api.baseUrl}/api/v2/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ user_id: `test-user-${randomUUID()}`, conversation_id: `test-conv-${randomUUID()}`, message }),
  });
  expect(response.status).toBe(202);
  const { job_id: jobId } = chatAcceptedSchema.parse(await response.json());
  interleaveNextRead.add(jobId);
  return { jobId, message };
}

describe('a job that finishes between the two reads of its view', () => {
  it('SSE: the stream ends with completed and the answer, never failed', async () => {
    const { jobId, message } = await submitSlowMessageFinishingDuringTheFirstRead();
    const response = await fetch(`${routesBaseUrl}/api/v2/chat/jobs/${jobId}/events`);
    expect(response.status).toBe(200);
    const events = await new ServerSentEventsReader(response.body!).readToEnd();

    expect(interleavedSnapshots.get(jobId)).toEqual({ finishedBeforeSnapshot: false });
    expect(events.map((event) => event.event)).not.toContain('failed');
    const last = events.at(-1);
    expect(last?.event).toBe('completed');
    const view = chatJobViewSchema.parse(last?.data);
    expect(view.status).toBe('completed');
    expect(view.status === 'completed' ? view.result?.message : undefined).toBe(scriptedReplyFor(message));
  });

  it('long-poll (?wait): answers completed with the answer, never failed', async () => {
    const { jobId, message } = await submitSlowMessageFinishingDuringTheFirstRead();
    const response = await fetch(`${routesBaseUrl}/api/v2/chat/jobs/${jobId}?wait=20`);
    expect(response.status).toBe(200);
    const view = chatJobViewSchema.parse(await response.json());

    expect(interleavedSnapshots.get(jobId)).toEqual({ finishedBeforeSnapshot: false });
    expect(view.status).toBe('completed');
    expect(view.status === 'completed' ? view.result?.message : undefined).toBe(scriptedReplyFor(message));
  });
});
