/**
 * `pnpm drill:faults`: an operator's fault drill on the engines production uses (docs/durability.md,
 * "Fault drill"). A local Redis Cluster (3 masters + 3 replicas) and the real Postgres at
 * DRILL_DATABASE_URL, each reached through fault proxies; 2 API and 2 worker processes started from
 * their entry points (local mode, production settings); widget-like visitors (Idempotency-Key,
 * retries, Prefer: wait, long-polls, event streams with Last-Event-ID), some asking for a person, an
 * operator answering them; a webhook receiver. The faults of DRILL_FAULTS are injected one after the
 * other under that traffic, then the figures are printed as JSON.
 *
 * Needs redis-server and redis-cli, and a migrated database with the knowledge base ingested:
 *   createdb fault_drill && DATABASE_URL=postgres://…/fault_drill pnpm db:migrate
 *   DATABASE_URL=postgres://…/fault_drill pnpm ingest --direct knowledge-base/
 *   DRILL_DATABASE_URL=postgres://…/fault_drill pnpm drill:faults
 * Settings: DRILL_API_PORTS (3143,3144), DRILL_CONVERSATIONS (12), DRILL_FAULTS (see
 * drill-faults.ts), DRILL_LOG_DIR (each process's output and the raw figures; the OS temp folder).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { startRecordingWebhookReceiver } from '../packages/core/src/testing/recording-webhook-receiver.ts';
import { stillRunning, stopProcess } from '../tests/faults/support/fault-processes.ts';
import { requests } from './fault-drill/drill-clients.ts';
import { DEFAULT_FAULTS, FAULTS, type FaultContext } from './fault-drill/drill-faults.ts';
import { startPostgresProxy, startProxiedRedisCluster } from './fault-drill/drill-infrastructure.ts';
import { startDrillOperator } from './fault-drill/drill-operator.ts';
import { startDrillProduct } from './fault-drill/drill-product.ts';
import { messageFigures, requestFigures, storeFigures, streamFigures, webhookFigures, type Phase } from './fault-drill/drill-report.ts';
import { startDrillVisitors } from './fault-drill/drill-visitors.ts';

const databaseUrl = new URL(process.env.DRILL_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/fault_drill');
const faultNames = process.env.DRILL_FAULTS ? process.env.DRILL_FAULTS.split(',').map((name) => name.trim()) : DEFAULT_FAULTS;
const unknown = faultNames.filter((name) => !(name in FAULTS));
if (unknown.length > 0) throw new Error(`DRILL_FAULTS: unknown ${unknown.join(', ')}; known: ${Object.keys(FAULTS).join(', ')}`);
const logFolder = process.env.DRILL_LOG_DIR ?? mkdtempSync(path.join(os.tmpdir(), 'lac-fault-drill-'));
const log = (text: string) => process.stdout.write(`[drill ${new Date().toISOString().slice(11, 19)}] ${text}\n`);

const queuePrefix = `drill-${randomBytes(3).toString('hex')}`;
const webhook = await startRecordingWebhookReceiver();
const redis = await startProxiedRedisCluster();
const apiPostgresProxy = await startPostgresProxy();
const product = await startDrillProduct({
  apiPorts: (process.env.DRILL_API_PORTS ?? '3143,3144').split(',').map(Number),
  workers: 2,
  redisClusterNodes: redis.seeds,
  databaseUrl,
  apiPostgresProxy,
  queuePrefix,
  webhookUrl: webhook.url,
  logFolder,
});
// A drill that fails half-way leaves no process running.
process.on('exit', () => {
  for (const service of [...product.apis, ...product.workers]) service.child.kill('SIGKILL');
  for (const node of redis.cluster.nodes) node.process.kill('SIGKILL');
});
log(`up: ${product.apis.length} APIs, ${product.workers.length} workers, Redis Cluster through ${redis.seeds}; logs in ${logFolder}`);

const startedAt = Date.now();
const visitors = startDrillVisitors({ baseUrls: product.baseUrls, conversations: Number(process.env.DRILL_CONVERSATIONS ?? 12), prefix: queuePrefix, endBudgetMs: 240_000 });
const operator = startDrillOperator(product.baseUrls);
const ticker = setInterval(() => {
  const { sent } = visitors;
  log(`sent ${sent.length}, accepted ${sent.filter((message) => message.jobId).length}, ended ${sent.filter((message) => message.end).length}; webhooks ${webhook.received.length}, operator replies ${operator.replies.length}`);
}, 15_000);

const phases: Phase[] = [];
await sleep(30_000);
phases.push({ name: 'no fault', from: startedAt, to: Date.now() });
const context: FaultContext = { redis, apiPostgresProxy, product, queuePrefix, log };
for (const name of faultNames) {
  const fault = FAULTS[name]!;
  const from = Date.now();
  log(`fault: ${fault.description}`);
  await fault.inject(context);
  const healedAt = Date.now();
  await sleep(fault.settleMs);
  phases.push({ name: fault.description, from, to: Date.now(), healedAt });
}
log('faults over: traffic stopped, waiting for every message to end');
await visitors.stop();
await operator.stop();
clearInterval(ticker);
await sleep(5_000);

const details: string[] = [];
const client = new pg.Client({ connectionString: databaseUrl.toString() });
await client.connect();
const cases = (await client.query<{ id: string; status: string }>('select id, status from escalations where conversation_id like $1', [`${queuePrefix}-%`])).rows;
await client.end();
const figures = {
  messages: messageFigures(visitors.sent),
  store: await storeFigures(product.baseUrls[0]!, visitors.sent, visitors.tokens, operator.replies, details),
  operator: { replies: operator.replies.length, repliesStored: operator.replies.filter((reply) => reply.status === 200).length, refusals: operator.refusals },
  visitorStreams: streamFigures(visitors.sent, visitors.streams, operator.replies, details),
  webhooks: webhookFigures(cases, webhook.received, queuePrefix),
  requests: requestFigures(requests, phases, visitors.sent, startedAt),
  processes: {
    apis: await Promise.all(product.apis.map(async (api, index) => `${api.name}: ${stillRunning(api) ? 'running' : 'stopped'}, /health ${(await fetch(`${product.baseUrls[index]}/health`).catch(() => undefined))?.status ?? 'no answer'}`)),
    workers: product.workers.map((worker) => `${worker.name}: ${stillRunning(worker) ? 'running' : 'stopped'}`),
  },
  details: details.slice(0, 40),
};
for (const stream of visitors.streams.values()) await stream.stop();
log(JSON.stringify(figures, null, 2));
writeFileSync(path.join(logFolder, `${queuePrefix}-raw.json`), JSON.stringify({ figures, sent: visitors.sent, operatorReplies: operator.replies, webhooks: webhook.received, cases }));

for (const service of [...product.apis, ...product.workers]) await stopProcess(service, 15_000);
await redis.stop();
for (const proxy of [apiPostgresProxy, ...product.workerPostgresProxies]) await proxy.close();
await webhook.close();
process.exit(0);
