/**
 * `pnpm bench`: the queue-backed pipeline against bare BullMQ, measured in the same run.
 *
 * Every pipeline step is an instant implementation injected through the worker's own
 * interfaces (scripts/bench/instant-steps.ts), so the figures are the cost of our queueing:
 * idempotency + rate limit + per-conversation order + events + persistence hand-off.
 * Both sides first run discarded warm-up (100 sequential samples, then --warmup-rounds throughput
 * rounds, default 1: the JIT has optimised the hot paths of both sides, as in a worker that has run
 * for a while), then are measured in alternating rounds (--rounds, default 3): each round
 * takes its share of the sequential samples and the whole throughput workload on each side, bare
 * first in even rounds and ours first in odd ones, so that a machine whose speed drifts during the
 * run weighs on both alike. Latency percentiles pool every round's samples; the throughput ratio is
 * the median of the rounds' ratios.
 *
 * Prints a table and writes bench-results/bench.json. Targets (ratios within one run): at most 50
 * Redis commands per message, latency p50 ≤ 2× bare BullMQ, throughput ≥ 0.5× bare BullMQ,
 * hand-off p50 < 3 ms, printed with the hand-off round's own throughput: with N conversations
 * taking turns, each gets one every N / throughput, which bounds the hand-off from below.
 * Beside them, the CPU time per message in the throughput rounds of this process (both sides run
 * in it and keep it busy there) and of the Redis server (INFO cpu): the two share the machine's
 * cores, so the throughput ratio follows the inverse ratio of their sum, and cutting only this
 * process's share gains little once Redis is busy most of the time.
 * Commands are counted server-side (INFO commandstats, every master of a cluster): run it
 * against a Redis nobody else uses at the same time.
 *
 * Options: --messages N (default 5000), --conversations N (500), --sequential N (1000 in all, after 100 warm-up),
 * --rounds N (3), --warmup-rounds N (1, 0: none), --handoff-conversations N (20: conversations handing off at once),
 * --waiters N (2000), --skip-api-memory, --cluster (a local 3+3 Redis Cluster started for the run;
 * REDIS_CLUSTER_NODES is used otherwise when set), --queue-only (a diagnostic: the queued side's
 * pipeline answers every message after the first with a copy of the first result, so the figures
 * are the queue machinery's alone, without the pipeline's local steps; see
 * scripts/bench/queued-pipeline-side.ts; the targets are judged without it). The first lines say
 * which Redis was used and whether the run was queue-only.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { type RedisClient as Redis, createLogger, loadConfig, type AppConfig, createRedisConnection, describeRedisTarget, redisTargetOf } from '@lac/core';
import { Cluster } from 'ioredis';
import { redisClusterToolsAvailable, startLocalRedisCluster, type LocalRedisCluster } from '@lac/core/testing';
import { percentile, round } from './bench/statistics.ts';
import { measureApiMemoryWithWaiters } from './bench/api-memory.ts';
import { addCommandDelta, commandsPerMessage, deletePrefix, redisCommandCalls, redisCpuSeconds, type CommandCalls } from './bench/redis-commands.ts';
import type { BenchSide } from './bench/bench-side.ts';
import { openBareBullmqSide } from './bench/bare-bullmq-side.ts';
import { openQueuedPipelineSide } from './bench/queued-pipeline-side.ts';

const { values: options } = parseArgs({
  options: {
    messages: { type: 'string', default: '5000' },
    conversations: { type: 'string', default: '500' },
    sequential: { type: 'string', default: '1000' },
    rounds: { type: 'string', default: '3' },
    'warmup-rounds': { type: 'string', default: '1' },
    'handoff-conversations': { type: 'string', default: '20' },
    waiters: { type: 'string', default: '2000' },
    'skip-api-memory': { type: 'boolean', default: false },
    cluster: { type: 'boolean', default: false },
    'queue-only': { type: 'boolean', default: false },
  },
});
const totalMessages = Number(options.messages);
const conversationCount = Number(options.conversations);
const sequentialSamples = Number(options.sequential);
const waiterCount = Number(options.waiters);
const rounds = Math.max(1, Number(options.rounds));
const warmupRounds = Math.max(0, Number(options['warmup-rounds']));
const handoffConversations = Math.max(1, Number(options['handoff-conversations']));
const WORKER_CONCURRENCY = 50;
/** Sequential samples run and discarded first on both sides (JIT warm-up, connection set-up). */
const WARMUP_SAMPLES = 100;
const SUBMIT_CONCURRENCY = 100;

const logger = createLogger({ level: 'warn', name: 'bench' });
const runId = `bench-${Date.now().toString(36)}`;

