import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Real processes for the fault suite: services started from their entry points, a throwaway
 * redis-server, the embedded database in a process of its own. Only processes started here are
 * ever stopped or killed, by their own handle.
 */

export const repositoryRoot = path.resolve(import.meta.dirname, '../../..');

export interface ServiceProcess {
  name: string;
  child: ChildProcess;
  exited: Promise<void>;
  /** The last lines of its output (for failure messages). */
  output(): string;
  /** Output lines written between `since` and `until` (ms epoch), optionally only those matching `filter`. */
  linesSince(since: number, until?: number, filter?: (line: string) => boolean): number;
  /** The output lines written between `since` and `until` (ms epoch). */
  linesBetween(since: number, until: number): string[];
  waitForOutput(pattern: RegExp, timeoutMs: number): Promise<void>;
}

export function spawnProcess(name: string, command: string, args: string[], env: Record<string, string>): ServiceProcess {
  let output = '';
  const lines: Array<{ at: number; text: string }> = [];
  let partial = '';
  const waiters: Array<{ pattern: RegExp; resolve: () => void }> = [];
  const child = spawn(command, args, { cwd: repositoryRoot, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const onData = (chunk: Buffer) => {
    const text = chunk.toString();
    const now = Date.now();
    const pieces = (partial + text).split('\n');
    partial = pieces.pop() ?? '';
    for (const piece of pieces) lines.push({ at: now, text: piece });
    output = (output + text).slice(-6000);
    for (const waiter of [...waiters]) {
      if (waiter.pattern.test(output)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    name,
    child,
    exited,
    output: () => output,
    linesSince: (since, until = Number.POSITIVE_INFINITY, filter = () => true) =>
      lines.filter((line) => line.at >= since && line.at <= until && filter(line.text)).length,
    linesBetween: (since, until) => lines.filter((line) => line.at >= since && line.at <= until).map((line) => line.text),
    waitForOutput: (pattern, timeoutMs) =>
      pattern.test(output)
        ? Promise.resolve()
        : Promise.race([
            new Promise<void>((resolve) => waiters.push({ pattern, resolve })),
            exited.then(() => Promise.reject(new Error(`${name} exited before printing ${pattern}:\n${output}`))),
            sleep(timeoutMs).then(() => Promise.reject(new Error(`${name} did not print ${pattern} in time:\n${output}`))),
          ]),
  };
}

/** An API or worker process from its entry point (services/<name>/src/main.ts), local mode. */
export function spawnService(service: 'api' | 'worker', label: string, env: Record<string, string>): ServiceProcess {
  return spawnProcess(label, process.execPath, ['--import', 'tsx', `services/${service}/src/start.ts`], {
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    OPENROUTER_API_KEY: '',
    OPENAI_API_KEY: '',
    COHERE_API_KEY: '',
    SUPABASE_URL: '',
    SUPABASE_SERVICE_KEY: '',
    CONVERSATION_ACCESS: 'open',
    // One test client stands for many visitors: the per-address limits are off.
    RATE_LIMIT_CLIENT_MESSAGES: '0',
    RATE_LIMIT_CLIENT_MESSAGES_PER_DAY: '0',
    MAX_REQUESTS_IN_PROGRESS_PER_CLIENT: '0',
    MAX_CONNECTIONS_PER_ADDRESS: '0',
    RATE_LIMIT_NEW_CONVERSATIONS_PER_HOUR: '0',
    ...env,
  });
}

/** The embedded database in its own process (killable), on `port` with its data under `dataDir`. */
export async function startDatabaseProcess(dataDir: string, port: number): Promise<ServiceProcess> {
  const database = spawnProcess('embedded-database', process.execPath, ['--import', 'tsx', 'tests/faults/support/embedded-database-process.ts'], {
    DATA_DIR: dataDir,
    EMBEDDED_DB_PORT: String(port),
    LOG_LEVEL: 'warn',
  });
  await database.waitForOutput(/embedded database ready/, 300_000);
  return database;
}

/** A throwaway redis-server (AOF on, as in compose) on a free port, data in `dir`. Never the shared one. */
export async function startThrowawayRedis(port: number, dir: string): Promise<ServiceProcess> {
  const redis = spawnProcess('redis-server', 'redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--appendfsync', 'everysec', '--save', '', '--protected-mode', 'no'], {});
  await redis.waitForOutput(/Ready to accept connections/, 30_000);
  return redis;
}

export async function waitHealthy(baseUrl: string, service: ServiceProcess, timeoutMs = 300_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (service.child.exitCode !== null) throw new Error(`${service.name} exited:\n${service.output()}`);
    try {
      if ((await fetch(`${baseUrl}/health`, { signal: AbortSignal.timeout(2000) })).status === 200) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${service.name} was not healthy in time:\n${service.output()}`);
    await sleep(250);
  }
}

/** SIGTERM, then SIGKILL after `graceMs`. */
export async function stopProcess(service: ServiceProcess | undefined, graceMs = 20_000): Promise<void> {
  if (!service || service.child.exitCode !== null || service.child.signalCode !== null) return;
  service.child.kill('SIGTERM');
  const killer = setTimeout(() => service.child.kill('SIGKILL'), graceMs);
  await service.exited;
  clearTimeout(killer);
}

export async function killProcess(service: ServiceProcess): Promise<void> {
  if (service.child.exitCode !== null || service.child.signalCode !== null) return;
  service.child.kill('SIGKILL');
  await service.exited;
}

export function stillRunning(service: ServiceProcess): boolean {
  return service.child.exitCode === null && service.child.signalCode === null;
}
