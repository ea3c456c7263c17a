/**
 * `pnpm bench`: the queue-backed pipeline against bare BullMQ, measured in the same run.
 *
 * Every pipeline step is an instant implementation injected through the worker's own
 * interfaces (scripts/bench/instant-steps.ts), so the figures are the cost of our queueing:
 * idempotency + rate limit + per-conversation order + events + persistence hand-off.
 *
 * Prints a table and writes bench-results/bench.json. Targets (ratios within one run): at most 50
 * Redis commands per message, latency p50 ≤ 2× bare BullMQ, throughput ≥ 0.5× bare BullMQ,
 * hand-off p50 < 3 ms. Commands are counted server-side (INFO commandstats, every master of a
 * cluster): run it against a Redis nobody else uses at the same time.
 *
 * Options: --messages N (default 5000), --conversations N (500), --sequential N (1000, after 100 warm-up),
 * --waiters N (2000), --skip-api-memory, --cluster (a local 3+3 Redis Cluster started for the run;
 * REDIS_CLUSTER_NODES is used otherwise when set). The first line says which Redis was used.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { randomUUID } from 'node:crypto';
import { Queue, QueueEvents, Worker } from 'bullmq';
import {
  type RedisClient as Redis,
  createLogger,
  loadConfig,
  RedisKeys,
  type AppConfig,
  type ChatPipeline,
  createRedisConnection,
  describeRedisTarget,
  redisTargetOf,
  createChatQueue,
  ConversationRateLimiter,
  ChatSubmitter,
  ChatJobReader,
  JobEventHub,
  startChatWorker,
  createChatPipeline,
  completedJobViewOf,
  type ChatJobView,
} from '@lac/core';
import { Cluster } from 'ioredis';
import { redisClusterToolsAvailable, startLocalRedisCluster, type LocalRedisCluster } from '@lac/core/testing';
import {
  InMemoryConversationStore,
  instantAnswerer,
  instantEmbedder,
  instantReranker,
  instantRetriever,
  instantRouter,
} from './bench/instant-steps.ts';
import { percentile, round, runWithConcurrency } from './bench/statistics.ts';
import { measureApiMemoryWithWaiters } from './bench/api-memory.ts';

const { values: options } = parseArgs({
  options: {
    messages: { type: 'string', default: '5000' },
    conversations: { type: 'string', default: '500' },
    sequential: { type: 'string', default: '1000' },
    waiters: { type: 'string', default: '2000' },
    'skip-api-memory': { type: 'boolean', default: false },
    cluster: { type: 'boolean', default: false },
  },
});
const totalMessages = Number(options.messages);
const conversationCount = Number(options.conversations);
const sequentialSamples = Number(options.sequential);
const waiterCount = Number(options.waiters);
const WORKER_CONCURRENCY = 50;
/** Sequential samples run and discarded first on both sides (JIT warm-up, connection set-up). */
const WARMUP_SAMPLES = 100;
const SUBMIT_CONCURRENCY = 100;

const logger = createLogger({ level: 'warn', name: 'bench' });
const runId = `bench-${Date.now().toString(36)}`;

/** Calls per Redis command since the server started (INFO commandstats). */
async function redisCommandCalls(redis: Redis): Promise<Map<string, number>> {
  // On a cluster, every master's figures added up (replicas only replay what masters ran).
  const nodes = redis instanceof Cluster ? redis.nodes('master') : [redis];
  const calls = new Map<string, number>();
  for (const node of nodes) {
    const info = await node.info('commandstats');
    for (const match of info.matchAll(/cmdstat_([^:]+):calls=(\d+)/g)) calls.set(match[1]!, (calls.get(match[1]!) ?? 0) + Number(match[2]));
  }
  return calls;
}

/** Commands per message between two commandstats readings, in total and per command (largest first). */
function commandsPerMessage(before: Map<string, number>, after: Map<string, number>, messages: number): { total: number; by_command: Record<string, number> } {
  const perCommand: Array<[string, number]> = [];
  let total = 0;
  for (const [command, calls] of after) {
    const delta = calls - (before.get(command) ?? 0);
    if (delta <= 0) continue;
    total += delta;
    perCommand.push([command, round(delta / messages, 2)]);
  }
  perCommand.sort((a, b) => b[1] - a[1]);
  return { total: round(total / messages, 1), by_command: Object.fromEntries(perCommand) };
}

/** Removes the run's keys (BullMQ's `{prefix}` and ours `prefix`), node by node on a cluster. */
async function deletePrefix(redis: Redis, prefix: string): Promise<void> {
  const namespace = prefix.replace(/[{}]/g, '');
  for (const node of redis instanceof Cluster ? redis.nodes('master') : [redis]) {
    for (const pattern of [`${namespace}:*`, `{${namespace}}:*`]) {
      let cursor = '0';
      do {
        const [next, keys] = await node.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
        cursor = next;
        for (const key of keys) await node.unlink(key);
      } while (cursor !== '0');
    }
  }
}