/** The same settings under another QUEUE_PREFIX (hash-tagged on a cluster, as loadConfig does). */
function withQueuePrefix(config: AppConfig, prefix: string): AppConfig {
  return { ...config, QUEUE_PREFIX: config.REDIS_CLUSTER_NODES === undefined ? prefix : `{${prefix}}` };
}

interface PhaseResult {
  latency_ms: { p50: number; p99: number; samples: number };
  throughput: { messages: number; seconds: number; per_second: number; per_second_by_round: number[] };
  /** Node CPU (this process: submitter, worker and events) per message in the throughput rounds. */
  cpu_us_per_message: number;
  /** Redis server CPU (every master) per message in the throughput rounds: the other process the machine's cores are shared with. */
  redis_cpu_us_per_message: number;
  redis_commands_per_message: number;
  redis_commands_by_type: Record<string, number>;
}

/** What one side collects over the rounds. */
class SideFigures {
  readonly latencies: number[] = [];
  readonly roundSeconds: number[] = [];
  /** This process's CPU time (user + system, µs) spent in each throughput round: both sides run in it. */
  readonly roundCpuMicros: number[] = [];
  /** The Redis server's CPU time (µs) in each throughput round. */
  readonly roundRedisCpuMicros: number[] = [];
  readonly commands: CommandCalls = new Map();

  perSecondByRound(): number[] {
    return this.roundSeconds.map((seconds) => totalMessages / seconds);
  }

  result(): PhaseResult {
    const commands = commandsPerMessage(this.commands, totalMessages * this.roundSeconds.length);
    const seconds = this.roundSeconds.reduce((sum, value) => sum + value, 0);
    return {
      latency_ms: { p50: round(percentile(this.latencies, 50)), p99: round(percentile(this.latencies, 99)), samples: this.latencies.length },
      throughput: {
        messages: totalMessages * this.roundSeconds.length,
        seconds: round(seconds),
        per_second: round(percentile(this.perSecondByRound(), 50), 0),
        per_second_by_round: this.perSecondByRound().map((value) => round(value, 0)),
      },
      cpu_us_per_message: round(this.roundCpuMicros.reduce((sum, value) => sum + value, 0) / (totalMessages * this.roundCpuMicros.length), 0),
      redis_cpu_us_per_message: round(this.roundRedisCpuMicros.reduce((sum, value) => sum + value, 0) / (totalMessages * this.roundRedisCpuMicros.length), 0),
      redis_commands_per_message: commands.total,
      redis_commands_by_type: commands.by_command,
    };
  }
}

/**
 * Both sides measured in alternating rounds (bare first in even rounds, ours first in odd ones):
 * a machine that speeds up or slows down during the run weighs on both alike. Each round: the
 * round's share of sequential samples on each side, then the whole throughput workload on each side.
 */
