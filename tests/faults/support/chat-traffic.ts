import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Visitor traffic for the fault suite: numbered messages per conversation, every request timed,
 * every accepted message followed to its end, then the store checked for exactly-once and order.
 */

export interface SentMessage {
  conversationId: string;
  text: string;
  status: number;
  jobId?: string;
  sentAt: number;
  latencyMs: number;
}

export interface TimedResponse {
  status: number;
  latencyMs: number;
  at: number;
  body: unknown;
  /** The Retry-After header, when the answer had one. */
  retryAfter: string | null;
}

export async function timedFetch(url: string, init?: RequestInit, timeoutMs = 10_000): Promise<TimedResponse> {
  const startedAt = Date.now();
  try {
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON
    }
    return { status: response.status, latencyMs: Date.now() - startedAt, at: startedAt, body, retryAfter: response.headers.get('retry-after') };
  } catch {
    return { status: 0, latencyMs: Date.now() - startedAt, at: startedAt, body: undefined, retryAfter: null };
  }
}

export async function postMessage(baseUrl: string, conversationId: string, text: string): Promise<SentMessage> {
  const response = await timedFetch(`${baseUrl}/api/v2/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ user_id: 'fault-visitor', conversation_id: conversationId, message: text }),
  }, 30_000);
  const jobId = (response.body as { job_id?: unknown } | undefined)?.job_id;
  return { conversationId, text, status: response.status, ...(typeof jobId === 'string' ? { jobId } : {}), sentAt: response.at, latencyMs: response.latencyMs };
}

/** Long-polls a job until it ends (or `timeoutMs`); tolerant of an API that is briefly away. */
export async function waitForJobEnd(baseUrl: string, jobId: string, timeoutMs: number): Promise<{ status: string; endedAt: number; view: unknown }> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const response = await timedFetch(`${baseUrl}/api/v2/chat/jobs/${jobId}?wait=10`, undefined, 15_000);
    const status = (response.body as { status?: unknown } | undefined)?.status;
    if (response.status === 200 && (status === 'completed' || status === 'failed')) return { status, endedAt: Date.now(), view: response.body };
    if (response.status !== 200) await sleep(250);
  }
  return { status: 'timeout', endedAt: Date.now(), view: undefined };
}

/** Sends one numbered message to each conversation every `intervalMs` until `until()` says stop. */
export async function sendTraffic(options: {
  baseUrl: string;
  conversations: string[];
  intervalMs: number;
  until: () => boolean;
  sent: SentMessage[];
}): Promise<void> {
  const counters = new Map<string, number>();
  while (!options.until()) {
    const round = options.conversations.map(async (conversationId) => {
      const index = (counters.get(conversationId) ?? 0) + 1;
      counters.set(conversationId, index);
      options.sent.push(await postMessage(options.baseUrl, conversationId, `Message ${index} : comment automatiser mes emails avec Kajabi ?`));
    });
    await Promise.all([Promise.all(round), sleep(options.intervalMs)]);
  }
}

export interface StoreCheck {
  lost: number;
  doubled: number;
  outOfOrder: number;
  repliesMissing: number;
}

/**
 * Reads each conversation's stored messages (through the API) and checks them against what was
 * accepted: every accepted user message stored once with one reply after it, in acceptance order.
 */
/** Reads of a conversation tried at most, a second apart: a read refused (503) on a slow or loaded dependency is not a loss. */
const STORE_READ_ATTEMPTS = 10;

/** A conversation's stored messages, read as a client would: a 503 or a cut read is tried again; anything else throws. */
async function readConversation(baseUrl: string, conversationId: string): Promise<TimedResponse> {
  for (let attempt = 1; ; attempt++) {
    const response = await timedFetch(`${baseUrl}/api/v2/conversations/${encodeURIComponent(conversationId)}/messages?limit=1000`);
    if (response.status === 200 && Array.isArray((response.body as { messages?: unknown } | undefined)?.messages)) return response;
    if ((response.status !== 503 && response.status !== 0) || attempt >= STORE_READ_ATTEMPTS) {
      throw new Error(`could not read conversation ${conversationId} to check the store: status ${response.status} after ${attempt} attempts`);
    }
    await sleep(1_000);
  }
}

export async function checkStore(baseUrl: string, accepted: SentMessage[]): Promise<StoreCheck> {
  const result: StoreCheck = { lost: 0, doubled: 0, outOfOrder: 0, repliesMissing: 0 };
  const byConversation = new Map<string, SentMessage[]>();
  for (const message of accepted) byConversation.set(message.conversationId, [...(byConversation.get(message.conversationId) ?? []), message]);
  for (const [conversationId, messages] of byConversation) {
    const response = await readConversation(baseUrl, conversationId);
    const stored = (response.body as { messages: Array<{ role: string; content: string }> }).messages;
    const userTexts = stored.filter((message) => message.role === 'user').map((message) => message.content);
    for (const message of messages) {
      const count = userTexts.filter((text) => text === message.text).length;
      if (count === 0) result.lost += 1;
      if (count > 1) result.doubled += count - 1;
    }
    const acceptedOrder = messages.map((message) => message.text);
    const storedOrder = userTexts.filter((text) => acceptedOrder.includes(text));
    const deduplicated = storedOrder.filter((text, index) => storedOrder.indexOf(text) === index);
    for (let index = 0; index < deduplicated.length; index++) if (deduplicated[index] !== acceptedOrder.filter((text) => deduplicated.includes(text))[index]) result.outOfOrder += 1;
    // Every user message is followed by exactly one assistant reply.
    for (let index = 0; index < stored.length; index++) {
      if (stored[index]!.role !== 'user') continue;
      if (stored[index + 1]?.role !== 'assistant') result.repliesMissing += 1;
    }
  }
  return result;
}

/**
 * Waits (instead of a fixed pause) until `sendTraffic` has had a message sent at or after `since`
 * accepted (202 with a job id), and returns it: the traffic is flowing through the API.
 */
export async function waitForAcceptedMessage(sent: SentMessage[], since: number, timeoutMs = 60_000): Promise<SentMessage> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const accepted = sent.find((message) => message.sentAt >= since && message.status === 202 && message.jobId);
    if (accepted) return accepted;
    if (Date.now() > deadline) throw new Error(`no message sent since ${new Date(since).toISOString()} was accepted within ${timeoutMs} ms (statuses ${[...new Set(sent.map((message) => message.status))].join('/')})`);
    await sleep(50);
  }
}

/**
 * Waits until every one of `conversations` has had a message accepted: each conversation exists
 * (a visitor's first message looks its conversation up in the database, so a first message sent
 * while the database is away is refused, unlike the next ones, which need only Redis).
 */
export async function waitForEveryConversationAccepted(sent: SentMessage[], conversations: string[], timeoutMs = 60_000): Promise<SentMessage[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const firstAccepted = conversations.map((conversationId) => sent.find((message) => message.conversationId === conversationId && message.status === 202 && message.jobId));
    if (firstAccepted.every((message) => message !== undefined)) return firstAccepted as SentMessage[];
    if (Date.now() > deadline) throw new Error(`not every conversation had a message accepted within ${timeoutMs} ms (statuses ${[...new Set(sent.map((message) => message.status))].join('/')})`);
    await sleep(50);
  }
}

/**
 * After a fault healed, waits until the API sees Redis and the database up again (/health) and a
 * message sent after `healedAt` was accepted: the stack has recovered, whatever its backoff took.
 */
export async function waitUntilRecovered(baseUrl: string, sent: SentMessage[], healedAt: number, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const health = await timedFetch(`${baseUrl}/health`, undefined, 5_000);
    const services = (health.body as { services?: Record<string, { status?: string }> } | undefined)?.services;
    if (services?.redis?.status === 'up' && services.database?.status === 'up') break;
    if (Date.now() > deadline) throw new Error(`the API did not see Redis and the database up within ${timeoutMs} ms: ${JSON.stringify(health.body)}`);
    await sleep(100);
  }
  await waitForAcceptedMessage(sent, healedAt, Math.max(1_000, deadline - Date.now()));
}
