import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import type { ChatResult } from '../contract/chat-schemas.ts';
import { AppError } from '../errors/app-error.ts';
import type { ChatPipeline } from '../pipeline/pipeline-contract.ts';
import { ChatJobReader } from './chat-job-reader.ts';
import { createChatQueue } from './chat-queue.ts';
import { ChatSubmitter } from './chat-submitter.ts';
import { ConversationAdmission } from './conversation-admission.ts';
import { ConversationOrder } from './conversation-order.ts';
import { startChatWorker } from './chat-worker.ts';
import { JobEventHub } from './job-event-hub.ts';
import { ConversationRateLimiter } from './rate-limiter.ts';
import { buildTestChatResult } from './test-support/recording-pipeline.ts';
import { createRedisTestContext } from './test-support/redis-test-context.ts';
import { submitAcceptedMessage } from './test-support/submit-accepted.ts';

const context = createRedisTestContext('chat-worker');
const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  await context.cleanup();
}, 60_000);

/** One queue (own name under the test prefix) with a worker, a submitter, a reader and an event hub. */
async function setUp(queueName: string, pipeline: ChatPipeline, overrides: Record<string, string> = {}) {
  const config = context.config({
    CHAT_QUEUE_NAME: queueName,
    JOB_ATTEMPTS: '3',
    JOB_BACKOFF_BASE_MS: '50',
    JOB_BACKOFF_MAX_MS: '200',
    STALL_WINDOW_MS: '2000',
    SHUTDOWN_GRACE_MS: '5000',
    ...overrides,
  });
  const queue = createChatQueue({ connection: context.redis, config });
  const rateLimiter = new ConversationRateLimiter(context.redis, context.keys, { limit: 1000, windowSeconds: 60 });
  const submitter = new ChatSubmitter({ redis: context.redis, queue, keys: context.keys, rateLimiter, config, logger: context.logger });
  const reader = new ChatJobReader({ queue, redis: context.redis, keys: context.keys });
  const hub = new JobEventHub({ config, logger: context.logger });
  await hub.waitUntilReady();
  const handle = startChatWorker({ config, pipeline, logger: context.logger });
  await handle.worker.waitUntilReady();
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await handle.close();
    await hub.close();
    await queue.close();
  };
  cleanups.push(close);
  const submit = (conversationId: string, message: string) => submitAcceptedMessage(submitter, conversationId, message);
  return { config, queue, submitter, reader, hub, handle, submit, close };
}

function pipelineOf(run: ChatPipeline['run']): ChatPipeline {
  return { run };
}

