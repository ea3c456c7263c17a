import { HttpStatusError } from './chat-client-errors.ts';
import {
  conversationStateOf,
  conversationUpdateOf,
  historyEntryOf,
  operatorNameOf,
  stateChangeReasonOf,
  type ConversationState,
  type ConversationUpdate,
  type StateChangeReason,
} from './chat-reply.ts';
import { requestJson } from './http-json-request.ts';
import { sleep } from './retry-with-backoff.ts';
import { ServerSentEventsParser } from './server-sent-events-parser.ts';

/**
 * Follows a conversation for the visitor (issue 12): new messages from any author and hand-over
 * state changes. First `GET /api/v2/conversations/:id/events` read with fetch (EventSource cannot
 * send the conversation token), resuming with `Last-Event-ID` after a drop; when the stream keeps
 * failing without delivering anything (a proxy that buffers or cuts it, no streaming fetch), the
 * long-poll `GET …/messages?after=<message id>&wait=N` instead (bytes that arrive, heartbeats
 * included, count as progress: a buffering proxy delivers none), and the stream again after
 * STREAM_RETRY_AFTER_MS. Ends for good on 204 (the
 * conversation is closed) or when the conversation is no longer readable (401/403/404/410).
 */
export interface ConversationFollowOptions {
  apiBaseUrl: string;
  conversationId: string;
  token: string | undefined;
  /** Resume after this stream id (`last_event_id` of GET /api/v2/conversations/:id); none: the stream opens with a snapshot. */
  lastEventId?: string;
  /**
   * The state the widget shows (read with `lastEventId`, or known since): a long-poll taking over
   * before any state event compares the next state with it. Unknown, the first state polled is
   * taken for a snapshot: a hand-back, or a join while a buffering proxy held the stream back
   * (opened without an event id), was not told.
   */
  shownState?: ConversationState;
  /** The newest stored message the widget shows (the long-poll's `after`). */
  lastMessageId?: string;
  onUpdate(update: ConversationUpdate): void;
  onEnd?(reason: 'closed' | 'refused'): void;
  longPollSeconds?: number;
  /** False: long-poll only (tests; environments without streaming fetch). */
  useStreaming?: boolean;
  /** A stream whose first byte has not come within this long is stuck behind something (default STREAM_FIRST_BYTE_MS). */
  streamFirstByteMs?: number;
  /** Long-polling since this long, the stream is tried again (default STREAM_RETRY_AFTER_MS). */
  streamRetryAfterMs?: number;
}

export interface ConversationFollower {
  stop(): void;
}

/** Failed stream attempts (refused, an error status, cut) before the long-poll takes over. */
const FAILURES_BEFORE_LONG_POLL = 3;
/**
 * The server writes the stream's first bytes (its retry delay, a snapshot) as soon as it opens it:
 * none within STREAM_FIRST_BYTE_MS, the answer is held by something between (a proxy that buffers
 * until the end). This many such attempts, and the long-poll takes over: about 20 s, where waiting
 * for the idle limit three times took three minutes before an operator's reply showed.
 */
const HELD_BACK_ATTEMPTS_BEFORE_LONG_POLL = 2;
const STREAM_FIRST_BYTE_MS = 10_000;
/** Long-polling since this long: the stream is tried again (the proxy or the outage may be gone). */
const STREAM_RETRY_AFTER_MS = 5 * 60_000;
/** No byte at all (not even a heartbeat, every 15 s) for this long once the stream flowed: it is stuck. */
const STREAM_IDLE_MS = 60_000;
const MIN_POLL_INTERVAL_MS = 1500;

/** `heldBack`: a stream attempt given up because not one byte came within STREAM_FIRST_BYTE_MS. */
type Attempt = { kind: 'closed' | 'refused' | 'stopped' | 'unsupported' } | { kind: 'dropped'; progressed: boolean; heldBack?: boolean };