/** The same settings under another QUEUE_PREFIX (hash-tagged on a cluster, as loadConfig does). */
function withQueuePrefix(config: AppConfig, prefix: string): AppConfig {
  return { ...config, QUEUE_PREFIX: config.REDIS_CLUSTER_NODES === undefined ? prefix : `{${prefix}}` };
}

/** One side's figures: sequential latencies, the throughput run's duration and its command counts. */
function phaseResult(latencies: number[], seconds: number, commandsBefore: Map<string, number>, commandsAfter: Map<string, number>): PhaseResult {
  const commands = commandsPerMessage(commandsBefore, commandsAfter, totalMessages);
  return {
    latency_ms: { p50: round(percentile(latencies, 50)), p99: round(percentile(latencies, 99)), samples: latencies.length },
    throughput: { messages: totalMessages, seconds: round(seconds), per_second: round(totalMessages / seconds, 0) },
    redis_commands_per_message: commands.total,
    redis_commands_by_type: commands.by_command,
  };
}

interface PhaseResult {
  latency_ms: { p50: number; p99: number; samples: number };
  throughput: { messages: number; seconds: number; per_second: number };
  redis_commands_per_message: number;
  redis_commands_by_type: Record<string, number>;
}

async function benchBareBullmq(config: AppConfig, admin: Redis): Promise<PhaseResult> {
  const prefix = withQueuePrefix(config, `${runId}-bare`).QUEUE_PREFIX;
  const connection = createRedisConnection(config, { connectionName: 'bench:bare', forBullWorker: true, logger });
  const queue = new Queue('bare', { connection, prefix });
  const events = new QueueEvents('bare', { connection: createRedisConnection(config, { connectionName: 'bench:bare-events', forBullWorker: true, logger }), prefix });
  let completed = 0;
  let onAllDone: (() => void) | undefined;
  let target = Number.POSITIVE_INFINITY;
  const worker = new Worker('bare', async () => 'ok', {
    connection: createRedisConnection(config, { connectionName: 'bench:bare-worker', forBullWorker: true, logger }),
    prefix,
    concurrency: WORKER_CONCURRENCY,
  });
  worker.on('completed', () => {
    completed += 1;
    if (completed >= target) onAllDone?.();
  });
  await Promise.all([worker.waitUntilReady(), events.waitUntilReady()]);

  const latencies: number[] = [];
  for (let i = -WARMUP_SAMPLES; i < sequentialSamples; i++) {
    const started = performance.now();
    const job = await queue.add('noop', { i }, { removeOnComplete: { age: 3600 } });
    await job.waitUntilFinished(events, 30_000);
    if (i >= 0) latencies.push(performance.now() - started);
  }

  completed = 0;
  target = totalMessages;
  const done = new Promise<void>((resolve) => (onAllDone = resolve));
  const commandsBefore = await redisCommandCalls(admin);
  const started = performance.now();
  await runWithConcurrency(totalMessages, SUBMIT_CONCURRENCY, async (i) => {
    await queue.add('noop', { i, conversation: `c${i % conversationCount}` }, { removeOnComplete: { age: 3600 } });
  });
  await done;
  const seconds = (performance.now() - started) / 1000;
  const commandsAfter = await redisCommandCalls(admin);

  await worker.close();
  await events.close();
  await queue.close();
  await deletePrefix(admin, prefix);
  return phaseResult(latencies, seconds, commandsBefore, commandsAfter);
}

interface PipelineRun {
  start: number;
  end: number;
  conversationId: string;
}

