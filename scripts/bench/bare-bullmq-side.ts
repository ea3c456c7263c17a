/**
 * `pnpm bench`'s baseline: bare BullMQ (a queue, its events and a worker whose processor returns at
 * once), driven the same way as the queued pipeline (scripts/bench/queued-pipeline-side.ts).
 */
import { Queue, QueueEvents, Worker } from 'bullmq';
import { createRedisConnection, type AppConfig, type Logger } from '@lac/core';
import { CompletionCounter, type BenchSide } from './bench-side.ts';

export async function openBareBullmqSide(options: { config: AppConfig; prefix: string; workerConcurrency: number; submitConcurrency: number; logger: Logger }): Promise<BenchSide> {
  const { config, prefix, logger } = options;
  const connection = createRedisConnection(config, { connectionName: 'bench:bare', forBullWorker: true, logger });
  const queue = new Queue('bare', { connection, prefix });
  const events = new QueueEvents('bare', { connection: createRedisConnection(config, { connectionName: 'bench:bare-events', forBullWorker: true, logger }), prefix });
  const worker = new Worker('bare', async () => 'ok', {
    connection: createRedisConnection(config, { connectionName: 'bench:bare-worker', forBullWorker: true, logger }),
    prefix,
    concurrency: options.workerConcurrency,
  });
  const completions = new CompletionCounter(worker);
  await Promise.all([worker.waitUntilReady(), events.waitUntilReady()]);

  return {
    name: 'bare BullMQ',
    async latencySample(round, index) {
      const started = performance.now();
      const job = await queue.add('noop', { round, index }, { removeOnComplete: { age: 3600 } });
      await job.waitUntilFinished(events, 30_000);
      return performance.now() - started;
    },
    throughputRound(round, messages, conversations) {
      return completions.timeRound(messages, options.submitConcurrency, (i) =>
        queue.add('noop', { i, conversation: `r${round}-c${i % conversations}` }, { removeOnComplete: { age: 3600 } }),
      );
    },
    async close() {
      await worker.close();
      await events.close();
      await queue.close();
    },
  };
}
