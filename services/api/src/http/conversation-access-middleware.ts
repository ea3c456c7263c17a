import { createHash } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import {
  AppError,
  chatRequestAsActedOn,
  chatRequestSchema,
  externalIdSchema,
  hashChatRequest,
  type Logger,
  type ConversationAccessDecision,
  type ConversationAccessPurpose,
  type StepBudget,
} from '@lac/core';
import { requestBudgetOf } from './request-budget-middleware.ts';
import { IdempotencyConflictError } from './api-errors.ts';

/**
 * The one access check of every visitor conversation-level route (docs/security.md): posting into a
 * conversation, reading its messages, its state and its streams, erasing it. Apply `read` to routes
 * with the conversation id in the path (`:conversation_id` or `:id`), `post` to POST /api/v2/chat
 * and `open` to POST /api/v2/conversations (id and user_id in the JSON body, after the body
 * parser). A refused request stores nothing.
 *
 * An allowed decision is left in `res.locals.conversationAccess` (see conversationAccessOf): the
 * submission route hands out the token of a conversation the request created.
 */

/** What the middleware needs from the core's ConversationAccess. */
export interface ConversationAccessPort {
  decide(conversationId: string, bearerToken: string | undefined, purpose: ConversationAccessPurpose, budget?: StepBudget): Promise<ConversationAccessDecision>;
  releaseClaim(conversationId: string, claimNonce: string): Promise<void>;
}

export class ConversationTokenMissingError extends AppError {
  constructor() {
    super({
      message: 'Cette conversation est protégée : envoie son jeton (Authorization: Bearer <conversation_token>).',
      code: 'conversation_token_required',
      status: 401,
    });
  }
}

export class ConversationTokenInvalidError extends AppError {
  constructor() {
    super({ message: "Ce jeton ne donne pas accès à cette conversation.", code: 'conversation_token_invalid', status: 403 });
  }
}

export class ConversationErasedError extends AppError {
  constructor() {
    super({ message: 'Cette conversation a été effacée.', code: 'conversation_erased', status: 410 });
  }
}

/** `Authorization: Bearer <token>` → the token; undefined when there is no bearer credential. */
export function bearerTokenOf(req: Request): string | undefined {
  const header = req.headers.authorization;
  if (header === undefined) return undefined;
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header);
  if (match?.[1]) return match[1];
  // "Bearer" with nothing usable after it is a wrong token, not a missing one.
  return /^Bearer\b/i.test(header) ? '' : undefined;
}

/** The decision the middleware took for this request (undefined on routes without the check). */
export function conversationAccessOf(res: Response): ConversationAccessDecision | undefined {
  return res.locals.conversationAccess as ConversationAccessDecision | undefined;
}

function conversationIdFromPath(req: Request): unknown {
  return req.params.conversation_id ?? req.params.id;
}

export interface ConversationAccessMiddlewares {
  /** Reads, streams, state, erasure: the id from the path. */
  read: RequestHandler;
  /** POST /api/v2/chat: the id and user_id from the parsed JSON body; may create the conversation. */
  post: RequestHandler;
  /** POST /api/v2/conversations: the same check, a retry of the opening post keyed by its own body. */
  open: RequestHandler;
}

/**
 * The hash of an opening post's body ({user_id, conversation_id}) for its Idempotency-Key: only the
 * same post retried gets the token again (the claim is keyed by both ids already, so another body
 * is another user's post: refused as any tokenless one). Prefixed so it never equals a message's hash.
 */
function hashOpeningRequest(body: { user_id?: unknown; conversation_id?: unknown }): string | undefined {
  const keys = Object.keys(body);
  if (keys.some((key) => key !== 'user_id' && key !== 'conversation_id')) return undefined;
  return createHash('sha256').update(`open\u0000${JSON.stringify([body.conversation_id, body.user_id])}`).digest('hex');
}

export function createConversationAccessMiddlewares(options: { access: ConversationAccessPort; logger: Logger }): ConversationAccessMiddlewares {
  const { access } = options;

  async function check(req: Request, res: Response, conversationId: string, purpose: ConversationAccessPurpose): Promise<void> {
    const decision = await access.decide(conversationId, bearerTokenOf(req), purpose, requestBudgetOf(res));
    if (decision.kind === 'denied') {
      if (decision.reason === 'token_missing') {
        res.setHeader('WWW-Authenticate', 'Bearer realm="conversation"');
        throw new ConversationTokenMissingError();
      }
      if (decision.reason === 'token_invalid') {
        res.setHeader('WWW-Authenticate', 'Bearer realm="conversation", error="invalid_token"');
        throw new ConversationTokenInvalidError();
      }
      if (decision.reason === 'idempotency_conflict') throw new IdempotencyConflictError(undefined);
      throw new ConversationErasedError();
    }
    res.locals.conversationAccess = decision;
    if (decision.kind === 'allowed_with_new_token' && decision.claimNonce !== undefined) {
      const { claimNonce } = decision;
      // The request claimed the conversation; if it is refused later (body, limits, failure), the
      // claim is given back so the conversation's creator can still get its token.
      res.once('finish', () => {
        if (res.statusCode < 300) return;
        access.releaseClaim(conversationId, claimNonce).catch((error: unknown) => {
          options.logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'could not give back a conversation claim');
        });
      });
    }
  }

  const read: RequestHandler = async (req, res, next) => {
    const parsed = externalIdSchema.safeParse(conversationIdFromPath(req));
    // An invalid id is the route's own 400.
    if (parsed.success) await check(req, res, parsed.data, { kind: 'read' });
    next();
  };

  /** The check of a post that may create the conversation; `bodyHashOf` reads the hash its Idempotency-Key is kept with. */
  function creatingPost(bodyHashOf: (body: Record<string, unknown>) => string | undefined): RequestHandler {
    return async (req, res, next) => {
      const body = (req.body ?? {}) as Record<string, unknown>;
      const conversationId = externalIdSchema.safeParse(body.conversation_id);
      const userId = externalIdSchema.safeParse(body.user_id);
      const idempotencyKey = typeof req.headers['idempotency-key'] === 'string' ? req.headers['idempotency-key'] : undefined;
      const bodyHash = idempotencyKey ? bodyHashOf(body) : undefined;
      const idempotency = idempotencyKey && bodyHash ? { idempotency: { key: idempotencyKey, bodyHash } } : {};
      if (conversationId.success && userId.success) {
        await check(req, res, conversationId.data, { kind: 'post', userId: userId.data, ...idempotency });
      }
      next();
    };
  }

  // The body's hash as the submit computes it: only a retry of the same post gets the token again.
  const post = creatingPost((body) => {
    const request = chatRequestSchema.safeParse(body);
    return request.success ? hashChatRequest(chatRequestAsActedOn(request.data)) : undefined;
  });
  const open = creatingPost(hashOpeningRequest);

  return { read, post, open };
}
