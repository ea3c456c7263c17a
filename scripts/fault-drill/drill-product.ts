import { createWriteStream } from 'node:fs';
import path from 'node:path';
import { spawnService, waitHealthy, type ServiceProcess } from '../../tests/faults/support/fault-processes.ts';
import type { TcpFaultProxy } from '../../tests/faults/support/tcp-fault-proxy.ts';
import { DRILL_ADMIN_PASSWORD } from './drill-operator.ts';
import { startPostgresProxy } from './drill-infrastructure.ts';

/**
 * The product of the fault drill, started in parts as a scaled-out deployment runs it: API
 * processes on the given ports and worker processes, all local mode (no API key), production
 * settings, each process's output in a file of its own. The APIs reach Postgres through one
 * proxy; each worker through a proxy of its own (so one worker can be slowed, then killed mid-job).
 */

export interface DrillProduct {
  baseUrls: string[];
  apis: ServiceProcess[];
  workers: ServiceProcess[];
  /** The proxies between the workers and Postgres, in the order of `workers`. */
  workerPostgresProxies: TcpFaultProxy[];
  startWorker(): Promise<ServiceProcess>;
}

export async function startDrillProduct(options: {
  apiPorts: number[];
  workers: number;
  redisClusterNodes: string;
  /** The database URL, its port replaced by each proxy's. */
  databaseUrl: URL;
  apiPostgresProxy: TcpFaultProxy;
  queuePrefix: string;
  webhookUrl: string;
  logFolder: string;
}): Promise<DrillProduct> {
  const urlThrough = (proxy: TcpFaultProxy) => {
    const url = new URL(options.databaseUrl);
    url.port = String(proxy.port);
    return url.toString();
  };
  const env = {
    NODE_ENV: 'production',
    LOG_LEVEL: 'info',
    REDIS_CLUSTER_NODES: options.redisClusterNodes,
    QUEUE_PREFIX: options.queuePrefix,
    CONVERSATION_ACCESS: 'token',
    ADMIN_PASSWORD: DRILL_ADMIN_PASSWORD,
    // The drill's visitors send a message about every second, from one address (spawnService
    // turns the per-address limits off).
    RATE_LIMIT_MESSAGES: '1000',
    ESCALATION_WEBHOOK_URL: options.webhookUrl,
    ESCALATION_WEBHOOK_SECRET: 'drill-webhook-secret',
  };
  const withLogFile = (service: ServiceProcess): ServiceProcess => {
    const file = createWriteStream(path.join(options.logFolder, `${options.queuePrefix}-${service.name}.log`));
    service.child.stdout?.on('data', (chunk: Buffer) => file.write(chunk));
    service.child.stderr?.on('data', (chunk: Buffer) => file.write(chunk));
    return service;
  };
  const apis = options.apiPorts.map((port, index) =>
    withLogFile(spawnService('api', `api-${index + 1}`, { ...env, DATABASE_URL: urlThrough(options.apiPostgresProxy), PORT: String(port), HOST: '127.0.0.1' })),
  );
  const workers: ServiceProcess[] = [];
  const workerPostgresProxies: TcpFaultProxy[] = [];
  const startWorker = async () => {
    const proxy = await startPostgresProxy();
    workerPostgresProxies.push(proxy);
    const worker = withLogFile(spawnService('worker', `worker-${workers.length + 1}`, { ...env, DATABASE_URL: urlThrough(proxy), WORKER_CONCURRENCY: '8' }));
    workers.push(worker);
    return worker;
  };
  for (let count = 0; count < options.workers; count++) await startWorker();
  const baseUrls = options.apiPorts.map((port) => `http://127.0.0.1:${port}`);
  await Promise.all(apis.map((api, index) => waitHealthy(baseUrls[index]!, api)));
  return { baseUrls, apis, workers, workerPostgresProxies, startWorker };
}
