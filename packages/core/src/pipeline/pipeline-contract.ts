import type { ChatResult } from '../contract/chat-schemas.ts';
import type { ChatJobData } from '../jobs/job-catalog.ts';

export interface ChatPipelineHooks {
  /** Text deltas of the answer while it is written (streamed to partial_reply / SSE). */
  onDelta?(delta: string): void;
  /** The job's deadline: every step stops when it aborts. */
  signal?: AbortSignal;
}

/**
 * route -> retrieve -> rerank -> answer -> persist for one chat job.
 * Must be safe to run twice for the same job id: the second run returns the stored reply.
 */
export interface ChatPipeline {
  run(job: { jobId: string; data: ChatJobData; attempt: number }, hooks: ChatPipelineHooks): Promise<ChatResult>;
}
