import type { RequestHandler } from 'express';
import { chatJobViewSchema, type AppConfig } from '@lac/core';
import type { ChatJobReaderPort, JobEventHubPort } from '../app-dependencies.ts';
import { InvalidRequestError, JobNotFoundError } from '../http/api-errors.ts';
import { parseJobIdParameter } from '../http/job-id-parameter.ts';
import { requestLifetimeSignal } from '../http/abort-signals.ts';
import { sendJson } from '../http/send-json.ts';
import { waitSecondsFromQuery } from '../http/wait-preference.ts';
import { waitForJobEnd } from './wait-for-job-end.ts';
import { releaseClientSlot } from '../http/client-concurrency-limit.ts';

/**
 * GET /api/v2/chat/jobs/:job_id[?wait=N[&partial_after=C]]: the job view; with `wait`, a
 * long-poll woken by the event hub as soon as the job ends (answers with the current state after
 * N seconds, on shutdown, or never when the client left). With `partial_after=C`, it also answers
 * as soon as `partial_reply` is longer than C characters: a client without SSE gets the text
 * while the agent writes by passing the length it already shows. 404 `job_not_found` for an
 * unknown id.
 */
function partialAfterFromQuery(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const parsed = typeof value === 'string' && /^\d{1,7}$/.test(value) ? Number(value) : Number.NaN;
  if (Number.isNaN(parsed)) throw new InvalidRequestError([{ field: 'partial_after', message: 'doit être un nombre entier de caractères (0 ou plus)' }]);
  return parsed;
}

export function createJobStatusRoute(dependencies: {
  config: Pick<AppConfig, 'MAX_WAIT_SECONDS'>;
  jobReader: ChatJobReaderPort;
  eventHub: JobEventHubPort;
  shutdownSignal?: AbortSignal;
}): RequestHandler {
  return async (req, res) => {
    const jobId = parseJobIdParameter(req.params.job_id);
    const waitSeconds = waitSecondsFromQuery(req.query.wait, dependencies.config.MAX_WAIT_SECONDS);
    const partialAfter = partialAfterFromQuery(req.query.partial_after);
    const lifetime = requestLifetimeSignal(res, [dependencies.shutdownSignal]);
    // A long-poll holds no database connection while it waits: its client's place is given back.
    if (waitSeconds > 0) releaseClientSlot(res);
    try {
      const view = await waitForJobEnd(dependencies, jobId, waitSeconds * 1000, lifetime.signal, {
        partialAfter,
      });
      if (view === null) throw new JobNotFoundError(jobId);
      if (res.destroyed) return;
      res.setHeader('Cache-Control', 'no-store');
      sendJson(res, 200, chatJobViewSchema, view);
    } finally {
      lifetime.dispose();
    }
  };
}
