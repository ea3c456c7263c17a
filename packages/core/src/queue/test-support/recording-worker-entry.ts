/**
 * Test-only child process: a chat worker with the RecordingPipeline, configured by environment
 * (REDIS_URL or REDIS_CLUSTER_NODES, QUEUE_PREFIX, STALL_WINDOW_MS, WORKER_CONCURRENCY, RECORD_KEY, STORE_PREFIX, SLEEP_MS,
 * SLOW_MESSAGE_MARKER + SLOW_SLEEP_MS, WORKER_LABEL). Prints "ready" once the worker listens;
 * SIGTERM drains and exits 0.
 */
import { loadConfig } from '../../config/config.ts';
import { createLogger } from '../../logging/logger.ts';
import { createRedisConnection } from '../../redis/redis-connection.ts';
import { startChatWorker } from '../chat-worker.ts';
import { RecordingPipeline } from './recording-pipeline.ts';

const env = process.env;
const config = loadConfig({ ...env, LOG_LEVEL: env.LOG_LEVEL ?? 'warn' });
const logger = createLogger({ level: config.LOG_LEVEL, name: `test-worker-${env.WORKER_LABEL ?? process.pid}` });
const redis = createRedisConnection(config, { connectionName: 'test-recording-worker', forBullWorker: true, logger });
const slowMarker = env.SLOW_MESSAGE_MARKER;
const pipeline = new RecordingPipeline({
  redis,
  recordKey: env.RECORD_KEY ?? `${config.QUEUE_PREFIX}:record`,
  storePrefix: env.STORE_PREFIX ?? `${config.QUEUE_PREFIX}:store`,
  sleepMs: Number(env.SLEEP_MS ?? 20),
  workerLabel: env.WORKER_LABEL ?? String(process.pid),
  behaviour: ({ data }) => (slowMarker && data.message.includes(slowMarker) ? Number(env.SLOW_SLEEP_MS ?? 5000) : undefined),
});
const handle = startChatWorker({ config, pipeline, logger });
await handle.worker.waitUntilReady();
process.stdout.write('ready\n');

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await handle.close();
  await redis.quit();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
