import { Queue } from 'bullmq';
import type { RedisClient } from '../redis/redis-connection.ts';
import type { AppConfig } from '../config/config.ts';
import type { Logger } from '../logging/logger.ts';
import { createRedisConnection } from '../redis/redis-connection.ts';
import { logQueueErrorsQuietly } from '../logging/queue-error-events.ts';
import { KeyedListeners } from '../redis/keyed-listeners.ts';
import { DependencyFaultLog } from '../logging/dependency-fault-log.ts';
import { quitOrDisconnect } from '../redis/quit-or-disconnect.ts';
import { JobEventStream, streamFieldOf } from './job-event-stream.ts';

/**
 * Job events of the chat queue for one API process.
 *
 * ONE subscription per process: a single blocking XREAD on the queue's events stream
 * (JobEventStream, resumed from its last id after a reconnect, so no event is lost across a short
 * outage). Events are fanned out in memory to per-job listeners; a waiter costs a Map entry and a
 * timer, never a Redis command, so thousands of long-polls and SSE streams are cheap. Every API
 * process reads every job's events: an entry whose job nobody watches here is dropped after one
 * look at its job id (no event object, no parse of its result or progress).
 */

export type JobEvent =
  /** Back to waiting/delayed (e.g. waiting behind an earlier message of its conversation, or a retry). */
  | { type: 'queued'; jobId: string }
  | { type: 'active'; jobId: string }
  /** The answer so far (the worker's job progress). */
  | { type: 'progress'; jobId: string; partialReply?: string }
  /** `returnValue`: the job's result as the event carries it (read it with completedJobViewOf). */
  | { type: 'completed'; jobId: string; returnValue?: unknown }
  | { type: 'failed'; jobId: string; failedReason?: string }
  /** Taken out of Redis before it ended (the visitor erased the conversation): nothing more will come. */
  | { type: 'removed'; jobId: string };

export type JobEventListener = (event: JobEvent) => void;

/** Why waitForTerminal resolved. 'missing': no such job in Redis (unknown id or past retention). */
export type TerminalWaitOutcome = 'completed' | 'failed' | 'timeout' | 'aborted' | 'missing';

export type JobEventHubConfig = Pick<AppConfig, 'REDIS_URL' | 'REDIS_CLUSTER_NODES' | 'QUEUE_PREFIX' | 'CHAT_QUEUE_NAME'>;

export class JobEventHub {
  private readonly listeners: KeyedListeners<JobEvent>;
  private readonly eventsConnection: RedisClient;
  private readonly readConnection: RedisClient;
  private readonly ownsReadConnection: boolean;
  private readonly events: JobEventStream;
  private readonly queue: Queue;
  private readonly logger: Logger;
  /** Failed state reads while Redis is away: logged once, then summed up per interval. */
  private readonly stateReadFaults: DependencyFaultLog;
  private closed = false;
  private readonly pendingWaiters = new Set<() => void>();

  constructor(options: {
    config: JobEventHubConfig;
    logger: Logger;
    /** Defaults to config's REDIS_CLUSTER_NODES or REDIS_URL. */
    redisUrl?: string;
    /** A command connection to share for state reads (not closed by the hub); one is created otherwise. */
    connection?: RedisClient;
  }) {
    const { config, logger } = options;
    const url = options.redisUrl ?? config;
    this.logger = logger;
    this.listeners = new KeyedListeners<JobEvent>((error, jobId) =>
      logger.error({ jobId, err: error instanceof Error ? error.message : String(error) }, 'job event listener threw'),
    );
    this.stateReadFaults = new DependencyFaultLog(logger, { component: 'job-event-hub' });
    this.eventsConnection = createRedisConnection(url, { connectionName: 'lac:api:job-events', forBullWorker: true, logger });
    this.ownsReadConnection = options.connection === undefined;
    this.readConnection = options.connection ?? createRedisConnection(url, { connectionName: 'lac:api:job-event-reads', logger });
    this.queue = new Queue(config.CHAT_QUEUE_NAME, { connection: this.readConnection, prefix: config.QUEUE_PREFIX });
    this.events = new JobEventStream(this.eventsConnection, this.queue.keys.events!, (fields) => this.onStreamEntry(fields), logger);
    this.events.start();

    logQueueErrorsQuietly(this.queue, undefined, { component: 'job-event-hub' });
  }

  /** Resolves once the subscription is established (events published before may be missed: read state after). */
  async waitUntilReady(): Promise<void> {
    await this.events.waitUntilReady();
  }

  /** Number of jobs with at least one listener (metrics, tests). */
  get watchedJobCount(): number {
    return this.listeners.keyCount;
  }