describe('startChatWorker', () => {
  it('fails malformed job data at once, without retries and without running the pipeline', async () => {
    let runs = 0;
    const { queue, hub, reader } = await setUp('malformed', pipelineOf(async ({ jobId, data }) => {
      runs++;
      return buildTestChatResult(jobId, data, 'x');
    }));
    const job = await queue.add('chat', { bogus: true } as never, { jobId: 'malformed-1' });
    expect(await hub.waitForTerminal(String(job.id), 10_000)).toBe('failed');
    const stored = await queue.getJob(String(job.id));
    expect(stored?.attemptsMade).toBe(1);
    expect(stored?.failedReason).toMatch(/^\[invalid_job_data\]/);
    expect(runs).toBe(0);
    const view = await reader.getJobView(String(job.id));
    expect(view?.status).toBe('failed');
    expect(view?.error?.code).toBe('invalid_job_data');
    expect(view?.error?.message).toMatch(/renvoyer/);
  });

  it('retries a retryable failure with backoff and keeps the conversation order across retries', async () => {
    const timeline: string[] = [];
    let flakyFailures = 0;
    const { hub, submit, queue } = await setUp('retry', pipelineOf(async ({ jobId, data, attempt }) => {
      timeline.push(`start ${data.message} #${attempt}`);
      if (data.message === 'instable' && flakyFailures < 2) {
        flakyFailures++;
        throw new AppError({ code: 'provider_unavailable', message: 'provider 503', retryable: true });
      }
      await sleep(10);
      timeline.push(`end ${data.message}`);
      return buildTestChatResult(jobId, data, `ok ${data.message}`);
    }));
    const first = await submit('conv-retry', 'instable');
    const second = await submit('conv-retry', 'suivant');
    expect(await hub.waitForTerminal(second, 15_000)).toBe('completed');
    expect(await hub.waitForTerminal(first, 1_000)).toBe('completed');
    expect(timeline).toEqual(['start instable #1', 'start instable #2', 'start instable #3', 'end instable', 'start suivant #1', 'end suivant']);
    // BullMQ counts the successful attempt too: two failures + the success.
    expect((await queue.getJob(first))?.attemptsMade).toBe(3);
  });

  it('fails a non-retryable AppError at once and hands the conversation to the next message', async () => {
    const runs: string[] = [];
    const { hub, submit, queue, reader } = await setUp('fatal', pipelineOf(async ({ jobId, data }) => {
      runs.push(data.message);
      if (data.message === 'fatal') throw new AppError({ code: 'provider_auth', message: 'HTTP 401', retryable: false });
      return buildTestChatResult(jobId, data, 'ok');
    }));
    const first = await submit('conv-fatal', 'fatal');
    const second = await submit('conv-fatal', 'après');
    expect(await hub.waitForTerminal(first, 10_000)).toBe('failed');
    expect(await hub.waitForTerminal(second, 10_000)).toBe('completed');
    expect(runs).toEqual(['fatal', 'après']);
    expect((await queue.getJob(first))?.attemptsMade).toBe(1);
    const view = await reader.getJobView(first);
    expect(view).toMatchObject({ status: 'failed', error: { code: 'processing_failed' } });
    expect(view?.error?.message).not.toMatch(/401/);
  });

  it('stops a job at its deadline (retryable, here with one attempt)', async () => {
    const { hub, submit, queue } = await setUp(
      'deadline',
      pipelineOf(async (_job, hooks) => {
        await sleep(10_000, undefined, { signal: hooks.signal });
        throw new Error('unreachable');
      }),
      { JOB_DEADLINE_MS: '1000', JOB_ATTEMPTS: '1' },
    );
    const jobId = await submit('conv-deadline', 'lent');
    expect(await hub.waitForTerminal(jobId, 10_000)).toBe('failed');
    expect((await queue.getJob(jobId))?.failedReason).toMatch(/^\[job_deadline_exceeded\]/);
  });

  it('streams the answer into partial_reply and completes with the result', async () => {
    const { hub, submit, reader } = await setUp('stream', pipelineOf(async ({ jobId, data }, hooks) => {
      for (const word of ['Bonjour ', 'toi, ', 'voici ', 'la ', 'réponse.']) {
        hooks.onDelta?.(word);
        await sleep(30);
      }
      return buildTestChatResult(jobId, data, 'Bonjour toi, voici la réponse.');
    }));
    const jobId = await submit('conv-stream', 'salut');
    const partials: string[] = [];
    const types: string[] = [];
    const unsubscribe = hub.subscribe(jobId, (event) => {
      types.push(event.type);
      if (event.type === 'progress' && event.partialReply !== undefined) partials.push(event.partialReply);
    });
    expect(await hub.waitForTerminal(jobId, 10_000)).toBe('completed');
    unsubscribe();
    expect(partials.length).toBeGreaterThanOrEqual(2);
    expect(partials.at(-1)).toBe('Bonjour toi, voici la réponse.');
    for (let index = 1; index < partials.length; index++) expect(partials[index]!.startsWith(partials[index - 1]!)).toBe(true);
    expect(types).toContain('completed');
    const view = await reader.getJobView(jobId);
    expect(view?.status).toBe('completed');
    expect((view?.result as ChatResult).message).toBe('Bonjour toi, voici la réponse.');
  });

  it('cancels a call the pipeline left running (an unused embedding) when the job ends', async () => {
    let leftRunning: AbortSignal | undefined;
    const { hub, submit } = await setUp('left-running', pipelineOf(async ({ jobId, data }, hooks) => {
      leftRunning = hooks.signal;
      const unused = new Promise((_resolve, reject) => hooks.signal?.addEventListener('abort', () => reject(hooks.signal?.reason), { once: true }));
      unused.catch(() => undefined);
      return buildTestChatResult(jobId, data, 'Réponse sans attendre cet appel.');
    }));
    const jobId = await submit('conv-left-running', 'salut');
    expect(await hub.waitForTerminal(jobId, 10_000)).toBe('completed');
    expect(leftRunning?.aborted).toBe(true);
    expect((leftRunning?.reason as Error).name).toBe('JobEndedError');
  });

  it('a stream broken after its first token fails the job at once and keeps every piece of text written', async () => {
    let runs = 0;
    const { hub, submit, reader, queue } = await setUp('broken-stream', pipelineOf(async (_job, hooks) => {
      runs += 1;
      // Deltas faster than the progress throttle: the last ones are still pending when the stream breaks.
      for (const word of ['Voici ', 'le ', 'début ', 'de ', 'la ', 'réponse']) hooks.onDelta?.(word);
      throw new AppError({ code: 'provider_stream_broken', message: 'stream broke after the first token', status: 502, retryable: false });
    }));
    const jobId = await submit('conv-broken-stream', 'salut');
    expect(await hub.waitForTerminal(jobId, 10_000)).toBe('failed');
    expect(runs).toBe(1);
    expect((await queue.getJob(jobId))?.attemptsMade).toBe(1);
    const view = await reader.getJobView(jobId);
    expect(view?.status).toBe('failed');
    expect(view?.partial_reply).toBe('Voici le début de la réponse');
  });

  it('close() lets an active job finish before it resolves (graceful drain)', async () => {
    let started!: () => void;
    const startedPromise = new Promise<void>((resolve) => (started = resolve));
    const { submit, queue, handle } = await setUp('drain', pipelineOf(async ({ jobId, data }) => {
      started();
      await sleep(600);
      return buildTestChatResult(jobId, data, 'fini');
    }));
    const jobId = await submit('conv-drain', 'long');
    await startedPromise;
    await handle.close();
    expect(await queue.getJobState(jobId)).toBe('completed');
  });

  it('runs a job that is not in its conversation order (entry lost or removed) once its backstop fires', async () => {
    const { queue, hub, config } = await setUp('orphan', pipelineOf(async ({ jobId, data }) => buildTestChatResult(jobId, data, 'ok')));
    const data = {
      conversation_id: 'conv-orphan',
      user_id: 'u',
      message: 'orphelin',
      sent_at: new Date().toISOString(),
      received_at: new Date().toISOString(),
      request_id: 'r',
    };
    await queue.add('chat', data, { jobId: 'orphan-1', delay: 200 });
    expect(await hub.waitForTerminal('orphan-1', 10_000)).toBe('completed');
    const order = new ConversationOrder(context.redis, context.keys);
    expect(await order.pendingJobIds('conv-orphan')).toEqual([]);
    expect(config.CHAT_QUEUE_NAME).toBe('orphan');
  });

  it('removes a dead head (its job is gone) so the conversation goes on', async () => {
    const { hub, submit } = await setUp('dead-head', pipelineOf(async ({ jobId, data }) => buildTestChatResult(jobId, data, 'ok')));
    await context.redis.rpush(context.keys.conversationOrder('conv-dead-head'), 'ghost-job');
    const jobId = await submit('conv-dead-head', 'bloqué ?');
    // Behind the ghost, the job waits for its backstop (STALL_WINDOW_MS = 2 s), then the gate heals the order.
    expect(await hub.waitForTerminal(jobId, 15_000)).toBe('completed');
    expect(await new ConversationOrder(context.redis, context.keys).pendingJobIds('conv-dead-head')).toEqual([]);
  });

  it('skips a head whose job was never created (its API died mid-submit) within seconds, not after the backstop', async () => {
    // A 30 s backstop: only the detection of the missing job can make this fast.
    const { hub, submit } = await setUp('never-created-head', pipelineOf(async ({ jobId, data }) => buildTestChatResult(jobId, data, 'ok')), {
      STALL_WINDOW_MS: '30000',
    });
    const admission = new ConversationAdmission(context.redis, context.keys, new ConversationRateLimiter(context.redis, context.keys, { limit: 100, windowSeconds: 60 }));
    // Admitted by an API process that died before creating the job.
    expect((await admission.admit('conv-never-created', 'never-created-1')).kind).toBe('admitted');
    const startedAt = Date.now();
    const jobId = await submit('conv-never-created', 'la suite');
    expect(await hub.waitForTerminal(jobId, 20_000)).toBe('completed');
    expect(Date.now() - startedAt).toBeLessThan(10_000);
    expect(await new ConversationOrder(context.redis, context.keys).pendingJobIds('conv-never-created')).toEqual([]);
  });

  it('hands off past an entry whose job was never created, between two live messages, within seconds', async () => {
    const { hub, submit } = await setUp(
      'never-created-middle',
      pipelineOf(async ({ jobId, data }) => {
        if (data.message === 'lent') await sleep(300);
        return buildTestChatResult(jobId, data, 'ok');
      }),
      { STALL_WINDOW_MS: '30000' },
    );
    const admission = new ConversationAdmission(context.redis, context.keys, new ConversationRateLimiter(context.redis, context.keys, { limit: 100, windowSeconds: 60 }));
    const first = await submit('conv-never-created-middle', 'lent');
    expect((await admission.admit('conv-never-created-middle', 'never-created-2')).kind).toBe('admitted');
    const startedAt = Date.now();
    const third = await submit('conv-never-created-middle', 'après le trou');
    expect(await hub.waitForTerminal(first, 10_000)).toBe('completed');
    expect(await hub.waitForTerminal(third, 20_000)).toBe('completed');
    expect(Date.now() - startedAt).toBeLessThan(10_000);
    expect(await new ConversationOrder(context.redis, context.keys).pendingJobIds('conv-never-created-middle')).toEqual([]);
  });

  it('after SHUTDOWN_GRACE_MS hands an unfinished job back to the queue without using an attempt', async () => {
    let started!: () => void;
    const startedPromise = new Promise<void>((resolve) => (started = resolve));
    const { submit, queue, handle } = await setUp(
      'handback',
      pipelineOf(async (_job, hooks) => {
        started();
        await sleep(30_000, undefined, { signal: hooks.signal });
        throw new Error('unreachable');
      }),
      { SHUTDOWN_GRACE_MS: '200' },
    );
    const jobId = await submit('conv-handback', 'trop long');
    await startedPromise;
    await handle.close();
    const job = await queue.getJob(jobId);
    expect(await job?.getState()).toBe('waiting');
    expect(job?.attemptsMade).toBe(0);
    // Still the head of its conversation: the next worker runs it first.
    expect(await new ConversationOrder(context.redis, context.keys).pendingJobIds('conv-handback')).toEqual([jobId]);
  });
});
