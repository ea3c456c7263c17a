import type pg from 'pg';
import { createRedisConnection, parseSupportHours, startHandoverWorker, type AppConfig, type Logger, type RedisClient } from '@lac/core';
import { wireHandover } from '../wire-handover.ts';

/**
 * The hand-over of a test API (see startTestApi's `handover` option), wired as services/api and
 * services/worker wire it: the API's side by the API's own `wireHandover` over the test database
 * and the test's Redis prefix (desk, `handover` queue, one conversation-events subscription), plus
 * the handover worker as services/worker starts it.
 */
export async function startTestHandover(options: { config: AppConfig; logger: Logger; redis: RedisClient; pool: pg.Pool }) {
  const { config, logger, redis } = options;
  const wired = await wireHandover({ config, stores: { pool: options.pool, supabaseClient: null }, redis, logger });
  const workerConnection = createRedisConnection(config, { connectionName: 'lac:test:handover-worker', forBullWorker: true, logger });
  const worker = startHandoverWorker({
    config,
    desk: wired.desk,
    supportHours: parseSupportHours(config.SUPPORT_HOURS, config.SUPPORT_TIMEZONE),
    connection: workerConnection,
    logger,
  });
  return {
    desk: wired.desk,
    events: wired.events,
    queue: wired.queue,
    port: wired.port,
    close: async () => {
      await worker.close();
      await wired.queue.obliterate({ force: true }).catch(() => undefined);
      await wired.close();
      await workerConnection.quit().catch(() => workerConnection.disconnect());
    },
  };
}
