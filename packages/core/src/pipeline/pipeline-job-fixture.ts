import { randomUUID } from 'node:crypto';
import type { ChatJobData } from '../jobs/job-catalog.ts';

/** Tests: a chat job as the worker hands it to the pipeline (first attempt), for `message` in a new conversation unless one is given. */
export function pipelineJob(message: string, conversationId = `conv-${randomUUID()}`): { jobId: string; data: ChatJobData; attempt: number } {
  const now = new Date().toISOString();
  const data: ChatJobData = { conversation_id: conversationId, user_id: 'visiteuse-test', message, sent_at: now, received_at: now, request_id: 'req-test' };
  return { jobId: `job-${randomUUID()}`, data, attempt: 1 };
}