  subscribe(jobId: string, listener: JobEventListener): () => void {
    return this.listeners.add(jobId, listener);
  }

  /**
   * Resolves when the job completes or fails, when it is removed ('missing'), when `timeoutMs`
   * elapses, or when `signal` aborts.
   * Registers first, then reads the job's state once (a job that ended before the call resolves at
   * once). The caller re-reads the job afterwards.
   */
  waitForTerminal(jobId: string, timeoutMs: number, signal?: AbortSignal): Promise<TerminalWaitOutcome> {
    return new Promise<TerminalWaitOutcome>((resolve) => {
      let settled = false;
      let timer: NodeJS.Timeout | undefined;
      const onAbort = () => finish('aborted');
      const finish = (outcome: TerminalWaitOutcome) => {
        if (settled) return;
        settled = true;
        this.pendingWaiters.delete(onAbort);
        if (timer) clearTimeout(timer);
        unsubscribe();
        signal?.removeEventListener('abort', onAbort);
        resolve(outcome);
      };
      const unsubscribe = this.subscribe(jobId, (event) => {
        if (event.type === 'completed' || event.type === 'failed') finish(event.type);
        else if (event.type === 'removed') finish('missing');
      });
      if (this.closed) return finish('aborted');
      if (signal?.aborted) return finish('aborted');
      this.pendingWaiters.add(onAbort);
      signal?.addEventListener('abort', onAbort, { once: true });
      timer = setTimeout(() => finish('timeout'), Math.max(0, timeoutMs));
      this.queue
        .getJobState(jobId)
        .then((state) => {
          this.stateReadFaults.recovery('job state reads work again');
          if (state === 'completed' || state === 'failed') finish(state);
          else if (state === 'unknown') finish('missing');
        })
        .catch((error: unknown) => {
          // Keep waiting for the event; the timeout bounds the wait.
          this.stateReadFaults.failure(error, 'job state read failed');
        });
    });
  }

  /**
   * One entry of the events stream. Every API process reads every job's events; most jobs have no
   * waiter here (another replica serves their visitor, or nobody waits): their events are not even
   * built (no parse of the result).
   */
  private onStreamEntry(fields: string[]): void {
    const jobId = streamFieldOf(fields, 'jobId');
    if (jobId === undefined || !this.listeners.has(jobId)) return;
    const event = jobEventOf(streamFieldOf(fields, 'event'), jobId, fields);
    if (event) this.listeners.emit(jobId, event);
  }

  /** Ends the subscription; pending waiters resolve 'aborted', listeners are dropped. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const abortWaiter of [...this.pendingWaiters]) abortWaiter();
    this.listeners.clear();
    // A subscription has nothing to flush: its socket is dropped, which ends the blocked read (a QUIT
    // would wait behind it, and for a Redis that is away).
    // The read is told first (close() marks it closed at once): a watchdog reconnect under way must
    // not open the connection again once it has ended.
    const readEnded = this.events.close(EVENTS_CLOSE_WAIT_MS);
    this.eventsConnection.disconnect();
    await readEnded;
    await this.queue.close();
    if (this.ownsReadConnection) await quitOrDisconnect(this.readConnection);
  }
}

/** How long close() waits for the read loop to end once its connection is dropped. */
const EVENTS_CLOSE_WAIT_MS = 1_000;

/**
 * The hub's event for one stream entry of a watched job (BullMQ's events: `active`, `waiting`,
 * `delayed`, `progress` with its JSON `data`, `completed` with its JSON `returnvalue`, `failed`
 * with `failedReason`, `removed`); null for the others (`added`, `drained`, `stalled`, …).
 */
function jobEventOf(name: string | undefined, jobId: string, fields: readonly string[]): JobEvent | null {
  switch (name) {
    case 'active':
      return { type: 'active', jobId };
    case 'waiting':
    case 'delayed':
      return { type: 'queued', jobId };
    case 'progress': {
      const data = parsedJson(streamFieldOf(fields, 'data'));
      const partial = typeof data === 'object' && data !== null ? (data as { partial_reply?: unknown }).partial_reply : undefined;
      return { type: 'progress', jobId, partialReply: typeof partial === 'string' ? partial : undefined };
    }
    case 'completed':
      return { type: 'completed', jobId, returnValue: parsedJson(streamFieldOf(fields, 'returnvalue')) };
    case 'failed':
      return { type: 'failed', jobId, failedReason: streamFieldOf(fields, 'failedReason') };
    case 'removed':
      return { type: 'removed', jobId };
    default:
      return null;
  }
}

/** The stream carries results and progress as JSON text. */
function parsedJson(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