async function benchQueuedPipeline(baseConfig: AppConfig, admin: Redis): Promise<PhaseResult & { handoff_ms: { p50: number; p99: number; samples: number } }> {
  const config: AppConfig = {
    ...withQueuePrefix(baseConfig, `${runId}-ours`),
    WORKER_CONCURRENCY,
    RATE_LIMIT_MESSAGES: 100_000,
    LOG_LEVEL: 'warn',
  };
  const redis = createRedisConnection(config, { connectionName: 'bench:api', logger });
  const prefix = config.QUEUE_PREFIX;
  const keys = new RedisKeys(prefix);
  const queue = createChatQueue({ connection: redis, config });
  const rateLimiter = new ConversationRateLimiter(redis, keys, { limit: config.RATE_LIMIT_MESSAGES, windowSeconds: config.RATE_LIMIT_WINDOW_SECONDS });
  const submitter = new ChatSubmitter({ redis, queue, keys, rateLimiter, config, logger });
  const conversations = new InMemoryConversationStore();
  const reader = new ChatJobReader({ queue, redis, keys, conversations });
  const hub = new JobEventHub({ config, logger, connection: redis });
  await hub.waitUntilReady();

  const runs = new Map<string, PipelineRun>();
  const inner = createChatPipeline({
    embedder: instantEmbedder,
    reranker: instantReranker,
    router: instantRouter,
    answerer: instantAnswerer,
    retriever: instantRetriever,
    conversations,
    settings: { historyMessages: 10, initialResults: 20, rerankTopN: 3, similarityThreshold: 0 },
    logger,
  });
  const pipeline: ChatPipeline = {
    async run(job, hooks) {
      const start = performance.now();
      const result = await inner.run(job, hooks);
      runs.set(job.jobId, { start, end: performance.now(), conversationId: job.data.conversation_id });
      return result;
    },
  };
  const worker = await startChatWorker({ config, pipeline, logger });

  const submitOne = async (conversationId: string, message: string) => {
    const outcome = await submitter.submit(
      { user_id: `u-${conversationId}`, conversation_id: conversationId, message },
      { requestId: randomUUID() },
    );
    if (outcome.kind !== 'accepted') throw new Error(`submit refused: ${outcome.kind}`);
    return outcome.jobId;
  };

  // Submit-to-result latency, one message at a time (the widget's submit then long-poll: as the
  // API's wait-for-job-end, the view comes from the completed event, read from Redis otherwise).
  const latencies: number[] = [];
  for (let i = -WARMUP_SAMPLES; i < sequentialSamples; i++) {
    const started = performance.now();
    const jobId = await submitOne(`seq-${(i + WARMUP_SAMPLES) % 20}`, `Message séquentiel ${i}`);
    let completedView: ChatJobView | null = null;
    const unsubscribe = hub.subscribe(jobId, (event) => {
      if (event.type === 'completed') completedView = completedJobViewOf(jobId, event.returnValue);
    });
    const outcome = await hub.waitForTerminal(jobId, 30_000);
    unsubscribe();
    const view = completedView ?? (await reader.getJobView(jobId));
    if (outcome !== 'completed' || view?.status !== 'completed') throw new Error(`job ${jobId} ended ${outcome}`);
    if (i >= 0) latencies.push(performance.now() - started);
  }

  // Throughput: totalMessages over conversationCount conversations, submitted as they come.
  const jobIds: string[] = [];
  const commandsBefore = await redisCommandCalls(admin);
  const started = performance.now();
  const finished = new Promise<void>((resolve) => {
    let remaining = totalMessages;
    worker.worker.on('completed', () => {
      remaining -= 1;
      if (remaining === 0) resolve();
    });
  });
  await runWithConcurrency(totalMessages, SUBMIT_CONCURRENCY, async (i) => {
    jobIds[i] = await submitOne(`conv-${i % conversationCount}`, `Message ${i}`);
  });
  await finished;
  const seconds = (performance.now() - started) / 1000;
  const commandsAfter = await redisCommandCalls(admin);

  // Hand-off: a conversation's next queued message starting after the previous one ends.
  // Measured on a dedicated run where workers are never the bottleneck (20 conversations × 20
  // messages, all queued while the worker is paused, so submissions do not compete with hand-offs).
  runs.clear();
  await worker.worker.pause();
  const handoffJobs: string[][] = [];
  await Promise.all(
    Array.from({ length: 20 }, async (_, c) => {
      const ids: string[] = [];
      for (let m = 0; m < 20; m++) ids.push(await submitOne(`handoff-${c}`, `Relais ${m}`));
      handoffJobs[c] = ids;
    }),
  );
  const allHandedOff = Promise.all(handoffJobs.flat().map((jobId) => hub.waitForTerminal(jobId, 60_000)));
  worker.worker.resume();
  await allHandedOff;
  const handoffs: number[] = [];
  for (const ids of handoffJobs) {
    for (let m = 1; m < ids.length; m++) {
      const previous = runs.get(ids[m - 1]!);
      const current = runs.get(ids[m]!);
      if (previous && current && current.start >= previous.end) handoffs.push(current.start - previous.end);
      else if (previous && current) throw new Error('order violated: a message started before the previous one ended');
    }
  }

  await worker.close();
  await hub.close();
  await queue.close();
  await redis.quit();
  await deletePrefix(admin, prefix);
  return {
    ...phaseResult(latencies, seconds, commandsBefore, commandsAfter),
    handoff_ms: { p50: round(percentile(handoffs, 50)), p99: round(percentile(handoffs, 99)), samples: handoffs.length },
  };
}

