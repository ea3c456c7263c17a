import { z } from 'zod';
import { conversationStateSchema } from '@lac/core';

/**
 * Error bodies the document names beyond http/error-body-schemas.ts: the answers of the conversation
 * access check (http/conversation-access-middleware.ts), of the admin basic auth, and of the
 * hand-over (ConversationNotFoundError, ConversationStateConflictError). All are the one error shape
 * `{"error":{"code","message",...}}`, the code fixed per status.
 */
const errorBodyWithCode = <Code extends string>(code: Code) => z.object({ error: z.object({ code: z.literal(code), message: z.string() }) });

/** 401: a conversation route without `Authorization: Bearer <conversation_token>`. */
export const conversationTokenRequiredErrorBodySchema = errorBodyWithCode('conversation_token_required');

/** 403: a token that is not the conversation's (or `Bearer` with nothing usable). */
export const conversationTokenInvalidErrorBodySchema = errorBodyWithCode('conversation_token_invalid');

/** 410: the conversation was erased (token or not). */
export const conversationErasedErrorBodySchema = errorBodyWithCode('conversation_erased');

/** 401 of every admin route: missing or wrong HTTP basic credentials. */
export const adminUnauthorizedErrorBodySchema = errorBodyWithCode('unauthorized');

/** 404 of the hand-over routes: no conversation with this id. */
export const conversationNotFoundErrorBodySchema = z.object({
  error: z.object({ code: z.literal('conversation_not_found'), message: z.string(), conversation_id: z.string() }),
});

/** 409 of the operator actions: the transition is not allowed from the conversation's current state. */
/** 409 on an operator reply or join: another operator joined the conversation (their name, null when their join recorded none). */
export const conversationHeldByAnotherOperatorErrorBodySchema = z.object({
  error: z.object({
    code: z.literal('conversation_held_by_another_operator'),
    message: z.string(),
    conversation_id: z.string(),
    operator: z.object({ name: z.string() }).nullable(),
  }),
});

export const conversationStateConflictErrorBodySchema = z.object({
  error: z.object({
    code: z.literal('conversation_state_conflict'),
    message: z.string(),
    conversation_id: z.string(),
    action: z.string(),
    state: conversationStateSchema,
    allowed_from: z.array(conversationStateSchema),
  }),
});

/** 409 of the visitor's hand-over cancel: a person already holds the conversation, or nothing waits. */
export const handoverCancelRefusedErrorBodySchema = z.union([
  z.object({
    error: z.object({
      code: z.literal('handover_operator_joined'),
      message: z.string(),
      conversation_id: z.string(),
      state: z.literal('human'),
      operator: z.object({ name: z.string() }).nullable(),
    }),
  }),
  z.object({
    error: z.object({ code: z.literal('handover_not_waiting'), message: z.string(), conversation_id: z.string(), state: conversationStateSchema }),
  }),
]);
