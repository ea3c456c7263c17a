import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Job } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTemporaryDatabase, type TemporaryDatabase } from '../database/temporary-database.ts';
import { PgIngestStore } from './knowledge-ingest-store.ts';
import { buildMinimalPdf } from './test-support/minimal-pdf.ts';
import { HashingEmbedder } from '../local/hashing-embedder.ts';
import {
  createIngestQueue,
  createIngestQueueEvents,
  enqueueIngestFiles,
  INGEST_JOB_ATTEMPTS,
  INGEST_JOB_NAME,
  type IngestQueue,
  type IngestQueueEventsHandle,
} from './ingest-queue.ts';
import { startIngestWorker, type IngestWorkerHandle } from './ingest-worker.ts';
import { createRedisTestContext, type RedisTestContext } from '../queue/test-support/redis-test-context.ts';

let redis: RedisTestContext;
let database: TemporaryDatabase;
let workDir: string;
let queue: IngestQueue;
let events: IngestQueueEventsHandle;
let worker: IngestWorkerHandle;
const progressByJob = new Map<string, number[]>();

beforeAll(async () => {
  redis = createRedisTestContext('ingest-worker');
  database = await startTemporaryDatabase();
  workDir = await mkdtemp(path.join(os.tmpdir(), 'lac-ingest-worker-'));
  const config = redis.config({ SHUTDOWN_GRACE_MS: '2000' });
  queue = createIngestQueue({ connection: redis.redis, config });
  events = createIngestQueueEvents({ config, logger: redis.logger });
  events.events.on('progress', ({ jobId, data }) => {
    if (typeof data === 'number') progressByJob.set(jobId, [...(progressByJob.get(jobId) ?? []), data]);
  });
  await events.events.waitUntilReady();
  worker = startIngestWorker({ config, logger: redis.logger, store: new PgIngestStore(database.pool), embedder: new HashingEmbedder() });
});
afterAll(async () => {
  await worker?.close();
  await events?.close();
  await queue?.close();
  await database?.stop();
  await redis?.cleanup();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

/** Waits for the job to end; returns its final state (no throw on failure). */
async function outcome(job: Job) {
  await job.waitUntilFinished(events.events, 30_000).catch(() => undefined);
  const fresh = (await queue.getJob(String(job.id)))!;
  return { state: await fresh.getState(), returnvalue: fresh.returnvalue, failedReason: fresh.failedReason, attemptsMade: fresh.attemptsMade, progress: fresh.progress };
}

describe('ingest worker', () => {
  it('ingests one file per job, reports progress and stage logs, and fails a bad file at once with its name', async () => {
    const pdf = path.join(workDir, 'tunnel.pdf');
    await writeFile(pdf, buildMinimalPdf({ title: 'Tunnel de vente', pages: [['Un tunnel de vente avec Kajabi et des emails automatiques.'], ['Page deux.']] }));
    const markdown = path.join(workDir, 'reels.md');
    await writeFile(markdown, '---\ntitle: Reels\nagent_owner: carole\n---\nUn Reel par semaine.');
    const broken = path.join(workDir, 'cassé.md');
    await writeFile(broken, '---\ntitle: Cassé\nagent_owner: personne\n---\nTexte.');

    const jobs = await enqueueIngestFiles(
      queue,
      [
        { path: pdf, sourceKey: 'kb/tunnel.pdf' },
        { path: markdown, sourceKey: 'kb/reels.md' },
        { path: broken, sourceKey: 'kb/cassé.md' },
      ],
      { batchId: 'batch-1', embeddingModel: 'local-hashing-v4' },
    );
    expect(jobs.map((job) => job.name)).toEqual([INGEST_JOB_NAME, INGEST_JOB_NAME, INGEST_JOB_NAME]);
    expect(jobs[0]!.data).toMatchObject({ path: pdf, source_key: 'kb/tunnel.pdf', force: false, batch_id: 'batch-1', embedding_model: 'local-hashing-v4' });

    const outcomes = await Promise.all(jobs.map(outcome));
    const [pdfOutcome, markdownOutcome, brokenOutcome] = [outcomes[0]!, outcomes[1]!, outcomes[2]!];
    expect(pdfOutcome).toMatchObject({ state: 'completed', progress: 100, returnvalue: { file: 'kb/tunnel.pdf', status: 'created', chunks: 1 } });
    expect(markdownOutcome).toMatchObject({ state: 'completed', returnvalue: { file: 'kb/reels.md', status: 'created' } });
    expect(brokenOutcome).toMatchObject({ state: 'failed', attemptsMade: 1 });
    expect(brokenOutcome.failedReason).toBe('kb/cassé.md: front matter invalide : agent_owner doit valoir audrey, carole ou shared');

    const progress = progressByJob.get(String(jobs[0]!.id)) ?? [];
    expect(progress.length).toBeGreaterThanOrEqual(2);
    expect(progress.at(-1)).toBe(100);
    expect([...progress].sort((a, b) => a - b)).toEqual(progress);
    const { logs } = await queue.getJobLogs(String(jobs[0]!.id));
    expect(logs.map((line) => line.split(' ')[1])).toEqual(['reading', 'chunking', 'embedding', 'writing', 'done']);
    expect((await queue.getJobLogs(String(jobs[2]!.id))).logs.at(-1)).toContain('failed: kb/cassé.md');

    const stored = await database.pool.query<{ source_key: string; file_type: string; agent_owner: string }>(
      `SELECT source_key, file_type, agent_owner FROM documents ORDER BY source_key`,
    );
    expect(stored.rows).toEqual([
      { source_key: 'kb/reels.md', file_type: 'markdown', agent_owner: 'carole' },
      { source_key: 'kb/tunnel.pdf', file_type: 'pdf', agent_owner: 'audrey' },
    ]);

    // The same file again: unchanged, nothing embedded.
    const [again] = await enqueueIngestFiles(queue, [{ path: markdown, sourceKey: 'kb/reels.md' }]);
    expect(await outcome(again!)).toMatchObject({ state: 'completed', returnvalue: { status: 'unchanged' } });
  });

  it('refuses jobs whose data break the job catalog, and jobs expecting another embedding model', async () => {
    await expect(enqueueIngestFiles(queue, [{ path: 'relatif.md', sourceKey: 'relatif.md' }])).rejects.toThrow(/path must be absolute/);
    const malformed = await queue.add(INGEST_JOB_NAME, { path: '/tmp/x.md' } as never);
    expect(await outcome(malformed)).toMatchObject({ state: 'failed', attemptsMade: 1, failedReason: 'invalid ingest job data: it does not match the job catalog' });

    const file = path.join(workDir, 'autre.md');
    await writeFile(file, 'Texte.');
    const [mismatch] = await enqueueIngestFiles(queue, [{ path: file, sourceKey: 'autre.md' }], { embeddingModel: 'text-embedding-3-small' });
    const result = await outcome(mismatch!);
    expect(result).toMatchObject({ state: 'failed', attemptsMade: 1 });
    expect(result.failedReason).toContain('autre.md: ce worker embarque le modèle local-hashing-v4, le lot attend text-embedding-3-small');
  });

  it('hands an active job back to the queue when closed past its grace, and another worker finishes it', async () => {
    const config = redis.config({ SHUTDOWN_GRACE_MS: '100' });
    const queueName = 'ingest-shutdown';
    const otherQueue = createIngestQueue({ connection: redis.redis, config, queueName });
    const otherEvents = createIngestQueueEvents({ config, logger: redis.logger, queueName });
    await otherEvents.events.waitUntilReady();
    const local = new HashingEmbedder();
    let embeddingStarted!: () => void;
    const started = new Promise<void>((resolve) => {
      embeddingStarted = resolve;
    });
    // An embedder that never answers until aborted: the job is mid-embedding when the worker closes.
    const stuckEmbedder = {
      model: local.model,
      dimensions: local.dimensions,
      embed: (_texts: string[], signal?: AbortSignal) =>
        new Promise<never>((_, reject) => {
          embeddingStarted();
          signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
        }),
    };
    const file = path.join(workDir, 'lent.md');
    await writeFile(file, '---\ntitle: Lent\n---\nUn texte sur Instagram et les stories.');
    const stuck = startIngestWorker({ config, logger: redis.logger, store: new PgIngestStore(database.pool), embedder: stuckEmbedder, queueName });
    try {
      const [job] = await enqueueIngestFiles(otherQueue, [{ path: file, sourceKey: 'lent.md' }]);
      await started;
      await stuck.close();
      const handedBack = (await otherQueue.getJob(String(job!.id)))!;
      expect(await handedBack.getState()).toBe('waiting');
      expect(handedBack.attemptsMade).toBe(0);

      const healthy = startIngestWorker({ config, logger: redis.logger, store: new PgIngestStore(database.pool), embedder: local, queueName });
      try {
        await job!.waitUntilFinished(otherEvents.events, 30_000);
        expect((await otherQueue.getJob(String(job!.id)))!.returnvalue).toMatchObject({ file: 'lent.md', status: 'created' });
      } finally {
        await healthy.close();
      }
    } finally {
      await stuck.close();
      await otherEvents.close();
      await otherQueue.close();
    }
  });

  it('puts a job back without using an attempt while the database is down, and ingests the file once it is back', async () => {
    const config = redis.config({ INFRA_RETRY_MAX_MS: '200' });
    const queueName = 'ingest-outage';
    const outage = await startTemporaryDatabase();
    const otherQueue = createIngestQueue({ connection: redis.redis, config, queueName });
    const otherEvents = createIngestQueueEvents({ config, logger: redis.logger, queueName });
    await otherEvents.events.waitUntilReady();
    const file = path.join(workDir, 'panne.md');
    await writeFile(file, '---\ntitle: Panne\n---\nUn texte sur les emails automatiques.');
    await outage.interrupt();
    const outageWorker = startIngestWorker({ config, logger: redis.logger, store: new PgIngestStore(outage.pool), embedder: new HashingEmbedder(), queueName });
    try {
      const [job] = await enqueueIngestFiles(otherQueue, [{ path: file, sourceKey: 'panne.md' }]);
      // Put back more times than INGEST_JOB_ATTEMPTS would have allowed, and no attempt used.
      const deadline = Date.now() + 15_000;
      let during = (await otherQueue.getJob(String(job!.id)))!;
      while ((during.data.infrastructure_fault_count ?? 0) <= INGEST_JOB_ATTEMPTS && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        during = (await otherQueue.getJob(String(job!.id)))!;
      }
      expect(during.data.infrastructure_fault_count).toBeGreaterThan(INGEST_JOB_ATTEMPTS);
      expect(during.attemptsMade).toBe(0);

      await outage.resume();
      await job!.waitUntilFinished(otherEvents.events, 30_000);
      const done = (await otherQueue.getJob(String(job!.id)))!;
      expect(done.returnvalue).toMatchObject({ file: 'panne.md', status: 'created' });
      expect(done.attemptsMade).toBe(1);
    } finally {
      await outageWorker.close();
      await otherEvents.close();
      await otherQueue.close();
      await outage.stop();
    }
  });

  it('closes at once when no job runs and BullMQ\'s close hangs (as after Redis Cluster failovers), instead of waiting out the grace period', async () => {
    const config = redis.config({ SHUTDOWN_GRACE_MS: '20000' });
    const idle = startIngestWorker({ config, logger: redis.logger, store: new PgIngestStore(database.pool), embedder: new HashingEmbedder(), queueName: 'ingest-idle-close' });
    await idle.worker.waitUntilReady();
    // BullMQ's close as it behaved after failovers: it ends only when forced.
    const bullClose = idle.worker.close.bind(idle.worker);
    const forced: boolean[] = [];
    idle.worker.close = (force?: boolean) => (forced.push(force === true), force ? bullClose(true) : new Promise<void>(() => undefined));
    const started = Date.now();
    await idle.close();
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(forced).toEqual([false, true]);
  });
});
