import { setMaxListeners } from 'node:events';
import { hostname } from 'node:os';
import { drainWorker, WorkerShuttingDownError } from '../jobs/drain-worker.ts';
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import type { AppConfig } from '../config/config.ts';
import type { ChatResult } from '../contract/chat-schemas.ts';
import { AppError } from '../errors/app-error.ts';
import { DependencyFaultLog } from '../logging/dependency-fault-log.ts';
import { SecretRedactor, secretValuesOf } from '../logging/secret-redaction.ts';
import { parseJobData, type ChatJobData } from '../jobs/job-catalog.ts';
import type { Logger } from '../logging/logger.ts';
import type { ChatPipeline } from '../pipeline/pipeline-contract.ts';
import { createRedisConnection, type RedisClient } from '../redis/redis-connection.ts';
import { RedisKeys } from '../redis/redis-keys.ts';
import { createChatBackoffStrategy } from './backoff-strategy.ts';
import { CHAT_JOB_NAME, createChatQueue } from './chat-queue.ts';
import { ConversationGate, type GateEntry } from './conversation-gate.ts';
import { ConversationOrder } from './conversation-order.ts';
import { putBackOnInfrastructureFault } from '../jobs/infrastructure-put-back.ts';
import { LinkedAbortController } from '../jobs/linked-abort-controller.ts';
import { handJobBackAtShutdown } from '../jobs/job-shutdown.ts';
import { encodeFailureReason, failureCodeOf, JobDeadlineExceededError, JobEndedError } from './job-failure.ts';
import { ProgressPublisher } from './progress-publisher.ts';
import { FetchWatchdog } from './fetch-watchdog.ts';
import { startOrphanedPickupSweeper, type OrphanedPickupSweeper } from './orphaned-pickups.ts';
import { logWorkerErrorsQuietly } from '../logging/queue-error-events.ts';
import { quitOrDisconnect } from '../redis/quit-or-disconnect.ts';

export type ChatWorkerConfig = Pick<
  AppConfig,
  | 'REDIS_URL'
  | 'REDIS_CLUSTER_NODES'
  | 'QUEUE_PREFIX'
  | 'CHAT_QUEUE_NAME'
  | 'WORKER_CONCURRENCY'
  | 'JOB_ATTEMPTS'
  | 'JOB_BACKOFF_BASE_MS'
  | 'JOB_BACKOFF_MAX_MS'
  | 'JOB_DEADLINE_MS'
  | 'STALL_WINDOW_MS'
  | 'COMPLETED_JOB_RETENTION_SECONDS'
  | 'FAILED_JOB_RETENTION_SECONDS'
  | 'SHUTDOWN_GRACE_MS'
  | 'INFRA_OUTAGE_TOLERANCE_SECONDS'
  | 'INFRA_RETRY_MAX_MS'
  | 'WORKER_FETCH_STUCK_SECONDS'
>;

export interface ChatWorkerHandle {
  worker: Worker<ChatJobData, ChatResult, typeof CHAT_JOB_NAME>;
  /** Graceful drain: no new jobs, active ones finish (up to SHUTDOWN_GRACE_MS), connections closed. */
  close(): Promise<void>;
}

/** Times a stalled job may be put back before it fails (each stall is a worker lost mid-job). */
export const MAX_STALLED_COUNT = 3;
/** The reason every ended job's left-over calls are aborted with: one instance (an Error's stack costs µs a job). */
const JOB_ENDED = new JobEndedError();
/** How often the fetch watchdog looks at the queue (one LLEN on the queue's connection). */
const FETCH_CHECK_INTERVAL_MS = 10_000;
/** How often the worker looks for its own pickups whose reply was lost (orphaned-pickups.ts). */
const ORPHANED_PICKUP_CHECK_MS = 5_000;
/** Progress (partial_reply) updates at most this often while the answer streams. */
export const PROGRESS_INTERVAL_MS = 50;


/**
 * The chat worker: a BullMQ Worker whose processor parses the job (job catalog), waits for its
 * turn in the conversation (ConversationGate), runs the pipeline under the job's deadline while
 * streaming the answer into job progress, then hands the conversation to the next message.
 */