async function main(): Promise<void> {
  // --cluster: a local Redis Cluster (3 masters + 3 replicas) started for this run; otherwise
  // REDIS_CLUSTER_NODES or REDIS_URL as the product reads them.
  let localCluster: LocalRedisCluster | undefined;
  if (options.cluster) {
    if (!(await redisClusterToolsAvailable())) throw new Error('--cluster needs redis-server and redis-cli on this machine');
    localCluster = await startLocalRedisCluster({ masters: 3, replicasPerMaster: 1 });
  }
  const config = loadConfig(localCluster ? { ...process.env, REDIS_CLUSTER_NODES: localCluster.seeds } : process.env);
  const target = redisTargetOf(config);
  const admin = createRedisConnection(config, { connectionName: 'bench:admin', logger });
  await admin.ping();
  const firstNode = admin instanceof Cluster ? (await admin.nodes('master'))[0]! : admin;
  const redisVersion = /redis_version:(\S+)/.exec(await firstNode.info('server'))?.[1] ?? 'unknown';
  const redisUsed =
    target.kind === 'single'
      ? `single Redis ${redisVersion} (${describeRedisTarget(target)})`
      : `Redis Cluster ${redisVersion}, ${(admin as Cluster).nodes('master').length} masters (${localCluster ? 'local, started for this run' : describeRedisTarget(target)})`;
  process.stdout.write(`bench ${runId}: ${totalMessages} messages over ${conversationCount} conversations, worker concurrency ${WORKER_CONCURRENCY}, ${os.cpus().length} cores\n`);
  process.stdout.write(`Redis used: ${redisUsed}\n`);

  const bare = await benchBareBullmq(config, admin);
  const ours = await benchQueuedPipeline(config, admin);
  const apiMemory = options['skip-api-memory'] ? null : await measureApiMemoryWithWaiters({ config, waiters: waiterCount, logger });
  await admin.quit();
  await localCluster?.stop();

  const latencyRatio = round(ours.latency_ms.p50 / bare.latency_ms.p50);
  const throughputRatio = round(ours.throughput.per_second / bare.throughput.per_second);
  const targets = {
    redis_commands_per_message_at_most_50: ours.redis_commands_per_message <= 50,
    latency_p50_at_most_2x_bare: latencyRatio <= 2,
    throughput_at_least_half_bare: throughputRatio >= 0.5,
    handoff_p50_under_3ms: ours.handoff_ms.p50 < 3,
  };
  const verdict = (met: boolean) => (met ? 'ok' : 'MISSED');

  const rows: Array<[string, string, string, string]> = [
    ['measure', 'bare BullMQ', 'queued pipeline', 'ratio / target'],
    ['submit→result p50 (ms)', String(bare.latency_ms.p50), String(ours.latency_ms.p50), `${latencyRatio}× (≤ 2×) ${verdict(targets.latency_p50_at_most_2x_bare)}`],
    ['submit→result p99 (ms)', String(bare.latency_ms.p99), String(ours.latency_ms.p99), `${round(ours.latency_ms.p99 / bare.latency_ms.p99)}×`],
    ['throughput (msg/s)', String(bare.throughput.per_second), String(ours.throughput.per_second), `${throughputRatio} (≥ 0.5) ${verdict(targets.throughput_at_least_half_bare)}`],
    ['hand-off p50 / p99 (ms)', '—', `${ours.handoff_ms.p50} / ${ours.handoff_ms.p99}`, `< 3 ms ${verdict(targets.handoff_p50_under_3ms)}`],
    ['Redis commands / message', String(bare.redis_commands_per_message), String(ours.redis_commands_per_message), `${round(ours.redis_commands_per_message / bare.redis_commands_per_message)}× (≤ 50) ${verdict(targets.redis_commands_per_message_at_most_50)}`],
  ];
  if (apiMemory) {
    rows.push([
      `API memory, ${apiMemory.waiters} long-polls`,
      '—',
      `+${apiMemory.rss_delta_mb} MB RSS (+${apiMemory.heap_delta_mb} MB heap)`,
      `${apiMemory.bytes_per_waiter} B / waiter`,
    ]);
  }
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  for (const row of rows) process.stdout.write(`${row.map((cell, column) => cell.padEnd(widths[column]!)).join('  ')}\n`);

  const report = {
    run_id: runId,
    at: new Date().toISOString(),
    machine: { cores: os.cpus().length, node: process.version, redis: redisVersion, redis_used: redisUsed },
    settings: { messages: totalMessages, conversations: conversationCount, sequential_samples: sequentialSamples, worker_concurrency: WORKER_CONCURRENCY, submit_concurrency: SUBMIT_CONCURRENCY },
    bare_bullmq: bare,
    queued_pipeline: ours,
    ratios: { latency_p50: latencyRatio, throughput: throughputRatio },
    api_memory: apiMemory,
    targets,
  };
  mkdirSync('bench-results', { recursive: true });
  writeFileSync(path.join('bench-results', 'bench.json'), `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write('wrote bench-results/bench.json\n');
  process.exit(0);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
});
