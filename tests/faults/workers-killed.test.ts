/**
 * Fault case (issue 10): three worker processes, one of them SIGKILLed (and replaced at once) every
 * 2.5 s, just after a round of messages was posted, while 60 messages over 6 conversations arrive and are answered. Real API, worker and
 * embedded database processes, the machine's Redis under a unique prefix. Every message gets exactly
 * one reply, in order per conversation; the jobs a killed worker held are taken over after the
 * stall window; the database server outlives the killed workers' connections.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { checkStore, postMessage, waitForJobEnd, type SentMessage } from './support/chat-traffic.ts';
import { killProcess, stillRunning, type ServiceProcess } from './support/fault-processes.ts';
import { sharedRedisUrl, startFaultStack, stopFaultStacks } from './support/fault-stack.ts';

const ROUNDS = 10;
const ROUND_INTERVAL_MS = 1_250;
const STALL_WINDOW_MS = 3_000;

afterAll(stopFaultStacks, 120_000);

describe('three workers, one SIGKILLed every few seconds', () => {
  it('answers 60 messages exactly once each, in order', async () => {
    const stack = await startFaultStack({ name: 'workers', workers: 3, env: { STALL_WINDOW_MS: String(STALL_WINDOW_MS) }, workerEnv: { WORKER_CONCURRENCY: '4' } });
    const workers = stack.workers;
    const ready = new Set<ServiceProcess>();
    const watchReady = (worker: ServiceProcess) => void worker.waitForOutput(/worker ready/, 300_000).then(() => ready.add(worker), () => undefined);
    workers.forEach(watchReady);
    await Promise.all(workers.map((worker) => worker.waitForOutput(/worker ready/, 300_000)));

    // Every other round, as soon as its messages are accepted, SIGKILL a worker that is running one of
    // them (each job records the process that took it, `processedBy` = host:pid), else the oldest
    // worker that is up (a worker killed while it starts would prove nothing); its replacement is
    // started without waiting for it.
    const redis = new Redis(sharedRedisUrl, { maxRetriesPerRequest: 1 });
    const pidsRunningJobs = async () => {
      const active = await redis.lrange(`${stack.prefix}:chat:active`, 0, -1);
      const owners = await Promise.all(active.map((jobId) => redis.hget(`${stack.prefix}:chat:${jobId}`, 'pb')));
      return new Set(owners.flatMap((owner) => (owner ? [Number(owner.split(':').pop())] : [])));
    };
    let kills = 0;
    let killsMidJob = 0;
    const killOne = async () => {
      const up = () => workers.filter((worker) => ready.has(worker) && stillRunning(worker));
      let victim: ServiceProcess | undefined;
      for (const deadline = Date.now() + 2_000; !victim && Date.now() < deadline; await sleep(20)) {
        const running = await pidsRunningJobs();
        victim = up().find((worker) => running.has(worker.child.pid!));
      }
      if (victim) killsMidJob += 1;
      victim ??= up()[0];
      if (!victim) return;
      await killProcess(victim);
      kills += 1;
      const replacement = stack.startWorker();
      watchReady(replacement);
      workers[workers.indexOf(victim)] = replacement;
    };

    const startedAt = Date.now();
    const conversations = Array.from({ length: 6 }, (_, index) => `${stack.prefix}-conv-${index}`);
    const sent: SentMessage[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      sent.push(...(await Promise.all(conversations.map((conversationId) => postMessage(stack.baseUrl, conversationId, `Message ${round} : comment créer un Reel qui accroche ?`)))));
      if (round % 2 === 0) await killOne();
      await sleep(ROUND_INTERVAL_MS);
    }
    const accepted = sent.filter((message) => message.status === 202 && message.jobId);
    const ends = await Promise.all(accepted.map((message) => waitForJobEnd(stack.baseUrl, message.jobId!, 240_000)));
    const durationMs = Date.now() - startedAt;
    const notCompleted = ends.filter((end) => end.status !== 'completed').length;
    const store = await checkStore(stack.baseUrl, accepted);
    const longestAnswerMs = Math.max(...accepted.map((message, index) => ends[index]!.endedAt - message.sentAt));
    // Jobs a killed worker held when it died: BullMQ counted them stalled (field `stc`) and another worker took them over.
    const stalled = await Promise.all(accepted.map((message) => redis.hget(`${stack.prefix}:chat:${message.jobId}`, 'stc')));
    await redis.quit();
    const takenOver = stalled.filter((count) => Number(count ?? 0) > 0).length;
    process.stdout.write(
      `[fault] 3 workers, ${kills} SIGKILLs (one every ${(2 * ROUND_INTERVAL_MS) / 1000} s, ${killsMidJob} of them while the worker ran a job) over ${accepted.length} messages in ${Math.round(durationMs / 1000)} s: ` +
        `lost ${store.lost + notCompleted}, doubled ${store.doubled}, out of order ${store.outOfOrder}, replies missing ${store.repliesMissing}; ` +
        `${takenOver} jobs taken over from a killed worker; longest answer ${longestAnswerMs} ms (stall window ${STALL_WINDOW_MS} ms); database process still running: ${stillRunning(stack.database())}\n`,
    );
    expect(accepted).toHaveLength(60);
    expect(kills).toBeGreaterThanOrEqual(3);
    // The kills hit running jobs, which another worker took over.
    expect(killsMidJob).toBeGreaterThan(0);
    expect(takenOver).toBeGreaterThan(0);
    expect(notCompleted).toBe(0);
    expect(store).toEqual({ lost: 0, doubled: 0, outOfOrder: 0, repliesMissing: 0 });
    expect(stillRunning(stack.database())).toBe(true);
    expect(stillRunning(stack.api)).toBe(true);
  }, 600_000);
});
