import type { ChatJobView } from '@lac/core';
import type { ChatJobReaderPort } from '../app-dependencies.ts';

/**
 * The job view, with a `failed` view read a second time before it is believed.
 *
 * ChatJobReader reads a job in two Redis round trips: the job hash (`getJob`), then its state
 * (`getState`). When the worker finishes the job between them, the read sees the state `completed`
 * and the hash from before, which has no result yet. The reader then reports `failed`
 * (processing_failed, "result does not match") for a job that was answered. A stale hash can do
 * the same to a `failed` state: the failure code is lost. Streams and long-polls read exactly
 * around that moment, so they met it. The SSE route sent `failed`, the widget showed the answer
 * as lost, and a later read said `completed`.
 *
 * A torn read can only produce `failed` (a `completed` view always carries a valid result). The
 * state was already final at the first read, so the second read's hash is final too: believe
 * the second read. A job gone in between (retention) keeps the first view.
 */
export async function readSettledJobView(jobReader: ChatJobReaderPort, jobId: string): Promise<ChatJobView | null> {
  const view = await jobReader.getJobView(jobId);
  if (view === null || view.status !== 'failed') return view;
  return (await jobReader.getJobView(jobId)) ?? view;
}
