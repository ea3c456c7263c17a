import { setTimeout as sleep } from 'node:timers/promises';
import type { RedisClient } from '../../redis/redis-connection.ts';
import type { ChatResult } from '../../contract/chat-schemas.ts';
import type { ChatJobData } from '../../jobs/job-catalog.ts';
import type { ChatPipeline, ChatPipelineHooks } from '../../pipeline/pipeline-contract.ts';

/**
 * Test-only pipeline: records "start"/"end" of every run in a Redis list (shared by worker
 * processes), streams a few deltas, sleeps, and stores its answer through a real idempotent store
 * (Redis SET NX per job id): a re-run returns the stored answer and records "replay".
 */

export interface RecordedEvent {
  event: 'start' | 'end' | 'answer' | 'replay';
  jobId: string;
  conversationId: string;
  message: string;
  attempt: number;
  worker: string;
  pid: number;
  at: number;
}

export interface RecordingPipelineOptions {
  redis: RedisClient;
  /** Redis list receiving RecordedEvent JSON. */
  recordKey: string;
  /** Prefix of the "store" keys (answer per job id). */
  storePrefix: string;
  sleepMs: number;
  workerLabel: string;
  /** Called after "start"; throw to fail the attempt, return a number to sleep that long instead of sleepMs. */
  behaviour?: (job: { jobId: string; data: ChatJobData; attempt: number }) => Promise<number | void> | number | void;
}

/** Test pipeline: answers "ok" at once, or after 300 ms for the message "lent" (a head that runs a while). */
export const okAnswerSlowOnLent: ChatPipeline = {
  async run({ jobId, data }) {
    if (data.message === 'lent') await sleep(300);
    return buildTestChatResult(jobId, data, 'ok');
  },
};

export function buildTestChatResult(jobId: string, data: ChatJobData, message: string): ChatResult {
  return {
    job_id: jobId,
    conversation_id: data.conversation_id,
    message,
    agent: 'audrey',
    confidence: 0.9,
    reasoning: 'test pipeline',
    timestamp: new Date().toISOString(),
    escalated: false,
    sources: [],
    model: 'test-recording',
    usage: { prompt_tokens: 0, completion_tokens: 0, cost_usd: 0 },
    timings_ms: { route: 0, retrieve: 0, rerank: 0, generate: 0, total: 0 },
    routing: { method: 'local', confidence: 0.9, latency_ms: 0 },
    offline: true,
  };
}

export class RecordingPipeline implements ChatPipeline {
  constructor(private readonly options: RecordingPipelineOptions) {}

  private async record(event: RecordedEvent['event'], job: { jobId: string; data: ChatJobData; attempt: number }) {
    const entry: RecordedEvent = {
      event,
      jobId: job.jobId,
      conversationId: job.data.conversation_id,
      message: job.data.message,
      attempt: job.attempt,
      worker: this.options.workerLabel,
      pid: process.pid,
      at: Date.now(),
    };
    await this.options.redis.rpush(this.options.recordKey, JSON.stringify(entry));
  }

  async run(job: { jobId: string; data: ChatJobData; attempt: number }, hooks: ChatPipelineHooks): Promise<ChatResult> {
    const { redis, storePrefix } = this.options;
    const answerKey = `${storePrefix}:answer:${job.jobId}`;
    const stored = await redis.get(answerKey);
    if (stored !== null) {
      await this.record('replay', job);
      return JSON.parse(stored) as ChatResult;
    }
    await this.record('start', job);
    const custom = await this.options.behaviour?.(job);
    const sleepMs = typeof custom === 'number' ? custom : this.options.sleepMs;
    const words = ['Réponse ', 'à ', `« ${job.data.message} »`];
    for (const word of words) {
      hooks.onDelta?.(word);
      await sleep(Math.max(1, Math.floor(sleepMs / words.length)), undefined, { signal: hooks.signal });
    }
    const result = buildTestChatResult(job.jobId, job.data, words.join(''));
    const created = await redis.set(answerKey, JSON.stringify(result), 'NX');
    if (created === 'OK') await this.record('answer', job);
    await this.record('end', job);
    if (created === 'OK') return result;
    return JSON.parse((await redis.get(answerKey)) ?? JSON.stringify(result)) as ChatResult;
  }
}

export async function readRecordedEvents(redis: RedisClient, recordKey: string): Promise<RecordedEvent[]> {
  return (await redis.lrange(recordKey, 0, -1)).map((line) => JSON.parse(line) as RecordedEvent);
}
