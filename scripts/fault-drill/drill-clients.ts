import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { ServerSentEventsReader } from '../../services/api/src/testing/server-sent-events-reader.ts';

/**
 * Clients of the fault drill that behave as the widget and the inbox do: every post carries an
 * Idempotency-Key kept across its retries (503, 429, a connection error, a timeout), waits with
 * `Prefer: wait`, then follows a job that did not end in time by long-poll or by its event stream
 * (Last-Event-ID on reconnects). Every request is recorded with its kind, status and duration.
 */

export interface RecordedRequest {
  kind: string;
  status: number;
  /** A request still unanswered when the client gave up (its budget plus a margin). */
  timedOut: boolean;
  latencyMs: number;
  at: number;
  budgetMs: number;
}

export const requests: RecordedRequest[] = [];

export async function recordedFetch(kind: string, url: string, init: RequestInit, budgetMs: number): Promise<{ status: number; body: any; timedOut: boolean }> {
  const startedAt = Date.now();
  const controller = new AbortController();
  // The client gives up 5 s past the budget: anything past the budget counts as a hang.
  const timer = setTimeout(() => controller.abort(), budgetMs + 5_000);
  let status = 0;
  let body: any;
  let timedOut = false;
  try {
    const response = await fetch(url, { ...init, signal: controller.signal });
    status = response.status;
    const text = await response.text();
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = text;
    }
  } catch {
    timedOut = controller.signal.aborted;
  } finally {
    clearTimeout(timer);
  }
  requests.push({ kind, status, timedOut, latencyMs: Date.now() - startedAt, at: startedAt, budgetMs });
  return { status, body, timedOut };
}

export interface SentMessage {
  conversationId: string;
  text: string;
  jobId?: string;
  acceptedAt?: number;
  postAttempts: number;
  end?: { status: string; result?: any; at: number };
  escalating: boolean;
}

const retriable = (status: number) => status === 0 || status === 503 || status === 429 || status === 502 || status === 504;

/** Opens a conversation with an Idempotency-Key (retried until it has its token). */
export async function openConversation(baseUrls: string[], conversationId: string): Promise<string> {
  const key = randomUUID();
  for (let attempt = 0; ; attempt++) {
    const reply = await recordedFetch('open', `${baseUrls[attempt % baseUrls.length]}/api/v2/conversations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': key },
      body: JSON.stringify({ user_id: `drill-${conversationId}`, conversation_id: conversationId }),
    }, 6_000);
    if ((reply.status === 201 || reply.status === 200) && typeof reply.body?.conversation_token === 'string') return reply.body.conversation_token;
    if (!retriable(reply.status) && reply.status < 500) throw new Error(`open ${conversationId}: ${reply.status} ${JSON.stringify(reply.body)}`);
    await sleep(Math.min(5_000, 500 * 2 ** Math.min(attempt, 3)));
  }
}

/** Posts one message as the widget does and follows it to its end (or `endBudgetMs`). */
export async function sendAndFollow(options: {
  baseUrls: string[];
  startIndex: number;
  message: SentMessage;
  token: string;
  follow: 'long-poll' | 'job-events';
  endBudgetMs: number;
}): Promise<void> {
  const { baseUrls, message, token } = options;
  const key = randomUUID();
  const authorization = { authorization: `Bearer ${token}` };
  const giveUpAt = Date.now() + options.endBudgetMs;
  let attempt = 0;
  while (Date.now() < giveUpAt) {
    const baseUrl = baseUrls[(options.startIndex + attempt) % baseUrls.length]!;
    attempt += 1;
    message.postAttempts = attempt;
    const reply = await recordedFetch('post', `${baseUrl}/api/v2/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': key, prefer: 'wait=10', ...authorization },
      body: JSON.stringify({ user_id: `drill-${message.conversationId}`, conversation_id: message.conversationId, message: message.text }),
    }, 16_000);
    if (reply.status === 200 || reply.status === 202) {
      message.jobId = reply.body.job_id;
      message.acceptedAt ??= Date.now();
      if (reply.status === 200 && (reply.body.status === 'completed' || reply.body.status === 'failed')) {
        message.end = { status: reply.body.status, result: reply.body.result, at: Date.now() };
        return;
      }
      break;
    }
    if (!retriable(reply.status) && reply.status < 500) {
      message.end = { status: `refused-${reply.status}`, at: Date.now() };
      return;
    }
    await sleep(Math.min(4_000, 300 * 2 ** Math.min(attempt, 4)));
  }
  if (!message.jobId) {
    message.end = { status: 'never-accepted', at: Date.now() };
    return;
  }
  message.end = options.follow === 'long-poll'
    ? await longPollJob(baseUrls, options.startIndex, message.jobId, giveUpAt)
    : await followJobEvents(baseUrls, options.startIndex, message.jobId, giveUpAt);
}