export function followConversation(options: ConversationFollowOptions): ConversationFollower {
  const stopController = new AbortController();
  const base = `${options.apiBaseUrl.replace(/\/+$/, '')}/api/v2/conversations/${encodeURIComponent(options.conversationId)}`;
  const authorization: Record<string, string> = options.token ? { Authorization: `Bearer ${options.token}` } : {};
  let lastEventId = options.lastEventId;
  let lastMessageId = options.lastMessageId;
  let polledState: ConversationState | undefined = options.shownState;

  const deliver = (update: ConversationUpdate) => {
    if (update.kind === 'message' && update.entry.id) lastMessageId = update.entry.id;
    if (update.kind === 'state') polledState = update.state;
    options.onUpdate(update);
  };

  async function streamOnce(): Promise<Attempt> {
    const controller = new AbortController();
    const onStop = () => controller.abort();
    stopController.signal.addEventListener('abort', onStop, { once: true });
    let idleTimer: ReturnType<typeof setTimeout> | undefined;
    let progressed = false;
    let heldBack = false;
    const armIdleTimer = () => {
      clearTimeout(idleTimer);
      idleTimer = progressed
        ? setTimeout(() => controller.abort(), STREAM_IDLE_MS)
        : setTimeout(() => ((heldBack = true), controller.abort()), options.streamFirstByteMs ?? STREAM_FIRST_BYTE_MS);
    };
    try {
      armIdleTimer();
      const response = await fetch(`${base}/events`, {
        headers: { Accept: 'text/event-stream', ...authorization, ...(lastEventId ? { 'Last-Event-ID': lastEventId } : {}) },
        cache: 'no-store',
        signal: controller.signal,
      });
      const isStream = response.ok && response.body !== null && (response.headers.get('content-type') ?? '').includes('text/event-stream');
      // A response that is not read is cancelled, so the connection is not held open.
      if (!isStream) await response.body?.cancel().catch(() => undefined);
      if (response.status === 204) return { kind: 'closed' };
      if ([401, 403, 404, 410].includes(response.status)) return { kind: 'refused' };
      if (!response.ok) return { kind: 'dropped', progressed };
      if (!isStream || !response.body) return { kind: 'unsupported' };
      const parser = new ServerSentEventsParser((event) => {
        if (event.id) lastEventId = event.id;
        let data: unknown;
        try {
          data = JSON.parse(event.data);
        } catch {
          return;
        }
        const update = conversationUpdateOf(event.type, data);
        if (update) deliver(update);
      });
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return { kind: 'dropped', progressed };
        // Bytes arrive (events, heartbeats): streaming works here, whatever cuts the connection later.
        progressed = true;
        armIdleTimer();
        parser.push(value);
      }
    } catch {
      return stopController.signal.aborted ? { kind: 'stopped' } : { kind: 'dropped', progressed, heldBack };
    } finally {
      clearTimeout(idleTimer);
      stopController.signal.removeEventListener('abort', onStop);
    }
  }

  async function longPollOnce(): Promise<Attempt> {
    const url = new URL(`${base}/messages`);
    url.searchParams.set('wait', String(options.longPollSeconds ?? 25));
    if (lastMessageId) url.searchParams.set('after', lastMessageId);
    if (polledState) url.searchParams.set('state', polledState);
    const startedAt = Date.now();
    try {
      const response = await requestJson(url.toString(), {
        method: 'GET',
        headers: authorization,
        timeoutMs: (options.longPollSeconds ?? 25) * 1000 + 15_000,
        signal: stopController.signal,
      });
      const body = (response.body ?? {}) as Record<string, unknown>;
      // The stream, once back, resumes after what this answer told (not from an older id: a replay).
      if (typeof body.last_event_id === 'string' && body.last_event_id !== '') lastEventId = body.last_event_id;
      const messages = (Array.isArray(body.messages) ? body.messages : []).map(historyEntryOf).filter((entry) => entry !== undefined);
      for (const entry of messages) deliver({ kind: 'message', entry });
      const state = conversationStateOf(body.state);
      const stateChanged = state !== undefined && state !== polledState;
      // The server's reason of the latest change when it gives one (a cancel and a hand-back both lead back to `ai`).
      const told = polledState === undefined ? undefined : stateChangeReasonOf(body.state_reason);
      if (stateChanged) deliver({ kind: 'state', state, operatorName: operatorNameOf(body), reason: told ?? reasonOfChange(polledState, state) });
      // As the stream does (204): nothing more comes for a closed conversation.
      if (state === 'closed') return { kind: 'closed' };
      // A server that ignores ?wait answers at once with nothing new: never poll faster than the interval.
      const elapsed = Date.now() - startedAt;
      if (messages.length === 0 && !stateChanged && elapsed < MIN_POLL_INTERVAL_MS) await sleep(MIN_POLL_INTERVAL_MS - elapsed, stopController.signal);
      return { kind: 'dropped', progressed: true };
    } catch (error) {
      if (stopController.signal.aborted) return { kind: 'stopped' };
      if (error instanceof HttpStatusError && [401, 403, 404, 410].includes(error.status)) return { kind: 'refused' };
      return { kind: 'dropped', progressed: false };
    }
  }

  void (async () => {
    const canStream = options.useStreaming ?? (typeof ReadableStream !== 'undefined' && typeof TextDecoderStream !== 'undefined');
    let streaming = canStream;
    let failures = 0;
    let heldBackAttempts = 0;
    let longPollingSince = 0;
    while (!stopController.signal.aborted) {
      if (!streaming && canStream && Date.now() - longPollingSince >= (options.streamRetryAfterMs ?? STREAM_RETRY_AFTER_MS)) {
        streaming = true;
        failures = 0;
        heldBackAttempts = 0;
      }
      const attempt = streaming ? await streamOnce() : await longPollOnce();
      if (attempt.kind === 'stopped') return;
      if (attempt.kind === 'closed' || attempt.kind === 'refused') {
        options.onEnd?.(attempt.kind);
        return;
      }
      if (attempt.kind === 'unsupported') {
        streaming = false;
        longPollingSince = Number.POSITIVE_INFINITY;
        continue;
      }
      const progressed = attempt.kind === 'dropped' && attempt.progressed;
      failures = progressed ? 0 : failures + 1;
      heldBackAttempts = progressed ? 0 : heldBackAttempts + (attempt.kind === 'dropped' && attempt.heldBack ? 1 : 0);
      if (streaming && (failures >= FAILURES_BEFORE_LONG_POLL || heldBackAttempts >= HELD_BACK_ATTEMPTS_BEFORE_LONG_POLL)) {
        streaming = false;
        failures = 0;
        longPollingSince = Date.now();
      }
      const delayMs = failures === 0 ? (streaming ? 500 : 0) : Math.min(15_000, 1000 * 2 ** Math.min(failures, 4));
      try {
        if (delayMs > 0) await sleep(delayMs, stopController.signal);
      } catch {
        return;
      }
    }
  })();

  return { stop: () => stopController.abort() };
}

/** The reason a long-poll infers from two successive states. */
export function reasonOfChange(previous: ConversationState | undefined, next: ConversationState): StateChangeReason {
  if (previous === undefined) return 'snapshot';
  if (next === 'human') return 'joined';
  if (next === 'closed') return 'closed';
  if (next === 'waiting_human') return 'escalated';
  return previous === 'closed' ? 'reopened' : 'handed_back';
}
