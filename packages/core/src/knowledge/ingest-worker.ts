import { logQueueErrorsQuietly } from '../logging/queue-error-events.ts';
import { setMaxListeners } from 'node:events';
import { drainWorker, WorkerShuttingDownError } from '../jobs/drain-worker.ts';
import { UnrecoverableError, Worker } from 'bullmq';
import { DependencyFaultLog } from '../logging/dependency-fault-log.ts';
import { putBackOnInfrastructureFault, type InfrastructurePutBackConfig } from '../jobs/infrastructure-put-back.ts';
import { handJobBackAtShutdown } from '../jobs/job-shutdown.ts';
import type { RedisClient as Redis } from '../redis/redis-connection.ts';
import type { Embedder, KnowledgeStore } from '../capabilities/capabilities.ts';
import type { AppConfig } from '../config/config.ts';
import { parseJobData, type IngestJobData } from '../jobs/job-catalog.ts';
import { failureMessageOf, ingestFile, refreshStoreStatistics, type FileProgress } from './ingest-service.ts';
import { KnowledgeFileError } from './knowledge-file-error.ts';
import type { Logger } from '../logging/logger.ts';
import { createRedisConnection } from '../redis/redis-connection.ts';
import { INGEST_JOB_NAME, INGEST_QUEUE_NAME, type IngestJob, type IngestJobResult } from './ingest-queue.ts';
import { quitOrDisconnect } from '../redis/quit-or-disconnect.ts';

export type IngestWorkerConfig = Pick<
  AppConfig,
  'REDIS_URL' | 'REDIS_CLUSTER_NODES' | 'QUEUE_PREFIX' | 'COMPLETED_JOB_RETENTION_SECONDS' | 'FAILED_JOB_RETENTION_SECONDS' | 'SHUTDOWN_GRACE_MS'
> &
  InfrastructurePutBackConfig;

export interface IngestWorkerHandle {
  worker: Worker<IngestJobData, IngestJobResult, typeof INGEST_JOB_NAME>;
  /** Graceful drain: no new jobs, active ones finish (up to SHUTDOWN_GRACE_MS, then handed back), connection closed if owned. */
  close(): Promise<void>;
}

/** Files ingested at once per worker: reading a PDF and the local embedder use the CPU. */
export const DEFAULT_INGEST_CONCURRENCY = 2;
/** A job whose worker stops renewing its lock this long is handed to another worker. */
export const INGEST_LOCK_DURATION_MS = 60_000;
/** Job progress (0–100) is written at most this often, plus at every stage change. */
const PROGRESS_INTERVAL_MS = 200;


/** Sequential, throttled job.updateProgress (a number 0–100) plus one job.log line per stage. */
class IngestProgressWriter {
  private chain: Promise<void> = Promise.resolve();
  private lastPercent = -1;
  private lastStage = '';
  private lastWrittenAt = 0;

  constructor(private readonly job: IngestJob) {}

  push(progress: FileProgress): void {
    const percent = Math.min(100, Math.max(0, Math.round(progress.fraction * 100)));
    const stageChanged = progress.stage !== this.lastStage;
    const now = Date.now();
    if (!stageChanged && (percent === this.lastPercent || now - this.lastWrittenAt < PROGRESS_INTERVAL_MS)) return;
    this.lastPercent = percent;
    this.lastWrittenAt = now;
    const line = stageChanged ? stageLine(progress) : null;
    this.lastStage = progress.stage;
    this.chain = this.chain.then(async () => {
      await this.job.updateProgress(percent).catch(() => undefined);
      if (line !== null) await this.job.log(line).catch(() => undefined);
    });
  }

  async flush(): Promise<void> {
    await this.chain;
  }
}

function stageLine(progress: FileProgress): string {
  const chunks = progress.chunksTotal === undefined ? '' : ` (${progress.chunksEmbedded ?? 0}/${progress.chunksTotal} chunks)`;
  return `${new Date().toISOString()} ${progress.stage}${chunks}`;
}

/**
 * The ingest worker: a BullMQ Worker on the `ingest` queue whose processor parses the job (job
 * catalog), checks that its embedder is the model the producer expects, ingests the file
 * (ingest-service's ingestFile) and reports progress. A bad file (KnowledgeFileError) fails the
 * job at once with its message (which names the file); other errors are retried. After the queue
 * drains, planner statistics are refreshed if anything was written.
 */
