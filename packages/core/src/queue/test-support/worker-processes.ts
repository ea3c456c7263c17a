import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Test-only: worker child processes running recording-worker-entry.ts under tsx. */

const entryPath = fileURLToPath(new URL('./recording-worker-entry.ts', import.meta.url));

export interface WorkerProcess {
  label: string;
  child: ChildProcess;
  exited: Promise<number | null>;
  output(): string;
}

export async function spawnRecordingWorker(label: string, env: Record<string, string>, readyTimeoutMs = 90_000): Promise<WorkerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', entryPath], {
    env: { ...process.env, ...env, WORKER_LABEL: label },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`worker ${label} not ready in time:\n${output}`)), readyTimeoutMs);
    const onData = () => {
      if (output.includes('ready\n')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`worker ${label} exited with ${code} before ready:\n${output}`));
    });
  });
  return { label, child, exited, output: () => output };
}

export async function stopWorker(worker: WorkerProcess, timeoutMs = 15_000): Promise<void> {
  if (worker.child.exitCode !== null || worker.child.signalCode !== null) return;
  worker.child.kill('SIGTERM');
  const stopped = await Promise.race([worker.exited.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), timeoutMs))]);
  if (!stopped) {
    worker.child.kill('SIGKILL');
    await worker.exited;
  }
}
