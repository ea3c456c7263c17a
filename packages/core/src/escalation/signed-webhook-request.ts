import type { AppConfig } from '../config/config.ts';
import { FORCED_CLOSE_WAIT_MS, HAND_BACK_MS } from '../jobs/drain-worker.ts';
import { ESCALATION_SIGNATURE_HEADER, signEscalationBody } from './escalation-signature.ts';

/**
 * One signed JSON POST to the team's webhook (ESCALATION_WEBHOOK_URL), shared by the escalation
 * deliveries and the hand-over events: `X-Lac-Signature` over "<t>.<raw body>" when a secret is set,
 * a timeout, no redirects, the answer's body read (the connection is reused). The outcome is data;
 * each caller turns a refusal into its own error (retried by its queue).
 */
export type SignedWebhookOutcome =
  | { delivered: true; httpStatus: number }
  | { delivered: false; httpStatus: number | null; reason: string; cause?: unknown };

export async function postSignedWebhook(options: {
  url: string;
  secret: string | undefined;
  timeoutMs: number;
  body: string;
  /** Headers of this kind of request (ids, attempt, user agent); content type and signature are added. */
  headers: Record<string, string>;
  sentAt: Date;
  fetchImpl?: typeof fetch;
}): Promise<SignedWebhookOutcome> {
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8', ...options.headers };
  if (options.secret) {
    headers[ESCALATION_SIGNATURE_HEADER.toLowerCase()] = signEscalationBody(options.secret, options.body, Math.floor(options.sentAt.getTime() / 1000));
  }
  let response: Response;
  try {
    response = await (options.fetchImpl ?? fetch)(options.url, {
      method: 'POST',
      headers,
      body: options.body,
      signal: AbortSignal.timeout(options.timeoutMs),
      redirect: 'error',
    });
  } catch (error) {
    return { delivered: false, httpStatus: null, reason: `webhook request failed: ${error instanceof Error ? error.message : String(error)}`, cause: error };
  }
  await response.arrayBuffer().catch(() => undefined);
  if (response.status < 200 || response.status >= 300) return { delivered: false, httpStatus: response.status, reason: `webhook answered HTTP ${response.status}` };
  return { delivered: true, httpStatus: response.status };
}

/** Job options of every webhook delivery queue (escalations, hand-over events): same retries and retention. */
export function webhookDeliveryJobOptions(
  config: Pick<AppConfig, 'ESCALATION_DELIVERY_ATTEMPTS' | 'ESCALATION_DELIVERY_BACKOFF_MS' | 'COMPLETED_JOB_RETENTION_SECONDS' | 'FAILED_JOB_RETENTION_SECONDS'>,
) {
  return {
    attempts: config.ESCALATION_DELIVERY_ATTEMPTS,
    backoff: { type: 'exponential', delay: config.ESCALATION_DELIVERY_BACKOFF_MS },
    removeOnComplete: { age: config.COMPLETED_JOB_RETENTION_SECONDS },
    removeOnFail: { age: config.FAILED_JOB_RETENTION_SECONDS },
  };
}

/**
 * How long a webhook worker's drain waits, once SHUTDOWN_GRACE_MS has passed, for its jobs to end
 * before forcing its close: a request sent before the grace ended gets its whole timeout
 * (ESCALATION_WEBHOOK_TIMEOUT_MS) plus a second to record its answer, within the process's own
 * closing margin (SHUTDOWN_CLOSE_MARGIN_MS less the forced close's wait and a second for the closes
 * after the drain: 7 s by default), never less than HAND_BACK_MS. A request forced past this is cut by the exit and sent again by the next
 * worker (receivers deduplicate on its id): with the 5 s of other workers, a receiver answering in
 * 6 s got every case in flight at the grace's end twice.
 */
export function webhookHandBackMs(config: Pick<AppConfig, 'ESCALATION_WEBHOOK_TIMEOUT_MS' | 'SHUTDOWN_CLOSE_MARGIN_MS'>): number {
  return Math.max(HAND_BACK_MS, Math.min(config.ESCALATION_WEBHOOK_TIMEOUT_MS + 1_000, config.SHUTDOWN_CLOSE_MARGIN_MS - FORCED_CLOSE_WAIT_MS - 1_000));
}
