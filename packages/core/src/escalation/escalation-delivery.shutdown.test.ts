import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createPgPool } from '../database/pg-pool.ts';
import { temporaryDatabaseAroundTests, redisTestContextAroundTests } from '../testing/resources-around-tests.ts';
import { startRecordingWebhookReceiver } from '../testing/recording-webhook-receiver.ts';
import { waitUntil } from '../testing/wait-until.ts';
import { EscalationDesk } from './escalation-desk.ts';
import { startEscalationDeliveryWorker, type EscalationDeliveryWorkerHandle } from './escalation-delivery-worker.ts';
import { createEscalationQueue, escalationDeliveryJobId } from './escalation-queue.ts';
import { PgEscalationStore } from './pg-escalation-store.ts';

/**
 * A worker stopped (SIGTERM: its drain) while it delivers a case. Each test plays the worker
 * process's shutdown: the delivery worker's close, then its database pool ended (the next step of
 * services/worker/src/main.ts, after which it exits); a second worker, started then, stands for
 * the one that takes the job over. The receiver must get the case exactly once.
 */

const database = temporaryDatabaseAroundTests();
const redisContext = redisTestContextAroundTests('escalation-shutdown');
const ESCALATION_ID_HEADER = 'x-lac-escalation-id';

async function openCaseAndQueueIt(webhookUrl: string) {
  const config = redisContext().config({
    ESCALATION_WEBHOOK_URL: webhookUrl,
    ESCALATION_DELIVERY_ATTEMPTS: '3',
    SHUTDOWN_GRACE_MS: '300',
    // Room for the drain's wait after the grace (webhookHandBackMs: 11 s here) within the process's margin.
    SHUTDOWN_CLOSE_MARGIN_MS: '15000',
  });
  const queue = createEscalationQueue({ connection: redisContext().redis, config });
  const desk = new EscalationDesk({ store: new PgEscalationStore(database().pool), queue, webhookUrl, logger: redisContext().logger });
  const { escalation } = await desk.open({
    conversationId: `conv-${randomUUID()}`,
    jobId: `job-${randomUUID()}`,
    userId: 'visiteuse-1',
    category: 'human',
    reason: 'demande à parler à une personne',
    message: "Je veux parler à quelqu'un",
  });
  expect(await desk.dispatch(escalation)).toBe('queued');
  const readJob = async () => (await queue.getJob(escalationDeliveryJobId(escalation.id)))!;
  return { config, queue, escalation, readJob };
}

describe('escalation delivery at shutdown', () => {
  it('hands a delivery stopped before its request back unsent, and the next worker delivers the case once, no attempt used', async () => {
    const receiver = await startRecordingWebhookReceiver();
    const { config, queue, escalation, readJob } = await openCaseAndQueueIt(receiver.url);
    // The stopping worker's process and its own pool.
    const stoppingPool = createPgPool(database().connectionString, { logger: redisContext().logger });
    // The embedded database runs one session at a time: a transaction held open keeps the stopping
    // worker's read of the case waiting (a locked table, a slow database) past its grace.
    const holder = await database().pool.connect();
    await holder.query('BEGIN');
    await holder.query('SELECT 1');
    let stopping: EscalationDeliveryWorkerHandle | undefined;
    let next: EscalationDeliveryWorkerHandle | undefined;
    let holding = true;
    try {
      stopping = startEscalationDeliveryWorker({ config, store: new PgEscalationStore(stoppingPool), logger: redisContext().logger });
      await waitUntil(async () => (await readJob()).getState(), (state) => state === 'active');
      await stopping.close();
      // Handed back at the grace's end, not left active for the stall check (its lock: 30 s).
      expect(await (await readJob()).getState()).toBe('waiting');
      const stoppingPoolEnded = stoppingPool.end();

      next = startEscalationDeliveryWorker({ config, store: new PgEscalationStore(database().pool), logger: redisContext().logger });
      await holder.query('COMMIT');
      holding = false;
      const finished = await waitUntil(readJob, (job) => job.finishedOn !== undefined, 20_000);
      expect(finished.returnvalue).toMatchObject({ outcome: 'delivered', status: 'delivered' });
      // Started twice, one attempt made (the one that delivered): the hand-back used none.
      expect({ started: finished.attemptsStarted, made: finished.attemptsMade }).toEqual({ started: 2, made: 1 });
      // The stopping worker's read has ended too (its pool is closed): it sent nothing.
      await stoppingPoolEnded;
      const deliveries = receiver.receivedWith(ESCALATION_ID_HEADER, escalation.id);
      expect(deliveries.map((request) => request.headers['x-lac-delivery-attempt'])).toEqual(['1']);
      expect(await new PgEscalationStore(database().pool).findById(escalation.id)).toMatchObject({ status: 'delivered', deliveryAttempts: 1 });
    } finally {
      if (holding) await holder.query('ROLLBACK');
      holder.release();
      await next?.close();
      await stopping?.close();
      await stoppingPool.end().catch(() => undefined);
      await queue.close();
      await receiver.close();
    }
  });

  it('lets a request sent before the grace ended get its answer and records it before the worker closes: not sent again', async () => {
    // The receiver answers after 6 s: past the 5 s the other workers' jobs get after the grace.
    const receiver = await startRecordingWebhookReceiver({ answerDelaysMs: [6_000] });
    const { config, queue, escalation, readJob } = await openCaseAndQueueIt(receiver.url);
    const stoppingPool = createPgPool(database().connectionString, { logger: redisContext().logger });
    let next: EscalationDeliveryWorkerHandle | undefined;
    const stopping = startEscalationDeliveryWorker({ config, store: new PgEscalationStore(stoppingPool), logger: redisContext().logger });
    try {
      await waitUntil(async () => receiver.received.length, (count) => count === 1);
      await stopping.close();
      // Closed once the delivery is recorded, not forced while its answer was on the way.
      expect(receiver.received[0]!.answeredAt).toBeDefined();
      const job = await readJob();
      expect(await job.getState()).toBe('completed');
      expect(job.returnvalue).toMatchObject({ outcome: 'delivered', status: 'delivered' });
      await stoppingPool.end();

      next = startEscalationDeliveryWorker({ config, store: new PgEscalationStore(database().pool), logger: redisContext().logger });
      expect(await new PgEscalationStore(database().pool).findById(escalation.id)).toMatchObject({ status: 'delivered', deliveryAttempts: 1 });
      expect(receiver.receivedWith(ESCALATION_ID_HEADER, escalation.id)).toHaveLength(1);
    } finally {
      await next?.close();
      await stopping.close();
      await stoppingPool.end().catch(() => undefined);
      await queue.close();
      await receiver.close();
    }
  });
});
