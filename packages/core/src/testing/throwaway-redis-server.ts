import { spawn, type ChildProcess } from 'node:child_process';
import { createLogger } from '../logging/logger.ts';
import { createRedisConnection } from '../redis/redis-connection.ts';
import { findFreePort } from './free-port.ts';
import { waitUntil } from './wait-until.ts';

/** A Redis server of a test's own: its address, and its process to stop (SIGSTOP) or kill under the code tested. */
export interface ThrowawayRedisServer {
  url: string;
  process: ChildProcess;
}

/**
 * Starts `redis-server` on a free port, keeping nothing on disk, and resolves once it answers PING:
 * for tests that stop their Redis under a client (the shared test Redis must stay up for the others).
 */
export async function startThrowawayRedisServer(): Promise<ThrowawayRedisServer> {
  const port = await findFreePort();
  const server = spawn('redis-server', ['--port', String(port), '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  const url = `redis://127.0.0.1:${port}`;
  const probe = createRedisConnection(url, { connectionName: 'throwaway-redis-probe', forBullWorker: true, logger: createLogger({ level: 'silent' }) });
  try {
    await waitUntil(() => probe.ping().catch(() => 'no'), (reply) => reply === 'PONG', 10_000);
  } finally {
    probe.disconnect();
  }
  return { url, process: server };
}
