import { HttpStatusError, isRetryableReadError, isRetryableRequestError, JobFailedError, NetworkError } from './chat-client-errors.ts';
import { historyFromMessagesBody, replyFromV2Result, type ChatReply, type HistoryEntry } from './chat-reply.ts';
import { requestJson } from './http-json-request.ts';
import { defaultSubmitBackoff, retryWithBackoff, sleep, type BackoffPolicy } from './retry-with-backoff.ts';
import { followJobEvents, type JobEventHandlers } from './job-event-stream.ts';

/**
 * The v2 HTTP contract seen from the browser: submit (with an Idempotency-Key kept
 * across retries, so a retried POST never creates a second job), then wait for the
 * job: SSE on `events_url` when EventSource exists, else long-poll `?wait=25`, and
 * plain polling when long-polls keep failing.
 */

export interface OutgoingMessage {
  userId: string;
  conversationId: string;
  text: string;
  /** One key per visitor message, reused by every retry of it. */
  idempotencyKey: string;
  /** Fixed at the first attempt: a retry must send the very same body. */
  sentAt: string;
  /** The conversation's token (sent as `Authorization: Bearer`); absent for the first message. */
  conversationToken?: string;
}

export interface SubmittedJob {
  jobId: string;
  pollUrl: string;
  eventsUrl: string;
  rateLimitRemaining: number | undefined;
  /** Handed out with the first message of a conversation: keep it, every later request needs it. */
  conversationToken: string | undefined;
}

export interface WaitHandlers {
  /** Text written so far (streamed). */
  onPartialText?: (text: string) => void;
  onStatus?: (status: string, position: number | undefined) => void;
}

export interface V2ChatClientOptions {
  apiBaseUrl: string;
  submitBackoff?: BackoffPolicy;
  /** Longest wait for an answer once the job is queued. */
  answerDeadlineMs?: number;
  /** `?wait=N` of each long-poll (the API honours up to 30). */
  longPollSeconds?: number;
  /** Interval of plain polling, the last fallback. */
  pollIntervalMs?: number;
  /** Set to false to skip SSE (tests, old browsers have no EventSource anyway). */
  useServerSentEvents?: boolean;
  /** Before each retry of a post: `error` is what the attempt met (the network, a 5xx). */
  onSubmitRetry?: (details: { attempt: number; delayMs: number; error: unknown }) => void;
}

export class V2ChatClient {
  readonly apiBaseUrl: string;
  private readonly submitBackoff: BackoffPolicy;
  private readonly answerDeadlineMs: number;
  private readonly longPollSeconds: number;
  private readonly pollIntervalMs: number;
  private readonly useServerSentEvents: boolean;
  private readonly onSubmitRetry: V2ChatClientOptions['onSubmitRetry'];
  /**
   * Waits run one after another: a conversation's messages are answered strictly in order, so
   * following only the oldest pending job delays nothing, and the tab keeps at most one event
   * stream or long-poll open (browsers allow 6 HTTP/1.1 connections per origin, which N parallel
   * streams would exhaust, stalling the next submit).
   */
  private waitLane: Promise<void> = Promise.resolve();

  constructor(options: V2ChatClientOptions) {
    this.apiBaseUrl = options.apiBaseUrl.replace(/\/+$/, '');
    this.submitBackoff = options.submitBackoff ?? defaultSubmitBackoff;
    this.answerDeadlineMs = options.answerDeadlineMs ?? 3 * 60_000;
    this.longPollSeconds = options.longPollSeconds ?? 25;
    this.pollIntervalMs = options.pollIntervalMs ?? 1500;
    this.useServerSentEvents = options.useServerSentEvents ?? typeof EventSource !== 'undefined';
    this.onSubmitRetry = options.onSubmitRetry;
  }