export function startChatWorker(options: {
  config: ChatWorkerConfig;
  pipeline: ChatPipeline;
  logger: Logger;
  /** A connection made with `forBullWorker: true`; not closed by close(). One is created otherwise. */
  connection?: RedisClient;
  /** Secret values scrubbed from the failure text stored on failed jobs (default: the configured ones). */
  secrets?: readonly string[];
  /**
   * Called once when the worker has taken no job for WORKER_FETCH_STUCK_SECONDS while jobs waited
   * and it had free slots (fetch-watchdog.ts). Unset: logged only.
   */
  onFetchStuck?: (details: { waitingJobs: number; sinceLastPickupMs: number }) => void;
}): ChatWorkerHandle {
  const { config, pipeline } = options;
  const logger = options.logger.child({ component: 'chat-worker' });
  const ownsConnection = options.connection === undefined;
  const connection =
    options.connection ??
    createRedisConnection(config, { connectionName: 'lac:worker', forBullWorker: true, logger });
  const redactor = new SecretRedactor(options.secrets ?? secretValuesOf(process.env as Partial<AppConfig>));
  const keys = new RedisKeys(config.QUEUE_PREFIX);
  const queue = createChatQueue({ connection, config });
  const order = new ConversationOrder(connection, keys);
  const gate = new ConversationGate(order, queue, connection, config.STALL_WINDOW_MS, logger);
  const shutdown = new AbortController();
  // Every active job's signal listens to the shutdown signal: as many listeners as the concurrency.
  setMaxListeners(0, shutdown.signal);
  // One line when jobs start meeting a Redis/database outage, a summary per interval, one at recovery.
  const infrastructureFaults = new DependencyFaultLog(logger, { component: 'chat-worker', fault: 'infrastructure' });

  async function processChatJob(job: Job<ChatJobData, ChatResult, typeof CHAT_JOB_NAME>, token?: string, cancel?: AbortSignal) {
    const jobId = String(job.id);
    const pickupToken = token ?? '';
    let data: ChatJobData;
    try {
      data = parseJobData(CHAT_JOB_NAME, job.data);
    } catch (error) {
      logger.error({ jobId, err: error instanceof Error ? error.message : String(error) }, 'malformed chat job data');
      throw new UnrecoverableError(encodeFailureReason('invalid_job_data', 'job data does not match the job catalog'));
    }
    const conversationId = data.conversation_id;
    const entry: GateEntry = await gate.enter(job, pickupToken, conversationId);
    // The job's child logger is made on first use: a child costs a serialization of its bindings,
    // wasted on the usual path when info lines are off.
    let jobLoggerMade: Logger | undefined;
    const jobLogger = () => (jobLoggerMade ??= logger.child({ jobId, conversationId, requestId: data.request_id, attempt: job.attemptsMade + 1 }));
    if (entry.kind === 'withdrawn') {
      // Its creation timed out and landed late: the visitor was answered 503 and its retry is a
      // message of its own. Running it would answer the message twice, out of order.
      jobLogger().warn('job taken back by the API after its creation failed, created late anyway: not run');
      throw new UnrecoverableError(encodeFailureReason('withdrawn', 'the API answered 503 and took this message back; its job was created late'));
    }
    if (entry.kind === 'already-finished') jobLogger().warn('job not in its conversation order (re-run of a finished job, or removed as dead): running without holding the conversation');

    // Aborted by the job's deadline, the worker's shutdown or BullMQ's cancellation of the job.
    const jobAbort = new LinkedAbortController([shutdown.signal, cancel]);
    let deadlineExceeded: JobDeadlineExceededError | undefined;
    const timer = setTimeout(() => jobAbort.abort((deadlineExceeded = new JobDeadlineExceededError(config.JOB_DEADLINE_MS))), config.JOB_DEADLINE_MS);
    const { signal } = jobAbort;
    const publisher = new ProgressPublisher((progress) => job.updateProgress(progress), PROGRESS_INTERVAL_MS);
    const startedAt = Date.now();
    try {
      const result = await pipeline.run(
        { jobId, data, attempt: job.attemptsMade + 1 },
        { onDelta: (delta) => publisher.push(delta), signal },
      );
      await publisher.flush().catch((error: unknown) => jobLogger().warn({ err: String(error) }, 'final progress update failed'));
      if (entry.kind === 'run') await gate.leave(conversationId, jobId, pickupToken, entry.nextAtPickup);
      if (logger.isLevelEnabled('info')) jobLogger().info({ durationMs: Date.now() - startedAt, agent: result.agent }, 'chat job completed');
      infrastructureFaults.recovery('chat jobs run again: infrastructure back');
      return result;
    } catch (caught) {
      // Keep every piece of text already written: a stream that broke after its first token ends
      // as a failed job whose partial_reply shows what the visitor saw (never a second answer).
      await publisher.flush().catch((error: unknown) => jobLogger().warn({ err: String(error) }, 'final progress update failed'));
      if (shutdown.signal.aborted && deadlineExceeded === undefined) {
        // Shutdown grace elapsed: hand the job back now (no attempt used); it stays its conversation's head.
        jobLogger().warn('handing the job back: worker shutting down');
        return await handJobBackAtShutdown(job, pickupToken);
      }
      // Redis or the database is away: not the job's fault. Put it back without using an attempt,
      // still the head of its conversation (no release: the messages behind it keep waiting).
      const infrastructure = deadlineExceeded
        ? ({ kind: 'not-infrastructure' } as const)
        : await putBackOnInfrastructureFault({
            job,
            token: pickupToken,
            error: caught,
            config,
            faults: infrastructureFaults,
            message: 'chat jobs put back: infrastructure unavailable',
          });
      if (infrastructure.kind === 'outage-too-long') {
        const { fault, outageMs, toleranceMs } = infrastructure;
        jobLogger().error({ dependency: fault.dependency, outageMs, toleranceMs }, 'chat job failed: outage longer than the tolerance');
        if (entry.kind === 'run') await gate.leave(conversationId, jobId, pickupToken, entry.nextAtPickup);
        throw new UnrecoverableError(
          encodeFailureReason(
            'dependency_unavailable',
            redactor.redact(`${fault.dependency} unavailable for ${Math.round(outageMs / 1000)} s (tolerance ${Math.round(toleranceMs / 1000)} s): ${fault.reason}`),
          ),
        );
      }
      const error = deadlineExceeded ?? caught;
      const unrecoverable =
        (error instanceof AppError && !error.retryable) || error instanceof UnrecoverableError || (error as Error)?.name === 'UnrecoverableError';
      const finalAttempt = unrecoverable || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      const message = error instanceof Error ? error.message : String(error);
      jobLogger().warn({ err: message, unrecoverable, finalAttempt, durationMs: Date.now() - startedAt }, 'chat job attempt failed');
      if (finalAttempt && entry.kind === 'run') await gate.leave(conversationId, jobId, pickupToken, entry.nextAtPickup);
      const reason = encodeFailureReason(failureCodeOf(error), redactor.redact(message));
      if (unrecoverable) throw new UnrecoverableError(reason);
      throw new Error(reason, { cause: error });
    } finally {
      clearTimeout(timer);
      // Calls the job started and left running (an embedding no reply needed) end with it, as they
      // did when the worker's shutdown still reached them; this also unhooks the job from shutdown.
      jobAbort.abort(JOB_ENDED);
      if (entry.kind === 'run') gate.processingEnded(jobId);
    }
  }

  // What the fetch watchdog reads: jobs this process is running, and when it last took one.
  let jobsRunning = 0;
  let lastPickupAt = Date.now();
  // Set right after the Worker is made, before it can hand a job to this processor.
  let orphanedPickups!: OrphanedPickupSweeper;
  const countedProcessor: typeof processChatJob = async (job, token, cancel) => {
    jobsRunning += 1;
    lastPickupAt = Date.now();
    orphanedPickups.started(String(job.id));
    try {
      return await processChatJob(job, token, cancel);
    } finally {
      jobsRunning -= 1;
      orphanedPickups.ended(String(job.id));
    }
  };

  const worker = new Worker<ChatJobData, ChatResult, typeof CHAT_JOB_NAME>(config.CHAT_QUEUE_NAME, countedProcessor, {
    connection,
    prefix: config.QUEUE_PREFIX,
    // Stored on each job it takes (`processedBy`): bull-board and the fault suite tell which process runs a job.
    name: `${hostname()}:${process.pid}`,
    concurrency: config.WORKER_CONCURRENCY,
    lockDuration: config.STALL_WINDOW_MS,
    stalledInterval: Math.max(250, Math.floor(config.STALL_WINDOW_MS / 2)),
    maxStalledCount: MAX_STALLED_COUNT,
    settings: { backoffStrategy: createChatBackoffStrategy(config) },
  });

  orphanedPickups = startOrphanedPickupSweeper({ worker, queue, connection, checkEveryMs: ORPHANED_PICKUP_CHECK_MS, logger });
  logWorkerErrorsQuietly(worker, logger, { component: 'chat-worker' });
  worker.on('failed', (job, error) => {
    // Failures decided outside the processor (stalled too many times) leave the job at the head of
    // its conversation: unblock it. A no-op when the processor already released it.
    if (!job) return;
    const conversationId = (job.data as { conversation_id?: unknown } | undefined)?.conversation_id;
    if (typeof conversationId !== 'string') return;
    void (async () => {
      try {
        if ((await job.getState()) === 'failed') await gate.healIfHead(conversationId, String(job.id));
      } catch (healError) {
        logger.warn({ jobId: job.id, err: String(healError), failure: error?.message }, 'could not unblock the conversation of a failed job');
      }
    })();
  });

  const fetchWatchdog = new FetchWatchdog({
    hasFreeSlot: () => jobsRunning < config.WORKER_CONCURRENCY,
    lastPickupAt: () => lastPickupAt,
    waitingJobs: () => queue.getWaitingCount(),
    isPaused: async () => worker.isPaused() || (await queue.isPaused()),
    stuckAfterMs: config.WORKER_FETCH_STUCK_SECONDS * 1000,
    checkEveryMs: FETCH_CHECK_INTERVAL_MS,
    onStuck: (details) => {
      logger.error(details, 'chat worker takes no job although jobs wait and it has free slots: its connection to the queue is stuck');
      options.onFetchStuck?.(details);
    },
  });
  fetchWatchdog.start();

  let closing: Promise<void> | undefined;
  async function close(): Promise<void> {
    fetchWatchdog.stop();
    orphanedPickups.stop();
    closing ??= (async () => {
      logger.info({ graceMs: config.SHUTDOWN_GRACE_MS }, 'chat worker draining');
      await drainWorker({ worker, graceMs: config.SHUTDOWN_GRACE_MS, shutdown, reason: new WorkerShuttingDownError(), logger, activeJobs: () => jobsRunning });
      await gate.close();
      await queue.close();
      if (ownsConnection) await quitOrDisconnect(connection);
      logger.info('chat worker closed');
    })();
    return closing;
  }

  return { worker, close };
}
