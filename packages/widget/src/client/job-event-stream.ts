/**
 * Follows a job's Server-Sent Events (`GET /api/v2/chat/jobs/:id/events`) with the
 * browser's EventSource, which resumes by itself with Last-Event-ID after a drop.
 * Events (services/api job-event-stream-state.ts): `status` ({status, position?}),
 * `delta` ({text} appended), `reset` ({text} replacing everything written so far,
 * when a retried attempt starts over), then `completed` (the job view, with its
 * result) or `failed` (the view, with {error:{code,message}}).
 *
 * Resolves `unavailable` when the stream cannot be used (no EventSource, the
 * endpoint refuses, or it keeps dropping without progress): the caller polls instead.
 */
export interface JobEventHandlers {
  onDelta: (text: string) => void;
  onReset: (text: string) => void;
  onStatus: (status: string, position: number | undefined) => void;
}

export type JobEventOutcome =
  | { kind: 'completed'; result: unknown }
  | { kind: 'failed'; code: string; message: string | undefined }
  | { kind: 'unavailable' };

const MAX_ERRORS_WITHOUT_PROGRESS = 3;

export function followJobEvents(
  url: string,
  handlers: JobEventHandlers,
  options: { deadline: number; signal?: AbortSignal },
): Promise<JobEventOutcome> {
  if (typeof EventSource === 'undefined') return Promise.resolve({ kind: 'unavailable' });
  return new Promise((resolve) => {
    const source = new EventSource(url);
    let errorsWithoutProgress = 0;
    let settled = false;
    const finish = (outcome: JobEventOutcome) => {
      if (settled) return;
      settled = true;
      source.close();
      clearTimeout(deadlineTimer);
      options.signal?.removeEventListener('abort', onAbort);
      resolve(outcome);
    };
    const onAbort = () => finish({ kind: 'unavailable' });
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const deadlineTimer = setTimeout(() => finish({ kind: 'unavailable' }), Math.max(0, options.deadline - Date.now()));

    source.addEventListener('delta', (event) => {
      errorsWithoutProgress = 0;
      const text = deltaTextOf((event as MessageEvent<string>).data);
      if (text !== '') handlers.onDelta(text);
    });
    source.addEventListener('reset', (event) => {
      errorsWithoutProgress = 0;
      handlers.onReset(deltaTextOf((event as MessageEvent<string>).data));
    });
    source.addEventListener('status', (event) => {
      errorsWithoutProgress = 0;
      const data = parseJson((event as MessageEvent<string>).data);
      const status = typeof data?.status === 'string' ? data.status : undefined;
      if (status) handlers.onStatus(status, typeof data?.position === 'number' ? data.position : undefined);
    });
    source.addEventListener('completed', (event) => {
      const data = parseJson((event as MessageEvent<string>).data);
      finish({ kind: 'completed', result: data && 'result' in data ? data.result : data });
    });
    source.addEventListener('failed', (event) => {
      const data = parseJson((event as MessageEvent<string>).data);
      const error = (data?.error ?? data) as Record<string, unknown> | undefined;
      finish({
        kind: 'failed',
        code: typeof error?.code === 'string' ? error.code : 'failed',
        message: typeof error?.message === 'string' ? error.message : undefined,
      });
    });
    source.addEventListener('error', () => {
      errorsWithoutProgress += 1;
      // CLOSED: the server refused (HTTP error, wrong content type). Otherwise EventSource retries itself.
      if (source.readyState === EventSource.CLOSED || errorsWithoutProgress >= MAX_ERRORS_WITHOUT_PROGRESS) {
        finish({ kind: 'unavailable' });
      }
    });
  });
}

function parseJson(data: string): Record<string, unknown> | undefined {
  try {
    const value = JSON.parse(data) as unknown;
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** A delta is `{"text": "..."}` (or `delta`/`content`), a JSON string, or raw text. */
export function deltaTextOf(data: string): string {
  try {
    const value = JSON.parse(data) as unknown;
    if (typeof value === 'string') return value;
    if (typeof value === 'object' && value !== null) {
      const record = value as Record<string, unknown>;
      for (const key of ['text', 'delta', 'content']) {
        if (typeof record[key] === 'string') return record[key];
      }
      return '';
    }
  } catch {
    // not JSON: the raw text is the delta
  }
  return data;
}