  /** POST /api/v2/chat, retried on network errors and 5xx with the same key and body. */
  async submit(message: OutgoingMessage, signal?: AbortSignal): Promise<SubmittedJob> {
    const body = JSON.stringify({
      user_id: message.userId,
      conversation_id: message.conversationId,
      message: message.text,
      timestamp: message.sentAt,
    });
    const response = await retryWithBackoff(
      () =>
        requestJson(`${this.apiBaseUrl}/api/v2/chat`, {
          method: 'POST',
          headers: {
            'Content-Type': 'application/json',
            'Idempotency-Key': message.idempotencyKey,
            ...(message.conversationToken ? { Authorization: `Bearer ${message.conversationToken}` } : {}),
          },
          body,
          timeoutMs: 20_000,
          signal,
        }),
      {
        ...this.submitBackoff,
        shouldRetry: isRetryableRequestError,
        onRetry: ({ attempt, delayMs, error }) => this.onSubmitRetry?.({ attempt, delayMs, error }),
        signal,
      },
    );
    const accepted = response.body as Record<string, unknown> | undefined;
    const jobId = typeof accepted?.job_id === 'string' ? accepted.job_id : undefined;
    if (!jobId) throw new HttpStatusError({ status: response.status, code: 'unexpected_response' });
    const pollPath = typeof accepted?.poll_url === 'string' ? accepted.poll_url : `/api/v2/chat/jobs/${encodeURIComponent(jobId)}`;
    const eventsPath = typeof accepted?.events_url === 'string' ? accepted.events_url : `${pollPath}/events`;
    const rateLimit = accepted?.rate_limit as { remaining?: unknown } | undefined;
    return {
      jobId,
      pollUrl: this.absoluteUrl(pollPath),
      eventsUrl: this.absoluteUrl(eventsPath),
      rateLimitRemaining: typeof rateLimit?.remaining === 'number' ? rateLimit.remaining : undefined,
      conversationToken: typeof accepted?.conversation_token === 'string' ? accepted.conversation_token : undefined,
    };
  }

  /** A job this widget did not submit in this page (pending when the page reloaded), to wait for its answer. */
  jobFor(jobId: string): SubmittedJob {
    const pollPath = `/api/v2/chat/jobs/${encodeURIComponent(jobId)}`;
    return { jobId, pollUrl: this.absoluteUrl(pollPath), eventsUrl: this.absoluteUrl(`${pollPath}/events`), rateLimitRemaining: undefined, conversationToken: undefined };
  }

  /** Resolves with the answer, or rejects with JobFailedError / NetworkError. */
  async waitForReply(job: SubmittedJob, handlers: WaitHandlers = {}, signal?: AbortSignal): Promise<ChatReply> {
    const previous = this.waitLane;
    let release!: () => void;
    this.waitLane = new Promise<void>((resolve) => (release = resolve));
    try {
      await previous;
      signal?.throwIfAborted();
      return await this.waitForReplyNow(job, handlers, signal);
    } finally {
      release();
    }
  }

  private async waitForReplyNow(job: SubmittedJob, handlers: WaitHandlers, signal?: AbortSignal): Promise<ChatReply> {
    const deadline = Date.now() + this.answerDeadlineMs;
    if (this.useServerSentEvents) {
      const viaEvents = await this.waitWithEvents(job, handlers, deadline, signal);
      if (viaEvents) return viaEvents;
    }
    return this.waitWithPolling(job, handlers, deadline, signal);
  }

  /**
   * Stored messages, oldest first, read with the conversation's token (`after`: only those stored
   * after that message); [] when the conversation is unknown or not readable with this token
   * (401/403), or was erased (410).
   */
  async loadHistory(conversationId: string, conversationToken?: string, options: { signal?: AbortSignal; after?: string } = {}): Promise<HistoryEntry[]> {
    const { signal, after } = options;
    const query = after ? `?after=${encodeURIComponent(after)}` : '';
    try {
      const response = await retryWithBackoff(
        () =>
          requestJson(`${this.apiBaseUrl}/api/v2/conversations/${encodeURIComponent(conversationId)}/messages${query}`, {
            method: 'GET',
            ...(conversationToken ? { headers: { Authorization: `Bearer ${conversationToken}` } } : {}),
            timeoutMs: 15_000,
            signal,
          }),
        { attempts: 3, baseDelayMs: 400, maxDelayMs: 3000, shouldRetry: isRetryableReadError, signal },
      );
      return historyFromMessagesBody(response.body);
    } catch (error) {
      if (error instanceof HttpStatusError && [401, 403, 404, 410].includes(error.status)) return [];
      throw error;
    }
  }

