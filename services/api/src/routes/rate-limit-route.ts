import type { RequestHandler } from 'express';
import { externalIdSchema, rateLimitStatusSchema } from '@lac/core';
import type { RateLimiterPort } from '../app-dependencies.ts';
import { parseRequestPart } from '../http/parse-request-part.ts';
import { setRateLimitHeaders } from '../http/rate-limit-headers.ts';
import { sendJson } from '../http/send-json.ts';

/** GET /api/v2/rate-limit/:conversation_id: the conversation's limit, read without consuming it. */
export function createRateLimitRoute(dependencies: { rateLimiter: RateLimiterPort }): RequestHandler {
  return async (req, res) => {
    const conversationId = parseRequestPart(externalIdSchema, req.params.conversation_id, 'conversation_id');
    const status = await dependencies.rateLimiter.peek(conversationId);
    setRateLimitHeaders(res, status);
    res.setHeader('Cache-Control', 'no-store');
    sendJson(res, 200, rateLimitStatusSchema, {
      allowed: status.allowed,
      remaining: status.remaining,
      limit: status.limit,
      window_seconds: status.window_seconds,
      reset_seconds: Math.ceil(status.reset_seconds),
    });
  };
}
