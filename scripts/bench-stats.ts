/**
 * `pnpm bench:stats`: the owner's dashboard queries at a year of data. Generates 60,000 messages
 * (30,000 visitor messages and their answers, over 365 days) on each engine — the embedded PGlite
 * and, when reachable, a real Postgres (TEST_POSTGRES_URL, default postgres://postgres@127.0.0.1:5432/postgres,
 * where a throwaway database is created and dropped) — then prints:
 *
 * - EXPLAIN of each stats query over the last 30 days: the scans of its plan (an index on every table);
 * - `admin_stats` over 30 days, median of 15 runs, against a baseline measured in the same run: the
 *   same call with index scans disabled (what the queries would cost without migration 0011's indexes);
 * - `GET /admin/stats?range=30d` over HTTP (the real route, with Redis's counters and live state),
 *   median and p95 of 15 requests, beside the 200 ms target. Printed, not asserted.
 *
 * Options: --exchanges N (default 30000). Writes bench-results/bench-stats.json.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { Queue } from 'bullmq';
import pg from 'pg';
import { createLogger, createOwnerStats, PgStatsStore, runMigrations } from '@lac/core';
import { startTemporaryDatabase } from '@lac/core/testing';
import { Redis } from 'ioredis';
import { createOwnerDashboardApp } from '../services/api/src/admin/owner-dashboard/owner-dashboard-app.ts';
import { explainStatsQueries, type QueryPlanSummary } from './bench-stats/explain-stats-queries.ts';
import { generateYearOfMessages } from './bench-stats/generate-year-of-messages.ts';
import { percentile, round } from './bench/statistics.ts';

const { values: options } = parseArgs({ options: { exchanges: { type: 'string', default: '30000' } } });
const exchanges = Number(options.exchanges);
const RUNS = 15;
const logger = createLogger({ level: 'warn', name: 'bench-stats' });
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

interface EngineResult {
  engine: string;
  messages: number;
  plans: QueryPlanSummary[];
  sqlMedianMs: number;
  sqlWithoutIndexesMedianMs: number;
  httpMedianMs: number;
  httpP95Ms: number;
}

async function timeRuns(runs: number, task: () => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  await task(); // warm-up
  for (let run = 0; run < runs; run++) {
    const startedAt = performance.now();
    await task();
    times.push(performance.now() - startedAt);
  }
  return times;
}

async function medianOfAdminStats(pool: pg.Pool, from: Date, to: Date, indexes: boolean): Promise<number> {
  const client = await pool.connect();
  try {
    const toggle = indexes ? 'on' : 'off';
    await client.query(`SET enable_indexscan = ${toggle}; SET enable_indexonlyscan = ${toggle}; SET enable_bitmapscan = ${toggle}`);
    const times = await timeRuns(RUNS, () => client.query('SELECT admin_stats($1, $2, $3)', [from, to, 'Europe/Paris']));
    await client.query('RESET enable_indexscan; RESET enable_indexonlyscan; RESET enable_bitmapscan');
    return percentile(times, 50);
  } finally {
    client.release();
  }
}

let jsonBytes = 0;

async function measureHttp(pool: pg.Pool): Promise<number[]> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const prefix = `bench-stats-${randomBytes(4).toString('hex')}`;
  const queue = new Queue('chat', { connection: redis, prefix });
  const ownerStats = createOwnerStats({
    config: { QUEUE_PREFIX: prefix, DAILY_BUDGET_USD: 2, BUDGET_RESERVATION_TTL_MS: 300_000, DASHBOARD_TIME_ZONE: 'Europe/Paris' },
    redis,
    queue,
    store: new PgStatsStore(pool),
    logger,
  });
  const app = createOwnerDashboardApp({ stats: ownerStats.service, adminUser: 'admin', adminPassword: 'bench', logger });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/admin/stats?range=30d`;
  const authorization = `Basic ${Buffer.from('admin:bench').toString('base64')}`;
  try {
    return await timeRuns(RUNS, async () => {
      const response = await fetch(url, { headers: { authorization } });
      if (response.status !== 200) throw new Error(`/admin/stats answered ${response.status}: ${await response.text()}`);
      jsonBytes = Buffer.byteLength(await response.text());
    });
  } finally {
    server.close();
    await queue.close();
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  }
}

async function benchEngine(engine: string, pool: pg.Pool): Promise<EngineResult> {
  process.stdout.write(`bench:stats [${engine}]: generating ${exchanges * 2} messages over 365 days...\n`);
  await generateYearOfMessages(pool, exchanges);
  const to = new Date();
  const from = new Date(to.getTime() - 30 * 24 * 3600_000);
  const plans = await explainStatsQueries(pool, from, to);
  const sqlMedianMs = await medianOfAdminStats(pool, from, to, true);
  const sqlWithoutIndexesMedianMs = await medianOfAdminStats(pool, from, to, false);
  const http = await measureHttp(pool);
  return {
    engine,
    messages: exchanges * 2,
    plans,
    sqlMedianMs: round(sqlMedianMs),
    sqlWithoutIndexesMedianMs: round(sqlWithoutIndexesMedianMs),
    httpMedianMs: round(percentile(http, 50)),
    httpP95Ms: round(percentile(http, 95)),
  };
}

async function onRealPostgres(): Promise<EngineResult | string> {
  const adminUrl = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const admin = new pg.Pool({ connectionString: adminUrl, max: 1, connectionTimeoutMillis: 3000 });
  const databaseName = `lac_bench_stats_${randomBytes(4).toString('hex')}`;
  try {
    await admin.query(`CREATE DATABASE ${databaseName}`);
  } catch (error) {
    await admin.end();
    return `skipped (${error instanceof Error ? error.message : String(error)})`;
  }
  const url = new URL(adminUrl);
  url.pathname = `/${databaseName}`;
  const pool = new pg.Pool({ connectionString: url.toString(), max: 4 });
  try {
    await runMigrations(pool, logger);
    const version = (await pool.query<{ server_version: string }>('SHOW server_version')).rows[0]!.server_version;
    return await benchEngine(`postgres ${version.split(' ')[0]}`, pool);
  } finally {
    await pool.end();
    await admin.query(`DROP DATABASE IF EXISTS ${databaseName}`).catch(() => undefined);
    await admin.end();
  }
}

function report(result: EngineResult): void {
  process.stdout.write(`\n== ${result.engine}: ${result.messages} messages ==\n`);
  for (const plan of result.plans) {
    process.stdout.write(`  ${plan.usesIndex ? 'index' : 'NO INDEX'}  ${plan.query.padEnd(30)} ${plan.scans.join(', ')}\n`);
  }
  const ratio = result.sqlWithoutIndexesMedianMs / result.sqlMedianMs;
  process.stdout.write(
    `  admin_stats(30 days): median ${result.sqlMedianMs} ms; without index scans (baseline, same run) ${result.sqlWithoutIndexesMedianMs} ms: ${round(ratio, 1)}x faster with the indexes\n`,
  );
  process.stdout.write(
    `  GET /admin/stats?range=30d: median ${result.httpMedianMs} ms, p95 ${result.httpP95Ms} ms (target: under 200 ms) ${result.httpMedianMs < 200 ? 'OK' : 'OVER'}; ${jsonBytes} bytes of JSON\n`,
  );
}

const results: EngineResult[] = [];
const embedded = await startTemporaryDatabase({ logger, poolMax: 4 });
try {
  results.push(await benchEngine('pglite (embedded)', embedded.pool));
} finally {
  await embedded.stop();
}
const real = await onRealPostgres();
if (typeof real === 'string') process.stdout.write(`bench:stats [postgres]: ${real}\n`);
else results.push(real);
results.forEach(report);
mkdirSync('bench-results', { recursive: true });
writeFileSync('bench-results/bench-stats.json', `${JSON.stringify({ exchanges, runs: RUNS, results }, null, 2)}\n`);
process.exit(0);