export function startIngestWorker(options: {
  config: IngestWorkerConfig;
  logger: Logger;
  /** PgIngestStore (knowledge/knowledge-ingest-store.ts) also re-embeds unchanged files embedded by another model. */
  store: KnowledgeStore;
  embedder: Embedder;
  /** A connection made with `forBullWorker: true`; not closed by close(). One is created otherwise. */
  connection?: Redis;
  concurrency?: number;
  queueName?: string;
}): IngestWorkerHandle {
  const { config, store, embedder } = options;
  const logger = options.logger.child({ component: 'ingest-worker' });
  const ownsConnection = options.connection === undefined;
  const connection =
    options.connection ?? createRedisConnection(config, { connectionName: 'lac:ingest-worker', forBullWorker: true, logger });
  const queueName = options.queueName ?? INGEST_QUEUE_NAME;
  const shutdown = new AbortController();
  setMaxListeners(0, shutdown.signal);
  let writesSinceStatistics = 0;
  const infrastructureFaults = new DependencyFaultLog(logger, { component: 'ingest-worker', fault: 'infrastructure' });

  async function processIngestJob(job: IngestJob, token?: string, cancel?: AbortSignal): Promise<IngestJobResult> {
    let data: IngestJobData;
    try {
      data = parseJobData(INGEST_JOB_NAME, job.data);
    } catch (error) {
      logger.error({ jobId: job.id, err: error instanceof Error ? error.message : String(error) }, 'malformed ingest job data');
      throw new UnrecoverableError('invalid ingest job data: it does not match the job catalog');
    }
    const jobLogger = logger.child({ jobId: job.id, file: data.source_key, batchId: data.batch_id, attempt: job.attemptsMade + 1 });
    if (data.embedding_model !== undefined && data.embedding_model !== embedder.model) {
      throw new UnrecoverableError(
        `${data.source_key}: ce worker embarque le modèle ${embedder.model}, le lot attend ${data.embedding_model} (mêmes clés API partout ?)`,
      );
    }
    const progress = new IngestProgressWriter(job);
    const signal = AbortSignal.any([shutdown.signal, ...(cancel ? [cancel] : [])]);
    const startedAt = Date.now();
    try {
      const result = await ingestFile(data.path, data.source_key, {
        store,
        embedder,
        force: data.force,
        signal,
        onFileProgress: (update) => progress.push(update),
      });
      await progress.flush();
      if (result.status !== 'unchanged') writesSinceStatistics += result.chunks ?? 0;
      jobLogger.info({ status: result.status, chunks: result.chunks, durationMs: Date.now() - startedAt }, 'ingest job completed');
      return result;
    } catch (error) {
      await progress.flush();
      if (shutdown.signal.aborted) {
        jobLogger.warn('handing the ingest job back: worker shutting down');
        return await handJobBackAtShutdown(job, token);
      }
      // The database or Redis is away: no attempt used, the file is ingested when it is back.
      const infrastructure = await putBackOnInfrastructureFault({ job, token, error, config, faults: infrastructureFaults, message: 'ingest jobs put back: infrastructure unavailable' });
      if (infrastructure.kind === 'outage-too-long') {
        jobLogger.error({ dependency: infrastructure.fault.dependency, outageMs: infrastructure.outageMs }, 'ingest job failed: outage longer than the tolerance');
        throw new UnrecoverableError(`${data.source_key}: ${infrastructure.fault.dependency} unavailable for ${Math.round(infrastructure.outageMs / 1000)} s: ${infrastructure.fault.reason}`);
      }
      const message = error instanceof Error ? error.message : String(error);
      if (error instanceof KnowledgeFileError) {
        jobLogger.warn({ err: message }, 'knowledge file not ingested');
        await job.log(`${new Date().toISOString()} failed: ${message}`).catch(() => undefined);
        throw new UnrecoverableError(message);
      }
      jobLogger.warn({ err: message, durationMs: Date.now() - startedAt }, 'ingest job attempt failed');
      throw new Error(failureMessageOf(data.source_key, error), { cause: error });
    }
  }

  // Jobs this process runs now: an idle worker whose BullMQ close hangs is forced (drain-worker.ts).
  let jobsRunning = 0;
  const countedProcessor: typeof processIngestJob = async (job, token, cancel) => {
    jobsRunning += 1;
    try {
      return await processIngestJob(job, token, cancel);
    } finally {
      jobsRunning -= 1;
    }
  };

  const worker = new Worker<IngestJobData, IngestJobResult, typeof INGEST_JOB_NAME>(queueName, countedProcessor, {
    connection,
    prefix: config.QUEUE_PREFIX,
    concurrency: options.concurrency ?? DEFAULT_INGEST_CONCURRENCY,
    lockDuration: INGEST_LOCK_DURATION_MS,
  });
  logQueueErrorsQuietly(worker, logger, { component: 'ingest-worker' });
  worker.on('completed', () => infrastructureFaults.recovery('ingest jobs run again: infrastructure back'));
  worker.on('drained', () => {
    if (writesSinceStatistics === 0) return;
    writesSinceStatistics = 0;
    refreshStoreStatistics(store).catch((error: unknown) => logger.warn({ err: String(error) }, 'could not refresh planner statistics'));
  });

  let closing: Promise<void> | undefined;
  async function close(): Promise<void> {
    closing ??= (async () => {
      await drainWorker({ worker, graceMs: config.SHUTDOWN_GRACE_MS, shutdown, reason: new WorkerShuttingDownError(), logger, activeJobs: () => jobsRunning });
      if (writesSinceStatistics > 0) await refreshStoreStatistics(store).catch(() => undefined);
      if (ownsConnection) await quitOrDisconnect(connection);
      logger.info('ingest worker closed');
    })();
    return closing;
  }

  return { worker, close };
}
