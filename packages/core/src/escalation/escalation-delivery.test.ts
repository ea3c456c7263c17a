import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { startTemporaryDatabase } from '../database/temporary-database.ts';
import { createLogger } from '../logging/logger.ts';
import { EscalationDesk } from './escalation-desk.ts';
import { ESCALATION_SIGNATURE_HEADER, signEscalationBody, verifyEscalationSignature } from './escalation-signature.ts';
import { startEscalationService, type EscalationService } from './escalation-service.ts';
import type { NewEscalation } from './escalation-record.ts';
import { PgEscalationStore } from './pg-escalation-store.ts';
import { waitUntil } from '../testing/wait-until.ts';
import { createEscalationQueue, escalationDeliveryJobId } from './escalation-queue.ts';
import { temporaryDatabaseAroundTests, redisTestContextAroundTests } from '../testing/resources-around-tests.ts';
import { captureLogLines } from '../testing/captured-log-lines.ts';

const SECRET = 'test-webhook-secret';

interface ReceivedRequest {
  headers: IncomingMessage['headers'];
  body: string;
  answeredWith: number;
}

/**
 * A local webhook receiver: each case's requests (by X-Lac-Escalation-Id) get the scripted statuses
 * in turn, then 200; every request is recorded.
 */
async function startWebhookReceiver(statuses: number[]) {
  const requestsPerCase = new Map<string, number>();
  const received: ReceivedRequest[] = [];
  const waiters: Array<() => void> = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const id = String(request.headers['x-lac-escalation-id']);
      const seen = requestsPerCase.get(id) ?? 0;
      requestsPerCase.set(id, seen + 1);
      const status = statuses[seen] ?? 200;
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8'), answeredWith: status });
      response.writeHead(status, { 'content-type': 'application/json' }).end('{}');
      for (const waiter of waiters.splice(0)) waiter();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/escalations`,
    received,
    async waitFor(count: number, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      while (received.length < count) {
        if (Date.now() > deadline) throw new Error(`webhook got ${received.length} of ${count} requests`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 200);
        });
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const newCase = (overrides: Partial<NewEscalation> = {}): NewEscalation => ({
  conversationId: `conv-${randomUUID()}`,
  jobId: `job-${randomUUID()}`,
  userId: 'visiteuse-1',
  category: 'billing',
  reason: 'remboursement demandé',
  message: "Je veux être remboursée, c'est inadmissible",
  ...overrides,
});

const database = temporaryDatabaseAroundTests();
const redisContext = redisTestContextAroundTests('escalations');
const store = () => new PgEscalationStore(database().pool);

describe('PgEscalationStore', () => {
  it('opens one case per job id, however many times it is called', async () => {
    const input = newCase({ message: `${'é'.repeat(600)} fin` });
    const results = await Promise.all([store().open(input), store().open(input), store().open(input)]);
    expect(results.filter((result) => result.created)).toHaveLength(1);
    expect(new Set(results.map((result) => result.escalation.id)).size).toBe(1);
    const { escalation } = results[0]!;
    expect(escalation).toMatchObject({ status: 'open', deliveryAttempts: 0, category: 'billing', conversationId: input.conversationId });
    expect(Array.from(escalation.messageExcerpt)).toHaveLength(500);
    const count = await database().pool.query('SELECT count(*)::int AS n FROM escalations WHERE job_id = $1', [input.jobId]);
    expect(count.rows[0]).toEqual({ n: 1 });
  });

  it('records attempts, moves open -> delivered -> closed, and lists by status', async () => {
    const { escalation } = await store().open(newCase());
    const failed = await store().recordDeliveryAttempt(escalation.id, { delivered: false, error: 'HTTP 503' });
    expect(failed).toMatchObject({ status: 'open', deliveryAttempts: 1, lastDeliveryError: 'HTTP 503' });
    const delivered = await store().recordDeliveryAttempt(escalation.id, { delivered: true });
    expect(delivered).toMatchObject({ status: 'delivered', deliveryAttempts: 2, lastDeliveryError: null });
    expect(delivered?.deliveredAt).not.toBeNull();
    expect((await store().list({ status: 'delivered', limit: 1000 })).map((row) => row.id)).toContain(escalation.id);
    expect((await store().list({ status: 'open', limit: 1000 })).map((row) => row.id)).not.toContain(escalation.id);
    expect(await store().close(escalation.id)).toMatchObject({ status: 'closed' });
    expect(await store().findById('not-a-uuid')).toBeNull();
    expect(await store().close(randomUUID())).toBeNull();
  });
});

describe('escalation signature', () => {
  it('verifies what it signs, and rejects a changed body, another secret, an old timestamp', () => {
    const body = '{"a":1}';
    const header = signEscalationBody(SECRET, body, 1_700_000_000);
    expect(header).toMatch(/^t=1700000000,v1=[0-9a-f]{64}$/);
    expect(verifyEscalationSignature(header, body, SECRET, { nowSeconds: 1_700_000_010 })).toEqual({ valid: true, timestampSeconds: 1_700_000_000 });
    expect(verifyEscalationSignature(header, '{"a":2}', SECRET, { nowSeconds: 1_700_000_010 })).toMatchObject({ reason: 'mismatch' });
    expect(verifyEscalationSignature(header, body, 'other', { nowSeconds: 1_700_000_010 })).toMatchObject({ reason: 'mismatch' });
    expect(verifyEscalationSignature(header, body, SECRET, { nowSeconds: 1_700_001_000 })).toMatchObject({ reason: 'expired' });
    expect(verifyEscalationSignature('garbage', body, SECRET)).toMatchObject({ reason: 'malformed' });
    expect(verifyEscalationSignature(undefined, body, SECRET)).toMatchObject({ reason: 'missing' });
  });
});

describe('delivery through the escalations queue to a webhook', () => {
  let service: EscalationService | undefined;
  afterAll(async () => service?.close());

  it('retries when the receiver fails (503, then 200) and delivers a validly signed case once', async () => {
    const receiver = await startWebhookReceiver([503]);
    try {
      service = await startEscalationService({
        config: redisContext().config({
          ESCALATION_WEBHOOK_URL: receiver.url,
          ESCALATION_WEBHOOK_SECRET: SECRET,
          ESCALATION_DELIVERY_ATTEMPTS: '5',
          ESCALATION_DELIVERY_BACKOFF_MS: '50',
        }),
        store: store(),
        logger: redisContext().logger,
      });
      const input = newCase({ category: 'human', reason: 'demande à parler à une personne', message: "Je veux parler à quelqu'un" });
      const { escalation } = await service.desk.open(input);
      expect(await service.desk.dispatch(escalation)).toBe('queued');
      // A second dispatch of the same case (a re-run of the job) adds no second delivery.
      expect(await service.desk.dispatchForJob(input.jobId)).toBe('queued');

      const delivered = await waitUntil(() => store().findById(escalation.id), (row) => row?.status === 'delivered');
      expect(delivered).toMatchObject({ status: 'delivered', deliveryAttempts: 2 });
      const ofThisCase = () => receiver.received.filter((request) => request.headers['x-lac-escalation-id'] === escalation.id);
      expect(ofThisCase().map((request) => request.answeredWith)).toEqual([503, 200]);

      for (const [index, request] of ofThisCase().entries()) {
        const verification = verifyEscalationSignature(request.headers[ESCALATION_SIGNATURE_HEADER.toLowerCase()] as string, request.body, SECRET);
        expect(verification.valid).toBe(true);
        expect(request.headers['x-lac-escalation-id']).toBe(escalation.id);
        expect(request.headers['x-lac-delivery-attempt']).toBe(String(index + 1));
        const body = JSON.parse(request.body);
        expect(body).toMatchObject({
          type: 'escalation.created',
          delivery: { attempt: index + 1 },
          escalation: { id: escalation.id, conversation_id: input.conversationId, job_id: input.jobId, category: 'human', message_excerpt: input.message },
        });
      }
      // Delivered cases are not delivered again by a later dispatch.
      expect(await service.desk.dispatchForJob(input.jobId)).toBe('not_open');
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(ofThisCase()).toHaveLength(2);
      // Cases stored earlier without a webhook (never attempted) were dispatched when the service started.
      const pendingBefore = await store().list({ status: 'open', limit: 1000 });
      expect(pendingBefore.filter((row) => row.deliveryAttempts === 0)).toEqual([]);
    } finally {
      await receiver.close();
    }
  });
});

describe('delivery while the database is down', () => {
  it('puts the delivery back without using an attempt, and delivers the case once the database is back', async () => {
    const outage = await startTemporaryDatabase();
    const outageStore = new PgEscalationStore(outage.pool);
    const receiver = await startWebhookReceiver([]);
    // One attempt only: before this, the first refused connection failed the delivery for good.
    const config = redisContext().config({ ESCALATION_WEBHOOK_URL: receiver.url, ESCALATION_DELIVERY_ATTEMPTS: '1', INFRA_RETRY_MAX_MS: '200' });
    const outageService = await startEscalationService({ config, store: outageStore, logger: redisContext().logger });
    const queue = createEscalationQueue({ connection: redisContext().redis, config });
    try {
      const { escalation } = await outageService.desk.open(newCase());
      await outage.interrupt();
      expect(await outageService.desk.dispatch(escalation)).toBe('queued');
      const readJob = () => queue.getJob(escalationDeliveryJobId(escalation.id));
      const during = await waitUntil(readJob, (job) => (job?.data.infrastructure_fault_count ?? 0) >= 3);
      expect(during!.attemptsMade).toBe(0);
      expect(receiver.received).toHaveLength(0);

      await outage.resume();
      const delivered = await waitUntil(() => outageStore.findById(escalation.id), (row) => row?.status === 'delivered');
      expect(delivered).toMatchObject({ status: 'delivered', deliveryAttempts: 1 });
      expect(receiver.received.map((request) => request.headers['x-lac-escalation-id'])).toEqual([escalation.id]);
      expect(await (await readJob())!.getState()).toBe('completed');
    } finally {
      await outageService.close();
      await queue.close();
      await receiver.close();
      await outage.stop();
    }
  });
});

describe('without ESCALATION_WEBHOOK_URL', () => {
  it('stores the case, leaves it open, and warns once', async () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk, _encoding, callback) {
        lines.push(String(chunk));
        callback();
      },
    });
    const logger = createLogger({ level: 'warn', destination });
    const desk = new EscalationDesk({ store: store(), queue: null, webhookUrl: undefined, logger });
    for (let index = 0; index < 3; index += 1) {
      const { escalation } = await desk.open(newCase());
      expect(await desk.dispatch(escalation)).toBe('not_configured');
      expect((await store().findById(escalation.id))?.status).toBe('open');
    }
    expect(lines.filter((line) => line.includes('ESCALATION_WEBHOOK_URL is not set'))).toHaveLength(1);
  });
});

describe('escalation worker queue errors', () => {
  it('ends the fault with the next delivered case: a cluster failover leaves the connection ready, no `ready` event', async () => {
    const receiver = await startWebhookReceiver([]);
    const { logger, lines } = captureLogLines('info');
    const service = await startEscalationService({
      config: redisContext().config({ ESCALATION_WEBHOOK_URL: receiver.url, ESCALATION_WEBHOOK_SECRET: SECRET }),
      store: store(),
      logger,
    });
    try {
      // What BullMQ re-emits while a cluster master fails over ("Too many Cluster redirections").
      service.delivery!.worker.emit('error', new Error('Too many Cluster redirections. Last error: ReplyError: CLUSTERDOWN'));
      const { escalation } = await service.desk.open(newCase());
      expect(await service.desk.dispatch(escalation)).toBe('queued');
      await receiver.waitFor(1, 30_000);
      const recovered = await waitUntil(async () => lines.find((line) => line.msg === 'worker recovered'), (line) => line !== undefined, 30_000);
      expect(recovered).toMatchObject({ component: 'escalation-worker' });
    } finally {
      await service.close();
      await receiver.close();
    }
  });
});
