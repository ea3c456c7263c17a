import { createHash, randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import { z } from 'zod';
import { externalIdSchema } from '@lac/core';
import { InvalidRequestError } from '../http/api-errors.ts';
import { conversationAccessOf } from '../http/conversation-access-middleware.ts';
import { parseRequestPart } from '../http/parse-request-part.ts';
import { requestBudgetOf } from '../http/request-budget-middleware.ts';
import type { ClientRateLimiterPort } from '../app-dependencies.ts';
import { clientAddressOf } from '../http/client-address.ts';
import { CHAT_IDEMPOTENCY_KEY_MAX_CHARACTERS, idempotencyKeyPattern, idempotencyKeyReader } from '../http/idempotency-key-header.ts';
import { sendJson } from '../http/send-json.ts';
import { CLIENT_POLICY_NAMES, sendRateLimited } from './chat-submission-route.ts';

/** Body of POST /api/v2/conversations: the visitor, and optionally the id to use (else a random UUID). */
export const conversationCreationRequestSchema = z.strictObject({
  user_id: externalIdSchema,
  conversation_id: externalIdSchema.optional(),
});

export const conversationCreatedSchema = z.object({
  conversation_id: z.string(),
  conversation_token: z.string(),
});

/** Idempotency-Key of an opening post: the same rule as a message's (1–255 visible ASCII characters). */
const idempotencyKeyOf = idempotencyKeyReader(CHAT_IDEMPOTENCY_KEY_MAX_CHARACTERS);

const validIdempotencyKey = new RegExp(idempotencyKeyPattern(CHAT_IDEMPOTENCY_KEY_MAX_CHARACTERS));

/**
 * The id of an opening post that names none. With a (valid) Idempotency-Key it is derived from the
 * user_id and the key, in the UUID format (version 8), so the same post retried names the same
 * conversation and the key's replay gives its token back, as for a client choosing its id; a
 * random id there would open a second conversation at each retry. Without a key: a random UUID.
 */
export function conversationIdForOpening(userId: unknown, idempotencyKey: unknown): string {
  if (typeof userId !== 'string' || typeof idempotencyKey !== 'string' || !validIdempotencyKey.test(idempotencyKey)) return randomUUID();
  const digest = createHash('sha256').update(`conversation-opening\u0000${JSON.stringify([userId, idempotencyKey])}`).digest();
  digest[6] = (digest[6]! & 0x0f) | 0x80; // version 8 (custom)
  digest[8] = (digest[8]! & 0x3f) | 0x80; // RFC 9562 variant
  const hex = digest.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * Runs before the access check: a creation without an id gets one (`conversationIdForOpening`).
 * `conversation_id: null` is an id not given, as a chat post's `timestamp: null` is (clients that
 * serialise an unset field as null got a 400).
 */
export const assignConversationId: RequestHandler = (req, _res, next) => {
  if (req.body === undefined) throw new InvalidRequestError([{ field: '(body)', message: 'un corps JSON est requis' }]);
  const body = req.body as Record<string, unknown>;
  if (typeof body === 'object' && body !== null && !Array.isArray(body) && (body.conversation_id === undefined || body.conversation_id === null)) {
    req.body = { ...body, conversation_id: conversationIdForOpening(body.user_id, req.headers['idempotency-key']) };
  }
  next();
};

/**
 * POST /api/v2/conversations: opens a conversation without a message and answers its token (201),
 * so a client holds the token before its first post. Behind the access check (`post` purpose): a
 * conversation someone else opened is refused (401/403); with its token, the same answer (200).
 * With an Idempotency-Key, the same post retried (its answer lost) gets the token again (201,
 * `Idempotent-Replayed: true`, not counted again), with or without a conversation_id of its own;
 * the key sent with another user_id gets nothing of the first post (a 401 for a chosen id, another
 * conversation without one).
 * Within the request's time budget (API_REQUEST_BUDGET_MS, started after the body is read, checked
 * by the access check before the claim and the owner lookup and here before the client windows): 503.
 */
export function createConversationCreationRoute(dependencies: { clientLimits: ClientRateLimiterPort }): RequestHandler {
  return async (req, res) => {
    idempotencyKeyOf(req);
    const request = parseRequestPart(conversationCreationRequestSchema, req.body);
    const conversationId = request.conversation_id!;
    const access = conversationAccessOf(res);
    res.setHeader('Cache-Control', 'no-store');
    if (access?.kind === 'allowed_with_new_token') {
      // No claim of its own: the opening post retried with its Idempotency-Key (the first one was counted).
      const retried = access.claimNonce === undefined;
      if (retried) res.setHeader('Idempotent-Replayed', 'true');
      if (access.via === 'new_conversation' && !retried) {
        // Past the budget: 503, and the claim is given back (the access check's give-back on a refusal).
        requestBudgetOf(res)?.beforeStep('client windows');
        const admission = await dependencies.clientLimits.admit({ address: clientAddressOf(req), messages: false, newConversation: true });
        if (admission.kind === 'refused') {
          sendRateLimited(res, admission.status, CLIENT_POLICY_NAMES[admission.window]);
          return;
        }
      }
      res.setHeader('Location', `/api/v2/conversations/${encodeURIComponent(conversationId)}`);
      sendJson(res, 201, conversationCreatedSchema, { conversation_id: conversationId, conversation_token: access.token });
      return;
    }
    // Allowed with its token (or open mode): nothing new to hand out.
    sendJson(res, 200, conversationCreatedSchema.partial({ conversation_token: true }), { conversation_id: conversationId });
  };
}
