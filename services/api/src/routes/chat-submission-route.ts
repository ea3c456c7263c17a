import type { RequestHandler, Response } from 'express';
import { z } from 'zod';
import { chatAcceptedSchema, chatJobViewSchema, chatRequestAsActedOn, chatRequestSchema, type AppConfig } from '@lac/core';
import type { ChatJobReaderPort, ChatSubmitterPort, ClientRateLimiterPort, JobEventHubPort, RateLimitStatusView } from '../app-dependencies.ts';
import { IdempotencyConflictError, InvalidRequestError } from '../http/api-errors.ts';
import { requestLifetimeSignal } from '../http/abort-signals.ts';
import { RATE_LIMITED_MESSAGE, rateLimitedErrorBodySchema } from '../http/error-body-schemas.ts';
import { parseRequestPart } from '../http/parse-request-part.ts';
import { CHAT_IDEMPOTENCY_KEY_MAX_CHARACTERS, idempotencyKeyReader } from '../http/idempotency-key-header.ts';
import { retryAfterSeconds, setRateLimitHeaders } from '../http/rate-limit-headers.ts';
import { conversationAccessOf } from '../http/conversation-access-middleware.ts';
import { clientAddressOf } from '../http/client-address.ts';
import { sendJson } from '../http/send-json.ts';
import { waitSecondsFromPreferHeader } from '../http/wait-preference.ts';
import type { ApiMetrics } from '../metrics/api-metrics.ts';
import { jobEventsPath, jobPollPath } from './job-urls.ts';
import { isTerminalJobView, waitForJobEnd } from './wait-for-job-end.ts';
import { releaseClientSlot } from '../http/client-concurrency-limit.ts';
import { clientSendingEnded } from '../http/half-closed-connections.ts';
import { requestBudgetOf } from '../http/request-budget-middleware.ts';

/** RateLimit policy names of the client windows (the conversation window is "conversation"). */
export const CLIENT_POLICY_NAMES = { address: 'client', user: 'user', address_day: 'client-day', user_day: 'user-day', new_conversation: 'new-conversations' } as const;

/** The finished job of a `Prefer: wait` answer, with the token when the request created the conversation. */
export const chatJobViewWithTokenSchema = chatJobViewSchema.extend({ conversation_token: z.string().optional() });

/** Idempotency-Key: 1–255 visible ASCII characters. */
const idempotencyKeyOf = idempotencyKeyReader(CHAT_IDEMPOTENCY_KEY_MAX_CHARACTERS);

export interface ChatSubmissionRouteDependencies {
  config: Pick<AppConfig, 'MAX_WAIT_SECONDS'>;
  submitter: ChatSubmitterPort;
  clientLimits: ClientRateLimiterPort;
  jobReader: ChatJobReaderPort;
  eventHub: JobEventHubPort;
  metrics: ApiMetrics;
  shutdownSignal?: AbortSignal;
}

export function sendRateLimited(res: Response, rateLimit: RateLimitStatusView, policyName?: string): void {
  const retryAfter = retryAfterSeconds(rateLimit.retry_after_seconds);
  // With Retry-After present, the RateLimit reset names the same moment (the draft's SHOULD).
  setRateLimitHeaders(res, { ...rateLimit, remaining: 0, reset_seconds: retryAfter }, policyName);
  res.setHeader('Retry-After', String(retryAfter));
  sendJson(res, 429, rateLimitedErrorBodySchema, {
    error: { code: 'rate_limited', message: RATE_LIMITED_MESSAGE, retry_after_seconds: retryAfter },
  });
}

/**
 * POST /api/v2/chat: validate, submit (idempotency, rate limit, enqueue — in the queue engine),
 * answer 202 (+ Location, RateLimit headers), or 200 with the finished job under `Prefer: wait=N`.
 * Nothing is submitted when the body or a header is invalid.
 */
