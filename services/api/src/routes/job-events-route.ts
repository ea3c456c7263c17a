import type { RequestHandler } from 'express';
import type { Logger } from '@lac/core';
import type { ChatJobReaderPort, JobEventHubPort } from '../app-dependencies.ts';
import { JobNotFoundError } from '../http/api-errors.ts';
import { JobEventStreamState, formatServerSentEvent, parseResumePoint } from './job-event-stream-state.ts';
import { isTerminalJobView } from './wait-for-job-end.ts';
import { parseJobIdParameter } from '../http/job-id-parameter.ts';
import { openEventStream } from '../http/event-stream.ts';

/**
 * GET /api/v2/chat/jobs/:job_id/events: Server-Sent Events of one job (see JobEventStreamState).
 * Subscribes to the event hub BEFORE reading the job; progress events carry the text (no read),
 * other events re-read the job (reads are serialised, a burst costs at most one extra read; a
 * `failed` view is confirmed by a second read before the terminal event, see settled-job-view.ts);
 * sends heartbeat comments,
 * and releases everything when the client leaves or the server shuts down. `Last-Event-ID`
 * (header, or `?last_event_id=` for clients that cannot set it) resumes after the text already delivered.
 */
export function createJobEventsRoute(dependencies: {
  jobReader: ChatJobReaderPort;
  eventHub: JobEventHubPort;
  logger: Logger;
  heartbeatMs: number;
  shutdownSignal?: AbortSignal;
}): RequestHandler {
  const { jobReader, eventHub, heartbeatMs, shutdownSignal } = dependencies;
  return async (req, res) => {
    const jobId = parseJobIdParameter(req.params.job_id);
    const resume = parseResumePoint(req.headers['last-event-id'] ?? req.query.last_event_id);
    const log = req.log;

    let streaming = false;
    let eventBeforeStart = false;
    let closed = false;
    let reading = false;
    let readAgain = false;
    const state = new JobEventStreamState(resume.offset);

    /** The stream's writes, once open (openEventStream); a client that stops reading is cut there. */
    let streamWrite = (_chunk: string): boolean => false;
    const write = (chunk: string): void => {
      if (!closed && !res.writableEnded) streamWrite(chunk);
    };

    const finish = (): void => {
      if (closed) return;
      closed = true;
      cleanUp();
      if (!res.writableEnded) res.end();
    };

    const apply = (view: Awaited<ReturnType<ChatJobReaderPort['getJobView']>>): void => {
      if (view === null) {
        // Gone from Redis mid-stream (retention): nothing more will come.
        write(
          formatServerSentEvent({
            event: 'failed',
            id: state.finalEventId,
            data: { job_id: jobId, status: 'failed', error: { code: 'job_not_found', message: new JobNotFoundError(jobId).message } },
          }),
        );
        finish();
        return;
      }
      for (const event of state.eventsFor(view)) write(formatServerSentEvent(event));
      if (state.isFinished) finish();
    };

    const readAndApply = async (): Promise<void> => {
      if (reading) {
        readAgain = true;
        return;
      }
      reading = true;
      try {
        do {
          readAgain = false;
          const view = await jobReader.getJobView(jobId);
          if (closed) return;
          apply(view);
        } while (readAgain && !closed);
      } catch (error) {
        log.error({ err: error, jobId }, 'job event stream: reading the job failed');
        finish();
      } finally {
        reading = false;
      }
    };

    let identity: { job_id: string; conversation_id: string } | undefined;
    const unsubscribe = eventHub.subscribe(jobId, (event) => {
      if (!streaming) {
        eventBeforeStart = true;
        return;
      }
      if (event.type === 'progress' && typeof event.partialReply === 'string' && identity !== undefined) {
        // The text rides on the event: no Redis read per delta.
        apply({ ...identity, status: 'active', partial_reply: event.partialReply });
        return;
      }
      void readAndApply();
    });
    let heartbeat: NodeJS.Timeout | undefined;
    const onShutdown = (): void => finish();
    const onClientGone = (): void => {
      if (!closed) log.debug({ jobId }, 'job event stream: client left');
      closed = true;
      cleanUp();
    };
    function cleanUp(): void {
      unsubscribe();
      clearInterval(heartbeat);
      shutdownSignal?.removeEventListener('abort', onShutdown);
      res.off('close', onClientGone);
    }

    let firstView;
    try {
      firstView = await jobReader.getJobView(jobId);
    } catch (error) {
      unsubscribe();
      throw error;
    }
    if (resume.afterFinalEvent && (firstView === null || isTerminalJobView(firstView))) {
      // The client already has the final event: 204 tells EventSource clients to stop reconnecting.
      unsubscribe();
      res.setHeader('Cache-Control', 'no-store');
      res.status(204).end();
      return;
    }
    if (firstView === null) {
      unsubscribe();
      throw new JobNotFoundError(jobId);
    }

    const stream = openEventStream(res, { heartbeatMs, isOpen: () => !closed });
    heartbeat = stream.heartbeat;
    streamWrite = stream.write;
    res.once('close', onClientGone);
    if (shutdownSignal?.aborted) {
      finish();
      return;
    }
    shutdownSignal?.addEventListener('abort', onShutdown, { once: true });
    identity = { job_id: firstView.job_id, conversation_id: firstView.conversation_id };
    streaming = true;
    apply(firstView);
    if (!closed && eventBeforeStart) await readAndApply();
  };
}