async function longPollJob(baseUrls: string[], startIndex: number, jobId: string, giveUpAt: number): Promise<{ status: string; result?: any; at: number }> {
  for (let attempt = 0; Date.now() < giveUpAt; attempt++) {
    const reply = await recordedFetch('long-poll', `${baseUrls[(startIndex + attempt) % baseUrls.length]}/api/v2/chat/jobs/${jobId}?wait=10`, {}, 16_000);
    if (reply.status === 200 && (reply.body?.status === 'completed' || reply.body?.status === 'failed')) return { status: reply.body.status, result: reply.body.result, at: Date.now() };
    if (reply.status !== 200) await sleep(500);
  }
  return { status: 'timeout', at: Date.now() };
}

/** Reads the job's SSE until `completed` / `failed`, reconnecting with Last-Event-ID; a 204 reads the job. */
async function followJobEvents(baseUrls: string[], startIndex: number, jobId: string, giveUpAt: number): Promise<{ status: string; result?: any; at: number }> {
  let lastEventId: string | undefined;
  for (let attempt = 0; Date.now() < giveUpAt; attempt++) {
    const baseUrl = baseUrls[(startIndex + attempt) % baseUrls.length]!;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), Math.max(1_000, giveUpAt - Date.now()));
    const startedAt = Date.now();
    let status = 0;
    try {
      const response = await fetch(`${baseUrl}/api/v2/chat/jobs/${jobId}/events`, {
        headers: { accept: 'text/event-stream', ...(lastEventId ? { 'last-event-id': lastEventId } : {}) },
        signal: controller.signal,
      });
      status = response.status;
      requests.push({ kind: 'job-events', status, timedOut: false, latencyMs: Date.now() - startedAt, at: startedAt, budgetMs: 10_000 });
      if (status === 204) {
        const reply = await recordedFetch('long-poll', `${baseUrl}/api/v2/chat/jobs/${jobId}?wait=1`, {}, 6_000);
        if (reply.status === 200 && (reply.body?.status === 'completed' || reply.body?.status === 'failed')) return { status: reply.body.status, result: reply.body.result, at: Date.now() };
        continue;
      }
      if (status !== 200 || !response.body) {
        await response.body?.cancel();
        await sleep(500);
        continue;
      }
      const reader = new ServerSentEventsReader(response.body);
      for (let event = await reader.next(); event !== undefined; event = await reader.next()) {
        if (event.id !== undefined) lastEventId = event.id;
        if (event.event === 'completed' || event.event === 'failed') {
          controller.abort();
          const data = event.data as { result?: unknown } | undefined;
          return { status: event.event, result: data?.result ?? data, at: Date.now() };
        }
      }
    } catch {
      if (status === 0) requests.push({ kind: 'job-events', status: 0, timedOut: false, latencyMs: Date.now() - startedAt, at: startedAt, budgetMs: 10_000 });
      await sleep(500);
    } finally {
      clearTimeout(timer);
    }
  }
  return { status: 'timeout', at: Date.now() };
}
