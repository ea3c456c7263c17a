/**
 * `pnpm bench:e2e`: local-mode end-to-end throughput of the whole product, on each database
 * engine, side by side. For each engine the product runs as `pnpm start` runs it (scripts/start.ts:
 * API + one worker, sample knowledge base seeded, local mode), on the embedded PGlite and then
 * with DATABASE_URL on a temporary database of the real PostgreSQL (created, migrated and
 * seeded by start, dropped after). Many conversations at once, each like a widget: submit
 * (POST /api/v2/chat, 202), then long-poll (GET poll_url?wait=30) until the answer, then its
 * next message. Reports messages/s and submit→answer p50/p95 per engine, and the ratio.
 *
 * Options: --conversations N (default 60), --messages N per conversation (5), --warmup N (10
 * conversations of one message, not measured), --engines pglite,postgres, --postgres-url URL
 * (default TEST_POSTGRES_URL, else postgres://postgres@127.0.0.1:5432/postgres).
 * Writes bench-results/bench-e2e.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createLogger, DEFAULT_LOCAL_POSTGRES_URL, probePostgresServer, startTemporaryPostgresDatabase } from '@lac/core';
import { startLocalProduct } from '../packages/widget/src/testing/local-product-process.ts';
import { runConversations, type ConversationsRun } from './bench-e2e/run-conversations.ts';

const { values: options } = parseArgs({
  options: {
    conversations: { type: 'string', default: '60' },
    messages: { type: 'string', default: '5' },
    warmup: { type: 'string', default: '10' },
    engines: { type: 'string', default: 'pglite,postgres' },
    'postgres-url': { type: 'string' },
  },
});
const conversations = Number(options.conversations);
const messagesPerConversation = Number(options.messages);
const warmupConversations = Number(options.warmup);
const engineNames = options.engines.split(',').map((name) => name.trim()).filter(Boolean);
if (![conversations, messagesPerConversation, warmupConversations].every((value) => Number.isInteger(value) && value >= 0) || conversations < 1 || messagesPerConversation < 1) {
  process.stderr.write('bench:e2e: --conversations and --messages are integers >= 1, --warmup an integer >= 0\n');
  process.exit(2);
}
if (engineNames.length === 0 || engineNames.some((name) => name !== 'pglite' && name !== 'postgres')) {
  process.stderr.write('bench:e2e: --engines is a comma-separated list of pglite and postgres\n');
  process.exit(2);
}

const logger = createLogger({ level: 'warn', name: 'bench-e2e' });
const repositoryRoot = path.resolve(import.meta.dirname, '..');
/** The bench is one client address sending many conversations: the per-client limits would throttle it. */
const benchEnv = {
  RATE_LIMIT_CLIENT_MESSAGES: '0',
  RATE_LIMIT_CLIENT_MESSAGES_PER_DAY: '0',
  MAX_REQUESTS_IN_PROGRESS_PER_CLIENT: '0',
  MAX_CONNECTIONS_PER_ADDRESS: '0',
  RATE_LIMIT_NEW_CONVERSATIONS_PER_HOUR: '0',
  RATE_LIMIT_MESSAGES: String(Math.max(10, messagesPerConversation + 1)),
};

interface EngineResult extends ConversationsRun {
  engine: string;
}

async function benchmarkProduct(engine: string, env: Record<string, string>): Promise<EngineResult> {
  process.stderr.write(`--- ${engine}: starting the product (pnpm start)...\n`);
  const product = await startLocalProduct({ repositoryRoot, name: 'bench-e2e', env: { ...benchEnv, ...env }, readyTimeoutMs: 300_000 });
  try {
    if (warmupConversations > 0) await runConversations({ baseUrl: product.baseUrl, conversations: warmupConversations, messagesPerConversation: 1, label: 'warmup' });
    process.stderr.write(`--- ${engine}: ${conversations} conversations × ${messagesPerConversation} messages...\n`);
    const run = await runConversations({ baseUrl: product.baseUrl, conversations, messagesPerConversation, label: 'bench' });
    return { engine, ...run };
  } catch (error) {
    throw new Error(`${engine}: ${(error as Error).message}\n${product.output()}`);
  } finally {
    await product.stop();
  }
}

const results: EngineResult[] = [];
const notes: string[] = [];
if (engineNames.includes('pglite')) results.push(await benchmarkProduct('PGlite (embedded)', { DATABASE_URL: '' }));
if (engineNames.includes('postgres')) {
  const server = await probePostgresServer(options['postgres-url'] ?? process.env.TEST_POSTGRES_URL ?? DEFAULT_LOCAL_POSTGRES_URL);
  if (server.usable) {
    // start.ts migrates and seeds it, as it would a production database.
    const database = await startTemporaryPostgresDatabase(server.serverUrl, { migrate: false, poolMax: 1, logger });
    try {
      results.push(await benchmarkProduct(`PostgreSQL ${server.version}`, { DATABASE_URL: database.connectionString }));
    } finally {
      await database.stop();
    }
  } else {
    notes.push(`real PostgreSQL skipped: ${server.reason} (--postgres-url, or --engines pglite)`);
  }
}

const ms = (value: number) => `${value.toFixed(0)} ms`;
const width = Math.max(22, ...results.map((result) => result.engine.length + 2));
const row = (label: string, cells: string[]) => `  ${label.padEnd(30)}${cells.map((cell) => cell.padStart(width)).join('')}`;
const lines = [
  `Local-mode end to end (pnpm start: API + 1 worker; submit then long-poll over HTTP), node ${process.version}, ${os.cpus().length} cores`,
  `${conversations} conversations at once × ${messagesPerConversation} messages each (${conversations * messagesPerConversation} messages), after ${warmupConversations} warm-up conversations`,
  row('', results.map((result) => result.engine)),
  row('throughput', results.map((result) => `${result.messagesPerSecond.toFixed(1)} msg/s`)),
  row('submit → answer p50', results.map((result) => ms(result.latencyMs.p50))),
  row('submit → answer p95', results.map((result) => ms(result.latencyMs.p95))),
  row('answered / failed', results.map((result) => `${result.answered} / ${result.failed}`)),
  row('503 answers retried', results.map((result) => String(result.retriedAfter503))),
  row('wall time', results.map((result) => `${(result.wallMs / 1000).toFixed(1)} s`)),
];
const [pglite, postgres] = [results.find((result) => result.engine.startsWith('PGlite')), results.find((result) => result.engine.startsWith('PostgreSQL'))];
if (pglite && postgres) {
  lines.push(`  throughput ratio, PostgreSQL / PGlite: ${(postgres.messagesPerSecond / pglite.messagesPerSecond).toFixed(2)}×`);
}
for (const result of results) {
  for (const failure of result.failures) lines.push(`  ${result.engine} failure: ${failure}`);
}
lines.push(...notes.map((note) => `  ${note}`), '');
process.stdout.write(lines.join('\n'));

mkdirSync('bench-results', { recursive: true });
writeFileSync(
  path.join('bench-results', 'bench-e2e.json'),
  `${JSON.stringify({ node: process.version, conversations, messagesPerConversation, warmupConversations, results, notes }, null, 2)}\n`,
);
process.exitCode = results.length > 0 && results.every((result) => result.failed === 0) ? 0 : 1;
