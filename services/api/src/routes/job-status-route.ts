import type { RequestHandler } from 'express';
import { chatJobViewSchema, type AppConfig } from '@lac/core';
import type { ChatJobReaderPort, JobEventHubPort } from '../app-dependencies.ts';
import { JobNotFoundError } from '../http/api-errors.ts';
import { requestLifetimeSignal } from '../http/abort-signals.ts';
import { sendJson } from '../http/send-json.ts';
import { waitSecondsFromQuery } from '../http/wait-preference.ts';
import { waitForJobEnd } from './wait-for-job-end.ts';

/** Job ids are UUIDs; anything much longer cannot exist and is not looked up. */
export const MAX_JOB_ID_LENGTH = 200;

/**
 * GET /api/v2/chat/jobs/:job_id[?wait=N]: the job view; with `wait`, a long-poll woken by the
 * event hub as soon as the job ends (answers with the current state after N seconds, on
 * shutdown, or never when the client left). 404 `job_not_found` for an unknown id.
 */
export function createJobStatusRoute(dependencies: {
  config: Pick<AppConfig, 'MAX_WAIT_SECONDS'>;
  jobReader: ChatJobReaderPort;
  eventHub: JobEventHubPort;
  shutdownSignal?: AbortSignal;
}): RequestHandler {
  return async (req, res) => {
    const jobId = String(req.params.job_id);
    const waitSeconds = waitSecondsFromQuery(req.query.wait, dependencies.config.MAX_WAIT_SECONDS);
    if (jobId.length > MAX_JOB_ID_LENGTH) throw new JobNotFoundError(jobId.slice(0, MAX_JOB_ID_LENGTH));
    const lifetime = requestLifetimeSignal(res, [dependencies.shutdownSignal]);
    try {
      const view = await waitForJobEnd(dependencies, jobId, waitSeconds * 1000, lifetime.signal);
      if (view === null) throw new JobNotFoundError(jobId);
      if (res.destroyed) return;
      res.setHeader('Cache-Control', 'no-store');
      sendJson(res, 200, chatJobViewSchema, view);
    } finally {
      lifetime.dispose();
    }
  };
}
