import { setTimeout as sleep } from 'node:timers/promises';
import { expect } from 'vitest';
import type { RedisClient } from '../../redis/redis-connection.ts';
import { readRecordedEvents, type RecordedEvent } from './recording-pipeline.ts';

/** Test-only: reading what RecordingPipeline workers did, and asserting the per-conversation order. */

/** Waits until every job recorded an end (or a replay); returns all recorded events. */
export async function waitForRecordedEnds(redis: RedisClient, recordKey: string, jobIds: string[], timeoutMs: number): Promise<RecordedEvent[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const events = await readRecordedEvents(redis, recordKey);
    const ended = new Set(events.filter((event) => event.event === 'end' || event.event === 'replay').map((event) => event.jobId));
    if (jobIds.every((jobId) => ended.has(jobId))) return events;
    if (Date.now() > deadline) throw new Error(`only ${jobIds.filter((id) => ended.has(id)).length}/${jobIds.length} jobs ended`);
    await sleep(50);
  }
}

/** Asserts one-at-a-time processing in sequence order; returns the jobs in processing order. */
export function assertSerialInOrder(events: RecordedEvent[], accepted: Array<{ jobId: string; sequence: number }>): string[] {
  const ids = new Set(accepted.map((job) => job.jobId));
  const expectedOrder = [...accepted].sort((a, b) => a.sequence - b.sequence).map((job) => job.jobId);
  const own = events.filter((event) => ids.has(event.jobId) && (event.event === 'start' || event.event === 'end'));
  let running: string | null = null;
  const startedOrder: string[] = [];
  for (const event of own) {
    if (event.event === 'start') {
      expect(running, `job ${event.jobId} started while ${running} was running`).toBeNull();
      running = event.jobId;
      if (startedOrder.at(-1) !== event.jobId) startedOrder.push(event.jobId);
    } else {
      expect(event.jobId).toBe(running);
      running = null;
    }
  }
  expect(startedOrder).toEqual(expectedOrder);
  return startedOrder;
}