export function createChatSubmissionRoute(dependencies: ChatSubmissionRouteDependencies): RequestHandler {
  const { config, submitter, metrics } = dependencies;
  return async (req, res) => {
    let idempotencyKey: string | undefined;
    let request;
    try {
      idempotencyKey = idempotencyKeyOf(req);
      if (req.body === undefined) {
        throw new InvalidRequestError([{ field: '(body)', message: 'un corps JSON est requis' }]);
      }
      request = chatRequestAsActedOn(parseRequestPart(chatRequestSchema, req.body));
    } catch (error) {
      metrics.chatSubmissions.inc({ outcome: 'invalid' });
      throw error;
    }
    const waitSeconds = waitSecondsFromPreferHeader(req.headers.prefer, config.MAX_WAIT_SECONDS);

    // Per-client windows first (address, user_id, new conversations of the address): a refused
    // request gives back what it took, and never reaches the conversation's window. A retry with an
    // Idempotency-Key the conversation already holds passes, even when its first try filled a
    // window: it is answered from its record (a replay, a conflict, or the job its first try could not
    // create), or, when that record lost its place in the conversation, admitted afresh (submit).
    // The user_id window counts posts the conversation's token does not vouch for (a creating post,
    // open mode): user_id is no secret, and a stranger filling someone's window from other addresses
    // must not lock them out of their own conversation.
    const access = conversationAccessOf(res);
    const vouchedByToken = access?.kind === 'allowed' && access.via === 'token';
    const budget = requestBudgetOf(res);
    budget?.beforeStep('client windows');
    let admission = await dependencies.clientLimits.admit({
      address: clientAddressOf(req),
      ...(vouchedByToken ? {} : { userId: request.user_id }),
      messages: true,
      newConversation: access?.kind === 'allowed_with_new_token' && access.via === 'new_conversation',
    });
    if (admission.kind === 'refused' && idempotencyKey !== undefined && (await submitter.knowsIdempotencyKey(request.conversation_id, idempotencyKey))) {
      admission = { kind: 'admitted', holds: [] };
    }
    if (admission.kind === 'refused') {
      metrics.chatSubmissions.inc({ outcome: 'rate_limited' });
      req.log.info({ outcome: 'client_rate_limited', window: admission.window, conversationId: request.conversation_id }, 'chat submission');
      sendRateLimited(res, admission.status, CLIENT_POLICY_NAMES[admission.window]);
      return;
    }

    let outcome;
    try {
      outcome = await submitter.submit(request, { idempotencyKey, requestId: String(req.id), ...(budget ? { budget } : {}) });
    } catch (error) {
      metrics.chatSubmissions.inc({ outcome: 'error' });
      // Not awaited: when Redis hangs, giving the client's holds back would add its deadline to the 503.
      void dependencies.clientLimits.release(admission.holds).catch(() => undefined);
      throw error;
    }
    // Only an accepted message counts against the client (a replay or a refusal gives it back).
    if (outcome.kind !== 'accepted') await dependencies.clientLimits.release(admission.holds);
    metrics.chatSubmissions.inc({ outcome: outcome.kind });
    req.log.info({ outcome: outcome.kind, conversationId: request.conversation_id, jobId: 'jobId' in outcome ? outcome.jobId : undefined }, 'chat submission');

    if (outcome.kind === 'rate_limited') {
      sendRateLimited(res, outcome.rateLimit);
      return;
    }
    if (outcome.kind === 'idempotency_conflict') {
      // A retry of the creating post (no token yet) may not learn the job id: its URL reads the answer.
      throw new IdempotencyConflictError(access?.kind === 'allowed' ? outcome.jobId : undefined);
    }

    const { jobId, rateLimit } = outcome;
    const pollUrl = jobPollPath(jobId);
    // The conversation's token, in the answer of the request that created (claimed) it.
    const conversationToken = access?.kind === 'allowed_with_new_token' ? { conversation_token: access.token } : {};
    setRateLimitHeaders(res, rateLimit);
    // A retry of a post already accepted (same Idempotency-Key and body) names the first post's job,
    // whose status the body's "queued" does not tell: poll or follow it (a replay counts nothing).
    if (outcome.kind === 'replayed') res.setHeader('Idempotent-Replayed', 'true');
    res.setHeader('Location', pollUrl);
    res.setHeader('Cache-Control', 'no-store');
    res.vary('Prefer');

    if (waitSeconds !== undefined) {
      res.setHeader('Preference-Applied', `wait=${waitSeconds}`);
      // The client's end came already (a half-close with its post, or it left): the 202 with its token
      // at once, not a wait that its end would cut (the message is accepted either way).
      if (waitSeconds > 0 && !clientSendingEnded(res)) {
        const lifetime = requestLifetimeSignal(res, [dependencies.shutdownSignal]);
        releaseClientSlot(res);
        let view: Awaited<ReturnType<typeof waitForJobEnd>> = null;
        try {
          view = await waitForJobEnd(dependencies, jobId, waitSeconds * 1000, lifetime.signal);
        } catch (error) {
          // The message is accepted: a read of its job that fails now (Redis slow past its deadline,
          // or away) is answered with the 202 below, not a 503, whose retry would post it twice.
          req.log.warn({ err: error, jobId, conversationId: request.conversation_id }, 'waiting for an accepted job failed: answered 202');
        } finally {
          lifetime.dispose();
        }
        if (view !== null && isTerminalJobView(view)) {
          sendJson(res, 200, chatJobViewWithTokenSchema, { ...view, ...conversationToken });
          return;
        }
      }
    }
    sendJson(res, 202, chatAcceptedSchema, {
      job_id: jobId,
      status: 'queued',
      conversation_id: request.conversation_id,
      poll_url: pollUrl,
      events_url: jobEventsPath(jobId),
      rate_limit: { limit: rateLimit.limit, remaining: rateLimit.remaining, reset_seconds: Math.ceil(rateLimit.reset_seconds) },
      ...conversationToken,
    });
  };
}
