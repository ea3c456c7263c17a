import type { ChatResult } from '../contract/chat-schemas.ts';
import type { ChatJobData } from '../jobs/job-catalog.ts';

export interface ChatPipelineHooks {
  /** Text deltas of the answer while it is written (streamed to partial_reply / SSE). */
  onDelta?(delta: string): void;
  /** The job's deadline: every step stops when it aborts. */
  signal?: AbortSignal;
  /**
   * The hand-over let this message through to the agents: no person holds the conversation (it was
   * handed back, or closed and reopened). The team's earlier replies (the escalation, an operator's
   * messages) then do not make the message a follow-up of a hand-over in progress: it is answered,
   * not told that the team has it.
   */
  withTheAgents?: boolean;
  /**
   * Whether a person can answer the visitor in this conversation (an operators' inbox is served),
   * asked only when the reply hands the conversation over. Without it, a person can (`pnpm eval`,
   * the agents' pipeline alone).
   */
  personCanAnswerHere?(): Promise<boolean>;
  /**
   * The same, as read lately (the worker keeps the last answer up to OPERATOR_INBOX_ADVERT_REFRESH_MS: no Redis read per
   * message), asked once per run by the chat pipeline for every reply but the hand-over: when false, the offline answers,
   * the answer with no source, the clarifying question, the identity reply, the technical-trouble note and the live agents'
   * prompt offer no person, they say to contact the agency directly (TurnInput `personCanAnswerHere`). Without it, a person
   * can: every reply offers one as before.
   */
  personCanAnswerHereRecently?(): Promise<boolean>;
}

/**
 * route -> retrieve -> rerank -> answer -> persist for one chat job.
 * Must be safe to run twice for the same job id: the second run returns the stored reply.
 */
export interface ChatPipeline {
  run(job: { jobId: string; data: ChatJobData; attempt: number }, hooks: ChatPipelineHooks): Promise<ChatResult>;
}
