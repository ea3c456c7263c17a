import { randomUUID } from 'node:crypto';
import { Job, type QueueEvents } from 'bullmq';
import { enqueueIngestFiles, type IngestJobResult, type IngestQueue } from './ingest-queue.ts';
import type { IngestFileResult } from './ingest-service.ts';

/**
 * Ingestion through the `ingest` queue, producer side: enqueues one job per file, follows them
 * (QueueEvents for progress and ends, plus a slower poll that catches anything the events
 * missed) and returns one result per file in the files' order, whoever processed them: an
 * in-process worker, or other processes' workers. Files that do not exist are reported at once
 * and not enqueued.
 */

export interface QueuedFile {
  /** Absolute path, as the workers see it. */
  file: string;
  sourceKey: string;
  /** Set when the path could not be found: reported as failed, not enqueued. */
  missing?: string;
}

export interface QueuedIngestionProgress {
  total: number;
  /** Files finished (ingested, unchanged or failed). */
  done: number;
  /** 0 to 1 over the whole batch, partial progress of running jobs included. */
  fraction: number;
  /** The most recently active file. */
  current?: string;
}

export interface QueuedIngestionOptions {
  queue: IngestQueue;
  /** QueueEvents of the same queue, on a connection of its own (createIngestQueueEvents). */
  events: QueueEvents;
  files: readonly QueuedFile[];
  force?: boolean;
  /** The producer's embedding model: workers with another one refuse the jobs. */
  embeddingModel?: string;
  batchId?: string;
  onProgress?(progress: QueuedIngestionProgress): void;
  onFileDone?(result: IngestFileResult, done: number, total: number): void;
  /** Aborting stops waiting (the jobs stay in the queue). */
  signal?: AbortSignal;
  /** How often unfinished jobs are re-read in case an event was missed (default 2 s). */
  pollIntervalMs?: number;
}

/** Largest number of jobs re-read per poll. */
const JOBS_PER_POLL = 200;

export async function runQueuedIngestion(options: QueuedIngestionOptions): Promise<IngestFileResult[]> {
  const { queue, events, files } = options;
  const total = files.length;
  const results: Array<IngestFileResult | undefined> = new Array(total);
  const percentByIndex = new Map<number, number>();
  const indexByJobId = new Map<string, number>();
  let done = 0;
  let current: string | undefined;

  const emitProgress = () => {
    const partial = [...percentByIndex.entries()].filter(([index]) => results[index] === undefined).reduce((sum, [, percent]) => sum + percent / 100, 0);
    options.onProgress?.({ total, done, fraction: total === 0 ? 1 : Math.min(1, (done + partial) / total), ...(current === undefined ? {} : { current }) });
  };
  let finish!: () => void;
  const finished = new Promise<void>((resolve) => {
    finish = resolve;
  });
  const record = (index: number, result: IngestFileResult) => {
    if (results[index] !== undefined) return;
    results[index] = result;
    done += 1;
    options.onFileDone?.(result, done, total);
    emitProgress();
    if (done === total) finish();
  };

  /** Reads the job and records it when it is finished for good (a failed attempt being retried is not). */
  const settle = async (jobId: string) => {
    const index = indexByJobId.get(jobId);
    if (index === undefined || results[index] !== undefined) return;
    const sourceKey = files[index]!.sourceKey;
    // State first: a job read before it ended would lack its result or failure reason.
    const state = await queue.getJobState(jobId);
    const job = (await Job.fromId(queue, jobId)) as Job<unknown, IngestJobResult> | undefined;
    if (!job || state === 'unknown') {
      record(index, { file: sourceKey, status: 'failed', error: `${sourceKey}: la tâche ${jobId} a disparu de la file` });
      return;
    }
    if (typeof job.progress === 'number' && job.progress > 0) percentByIndex.set(index, job.progress);
    if (state === 'completed') record(index, job.returnvalue ?? { file: sourceKey, status: 'failed', error: `${sourceKey}: pas de résultat` });
    else if (state === 'failed') record(index, { file: sourceKey, status: 'failed', error: job.failedReason || `${sourceKey}: échec` });
  };
  const settleQuietly = (jobId: string) => void settle(jobId).catch(() => undefined);

  const onProgress = ({ jobId, data }: { jobId: string; data: unknown }) => {
    const index = indexByJobId.get(jobId);
    if (index === undefined || typeof data !== 'number') return;
    percentByIndex.set(index, data);
    current = files[index]!.sourceKey;
    emitProgress();
  };
  const onEnd = ({ jobId }: { jobId: string }) => settleQuietly(jobId);
  events.on('progress', onProgress);
  events.on('completed', onEnd);
  events.on('failed', onEnd);
  let poll: NodeJS.Timeout | undefined;
  let pollOffset = 0;
  try {
    await events.waitUntilReady();
    files.forEach((entry, index) => {
      if (entry.missing !== undefined) record(index, { file: entry.sourceKey, status: 'failed', error: `${entry.sourceKey}: ${entry.missing}` });
    });
    const toEnqueue = files.map((entry, index) => ({ entry, index })).filter(({ entry }) => entry.missing === undefined);
    const jobs = await enqueueIngestFiles(
      queue,
      toEnqueue.map(({ entry }) => ({ path: entry.file, sourceKey: entry.sourceKey })),
      {
        force: options.force ?? false,
        batchId: options.batchId ?? randomUUID(),
        ...(options.embeddingModel === undefined ? {} : { embeddingModel: options.embeddingModel }),
      },
    );
    jobs.forEach((job, position) => indexByJobId.set(String(job.id), toEnqueue[position]!.index));
    emitProgress();
    if (done === total) return results as IngestFileResult[];
    // Jobs may have finished before their ids were known: read them all once, then poll the unfinished.
    for (const jobId of indexByJobId.keys()) settleQuietly(jobId);
    poll = setInterval(() => {
      const unfinished = [...indexByJobId.entries()].filter(([, index]) => results[index] === undefined).map(([jobId]) => jobId);
      if (unfinished.length === 0) return;
      pollOffset %= unfinished.length;
      for (const jobId of [...unfinished, ...unfinished].slice(pollOffset, pollOffset + Math.min(JOBS_PER_POLL, unfinished.length))) settleQuietly(jobId);
      pollOffset += JOBS_PER_POLL;
    }, options.pollIntervalMs ?? 2_000);
    await new Promise<void>((resolve, reject) => {
      if (options.signal?.aborted) return reject(options.signal.reason);
      const onAbort = () => reject(options.signal!.reason);
      options.signal?.addEventListener('abort', onAbort, { once: true });
      void finished.then(() => {
        options.signal?.removeEventListener('abort', onAbort);
        resolve();
      });
    });
    return results as IngestFileResult[];
  } finally {
    if (poll) clearInterval(poll);
    events.off('progress', onProgress);
    events.off('completed', onEnd);
    events.off('failed', onEnd);
  }
}
