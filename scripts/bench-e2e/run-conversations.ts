import { randomUUID } from 'node:crypto';
import { percentile } from '../bench/statistics.ts';
import { BENCH_QUESTIONS as QUESTIONS } from '../bench/questions.ts';

/** Long-poll length of one GET (the API caps it at MAX_WAIT_SECONDS); a job may take several. */
const LONG_POLL_SECONDS = 30;
/** A message not answered within this long counts as failed. */
const ANSWER_DEADLINE_MS = 120_000;
/** A 503 (a dependency too slow right now) is retried after this pause, as the widget does. */
const RETRY_AFTER_503_MS = 500;

export interface ConversationsRun {
  answered: number;
  failed: number;
  wallMs: number;
  messagesPerSecond: number;
  latencyMs: { p50: number; p95: number; max: number };
  /** 503 answers (dependency_unavailable) retried, submits and long-polls together. */
  retriedAfter503: number;
  /** The first few failures, for the report. */
  failures: string[];
}

interface JobView {
  job_id: string;
  status: string;
  poll_url?: string;
  conversation_token?: string;
}

/**
 * `conversations` conversations at once, each sending `messagesPerConversation` messages one
 * after the other like the widget: POST /api/v2/chat (202), then GET poll_url?wait=30 until
 * the job is completed or failed (with the conversation token once the first answer gave it).
 * A 503 is retried after a pause, as the widget does, and counted.
 */
export async function runConversations(options: {
  baseUrl: string;
  conversations: number;
  messagesPerConversation: number;
  label: string;
}): Promise<ConversationsRun> {
  const latencies: number[] = [];
  const failures: string[] = [];
  let failed = 0;
  const retries = { count: 0 };
  const startedAt = performance.now();
  await Promise.all(
    Array.from({ length: options.conversations }, async (_, conversationIndex) => {
      const conversationId = `${options.label}-${randomUUID()}`;
      let token: string | undefined;
      for (let messageIndex = 0; messageIndex < options.messagesPerConversation; messageIndex += 1) {
        const sentAt = performance.now();
        try {
          const question = QUESTIONS[(conversationIndex + messageIndex) % QUESTIONS.length]!;
          const outcome = await askAndWait(options.baseUrl, conversationId, `visitor-${conversationIndex}`, question, token, retries);
          token ??= outcome.token;
          if (outcome.status !== 'completed') throw new Error(`job ${outcome.jobId} ended ${outcome.status}`);
          latencies.push(performance.now() - sentAt);
        } catch (error) {
          failed += 1;
          if (failures.length < 5) failures.push((error as Error).message);
        }
      }
    }),
  );
  const wallMs = performance.now() - startedAt;
  return {
    answered: latencies.length,
    failed,
    wallMs,
    messagesPerSecond: latencies.length / (wallMs / 1000),
    latencyMs: { p50: percentile(latencies, 50), p95: percentile(latencies, 95), max: Math.max(...latencies) },
    retriedAfter503: retries.count,
    failures,
  };
}

async function askAndWait(
  baseUrl: string,
  conversationId: string,
  userId: string,
  message: string,
  token: string | undefined,
  retries: { count: number },
): Promise<{ jobId: string; status: string; token: string | undefined }> {
  const deadline = performance.now() + ANSWER_DEADLINE_MS;
  /** fetch + JSON, retrying 503s until the deadline. */
  const request = async (url: URL | string, init: RequestInit): Promise<{ status: number; body: JobView }> => {
    for (;;) {
      const response = await fetch(url, init);
      const body = (await response.json()) as JobView;
      if (response.status !== 503 || performance.now() > deadline) return { status: response.status, body };
      retries.count += 1;
      await new Promise((resolve) => setTimeout(resolve, RETRY_AFTER_503_MS));
    }
  };
  const authorization: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  // The same Idempotency-Key on a retried submit: one message, whatever the first attempt did.
  const idempotencyKey = `${conversationId}-${randomUUID()}`;
  const submitted = await request(`${baseUrl}/api/v2/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': idempotencyKey, ...authorization },
    body: JSON.stringify({ user_id: userId, conversation_id: conversationId, message }),
  });
  const body = submitted.body;
  if (submitted.status !== 202 && submitted.status !== 200) throw new Error(`submit answered ${submitted.status}: ${JSON.stringify(body)}`);
  const newToken = body.conversation_token ?? token;
  const readHeaders: Record<string, string> = newToken ? { authorization: `Bearer ${newToken}` } : {};
  const pollUrl = new URL(body.poll_url ?? `/api/v2/chat/jobs/${body.job_id}`, baseUrl);
  pollUrl.searchParams.set('wait', String(LONG_POLL_SECONDS));
  let view = body;
  while (view.status !== 'completed' && view.status !== 'failed') {
    if (performance.now() > deadline) throw new Error(`job ${body.job_id} not answered within ${ANSWER_DEADLINE_MS} ms`);
    const polled = await request(pollUrl, { headers: readHeaders });
    view = polled.body;
    if (polled.status !== 200) throw new Error(`long-poll answered ${polled.status}: ${JSON.stringify(view)}`);
  }
  return { jobId: body.job_id, status: view.status, token: newToken };
}