async function measureInRounds(admin: Redis, bare: BenchSide, ours: BenchSide): Promise<{ bare: SideFigures; ours: SideFigures }> {
  const figures = new Map<BenchSide, SideFigures>([
    [bare, new SideFigures()],
    [ours, new SideFigures()],
  ]);
  // Warm-up (JIT, connection set-up), discarded: sequential samples, then whole throughput rounds.
  // Without the rounds, the first measured round also timed V8 optimising each side's hot paths,
  // which weighs more on the side that runs more code.
  for (const side of [bare, ours]) for (let i = 0; i < WARMUP_SAMPLES; i++) await side.latencySample(-1, i);
  for (let w = 0; w < warmupRounds; w++) for (const side of [bare, ours]) await side.throughputRound(-1 - w, totalMessages, conversationCount);
  const samplesPerRound = Math.ceil(sequentialSamples / rounds);
  for (let r = 0; r < rounds; r++) {
    const order = r % 2 === 0 ? [bare, ours] : [ours, bare];
    for (const side of order) {
      for (let i = 0; i < samplesPerRound; i++) figures.get(side)!.latencies.push(await side.latencySample(r, i));
    }
    for (const side of order) {
      const before = await redisCommandCalls(admin);
      const redisCpuBefore = await redisCpuSeconds(admin);
      const cpuBefore = process.cpuUsage();
      figures.get(side)!.roundSeconds.push(await side.throughputRound(r, totalMessages, conversationCount));
      const cpu = process.cpuUsage(cpuBefore);
      figures.get(side)!.roundCpuMicros.push(cpu.user + cpu.system);
      figures.get(side)!.roundRedisCpuMicros.push(((await redisCpuSeconds(admin)) - redisCpuBefore) * 1e6);
      addCommandDelta(figures.get(side)!.commands, before, await redisCommandCalls(admin));
    }
  }
  return { bare: figures.get(bare)!, ours: figures.get(ours)! };
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
  process.stdout.write(`bench ${runId}: ${totalMessages} messages over ${conversationCount} conversations per side and round, ${rounds} alternating rounds after ${warmupRounds} warm-up round(s), worker concurrency ${WORKER_CONCURRENCY}, ${os.cpus().length} cores\n`);
  process.stdout.write(`Redis used: ${redisUsed}\n`);
  const queueOnly = options['queue-only'];
  if (queueOnly) process.stdout.write('queue only (diagnostic): the queued side returns a copy of its first result, without the pipeline\'s local steps; not the measure of the targets\n');

  const barePrefix = withQueuePrefix(config, `${runId}-bare`).QUEUE_PREFIX;
  const oursConfig: AppConfig = { ...withQueuePrefix(config, `${runId}-ours`), WORKER_CONCURRENCY, RATE_LIMIT_MESSAGES: 100_000, LOG_LEVEL: 'warn' };
  const bareSide = await openBareBullmqSide({ config, prefix: barePrefix, workerConcurrency: WORKER_CONCURRENCY, submitConcurrency: SUBMIT_CONCURRENCY, logger });
  const oursSide = await openQueuedPipelineSide({ config: oursConfig, submitConcurrency: SUBMIT_CONCURRENCY, logger, queueOnly });
  const measured = await measureInRounds(admin, bareSide, oursSide);
  const handoffRun = await oursSide.handoffs(handoffConversations);
  const handoffs = handoffRun.gaps;
  await bareSide.close();
  await oursSide.close();
  await deletePrefix(admin, barePrefix);
  await deletePrefix(admin, oursConfig.QUEUE_PREFIX);
  const bare = measured.bare.result();
  // Every conversation waits its turn among the others: at R messages a second, each of the N gets
  // one every N / R seconds, and a hand-off is that period minus the message's own run.
  const turnEveryMs = (handoffConversations * 1000) / handoffRun.messagesPerSecond;
  const ours = {
    ...measured.ours.result(),
    handoff_ms: { p50: round(percentile(handoffs, 50)), p99: round(percentile(handoffs, 99)), samples: handoffs.length, messages_per_second: round(handoffRun.messagesPerSecond, 0), turn_every_ms: round(turnEveryMs) },
  };
  // Throughput ratio: the median of each round's ratio (both sides ran back to back in that round).
  const roundRatios = measured.ours.perSecondByRound().map((perSecond, r) => perSecond / measured.bare.perSecondByRound()[r]!);
  const apiMemory = options['skip-api-memory'] ? null : await measureApiMemoryWithWaiters({ config, waiters: waiterCount, logger });
  await admin.quit();
  await localCluster?.stop();

  const latencyRatio = round(ours.latency_ms.p50 / bare.latency_ms.p50);
  const throughputRatio = round(percentile(roundRatios, 50));
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
    ['throughput (msg/s, median round)', String(bare.throughput.per_second), String(ours.throughput.per_second), `${throughputRatio} (≥ 0.5) ${verdict(targets.throughput_at_least_half_bare)}`],
    ['throughput ratio by round', '—', '—', roundRatios.map((ratio) => round(ratio)).join(' / ')],
    ['Node CPU per message (µs)', String(bare.cpu_us_per_message), String(ours.cpu_us_per_message), `${round(bare.cpu_us_per_message / ours.cpu_us_per_message)} (bare / ours)`],
    ['Redis CPU per message (µs)', String(bare.redis_cpu_us_per_message), String(ours.redis_cpu_us_per_message), `${round(bare.redis_cpu_us_per_message / ours.redis_cpu_us_per_message)} (bare / ours)`],
    [`hand-off p50 / p99 (ms), ${handoffConversations} conv.`, '—', `${ours.handoff_ms.p50} / ${ours.handoff_ms.p99}`, `< 3 ms ${verdict(targets.handoff_p50_under_3ms)}`],
    [`hand-off round: msg/s, turn every (ms)`, '—', `${ours.handoff_ms.messages_per_second}, ${ours.handoff_ms.turn_every_ms}`, `${handoffConversations} conv. / throughput`],
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
    settings: { queue_only: queueOnly, messages_per_round: totalMessages, rounds, warmup_rounds: warmupRounds, handoff_conversations: handoffConversations, conversations: conversationCount, sequential_samples: sequentialSamples, worker_concurrency: WORKER_CONCURRENCY, submit_concurrency: SUBMIT_CONCURRENCY },
    bare_bullmq: bare,
    queued_pipeline: ours,
    ratios: { latency_p50: latencyRatio, throughput: throughputRatio, throughput_by_round: roundRatios.map((ratio) => round(ratio)) },
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