  private absoluteUrl(pathOrUrl: string): string {
    return new URL(pathOrUrl, `${this.apiBaseUrl}/`).toString();
  }

  /** Undefined when the stream cannot be used: the caller falls back to polling. */
  private async waitWithEvents(
    job: SubmittedJob,
    handlers: WaitHandlers,
    deadline: number,
    signal?: AbortSignal,
  ): Promise<ChatReply | undefined> {
    let partialText = '';
    const eventHandlers: JobEventHandlers = {
      onDelta: (delta) => {
        partialText += delta;
        handlers.onPartialText?.(partialText);
      },
      onReset: (text) => {
        partialText = text;
        handlers.onPartialText?.(partialText);
      },
      onStatus: (status, position) => handlers.onStatus?.(status, position),
    };
    const outcome = await followJobEvents(job.eventsUrl, eventHandlers, { deadline, signal });
    if (outcome.kind === 'unavailable') return undefined;
    if (outcome.kind === 'failed') throw new JobFailedError({ code: outcome.code, serverMessage: outcome.message });
    const reply = replyFromV2Result(outcome.result);
    if (reply) return reply;
    // The completed event did not carry the result: read the job once.
    return this.waitWithPolling(job, handlers, deadline, signal);
  }

  private async waitWithPolling(
    job: SubmittedJob,
    handlers: WaitHandlers,
    deadline: number,
    signal?: AbortSignal,
  ): Promise<ChatReply> {
    let longPoll = true;
    let consecutiveFailures = 0;
    while (Date.now() < deadline) {
      const url = new URL(job.pollUrl);
      const waitSeconds = Math.max(0, Math.min(this.longPollSeconds, Math.floor((deadline - Date.now()) / 1000)));
      if (longPoll) url.searchParams.set('wait', String(waitSeconds));
      const startedAt = Date.now();
      try {
        const response = await requestJson(url.toString(), {
          method: 'GET',
          timeoutMs: (longPoll ? waitSeconds * 1000 : 0) + 15_000,
          signal,
        });
        consecutiveFailures = 0;
        const view = response.body as Record<string, unknown> | undefined;
        const status = typeof view?.status === 'string' ? view.status : 'queued';
        if (status === 'completed') {
          const reply = replyFromV2Result(view?.result);
          if (reply) return reply;
          throw new JobFailedError({ code: 'malformed_result' });
        }
        if (status === 'failed') {
          const error = view?.error as { code?: unknown; message?: unknown } | undefined;
          throw new JobFailedError({
            code: typeof error?.code === 'string' ? error.code : 'failed',
            serverMessage: typeof error?.message === 'string' ? error.message : undefined,
          });
        }
        handlers.onStatus?.(status, typeof view?.position === 'number' ? view.position : undefined);
        if (typeof view?.partial_reply === 'string' && view.partial_reply !== '') handlers.onPartialText?.(view.partial_reply);
        // A server that ignores ?wait answers at once: never poll faster than the interval.
        const elapsed = Date.now() - startedAt;
        if (elapsed < this.pollIntervalMs) await sleep(this.pollIntervalMs - elapsed, signal);
      } catch (error) {
        if (!isRetryableReadError(error)) throw error;
        consecutiveFailures += 1;
        // Long-polls that keep failing (a proxy cutting idle requests): poll plainly instead.
        if (consecutiveFailures >= 2) longPoll = false;
        const delay = Math.min(10_000, this.pollIntervalMs * 2 ** Math.min(consecutiveFailures - 1, 4));
        await sleep(Math.min(delay, Math.max(0, deadline - Date.now())), signal);
      }
    }
    throw new NetworkError('no answer before the deadline');
  }
}
