import { Router, type Express, type Request } from 'express';
import { z } from 'zod';
import {
  externalIdSchema,
  operatorReplyTextSchema,
  type ConversationStore,
  type Logger,
  conversationStateSchema,
  type ConversationState,
  operatorConversationDetailSchema,
  operatorConversationListSchema,
  operatorConversationSummarySchema,
  operatorMessageCreatedSchema,
  operatorSummaryOf,
  ConversationNotFoundError,
} from '@lac/core';
import type { ConversationHandoverPort } from '../app-dependencies.ts';
import type { AdminAuthenticator } from '../http/admin-authenticator.ts';
import { authenticatedAdminOf, createAdminBasicAuth } from '../http/admin-basic-auth.ts';
import { createJsonBodyMiddleware } from '../http/json-body.ts';
import { parseRequestPart } from '../http/parse-request-part.ts';
import { idempotencyKeyReader, OPERATOR_REPLY_IDEMPOTENCY_KEY_MAX_CHARACTERS } from '../http/idempotency-key-header.ts';
import { sendJson } from '../http/send-json.ts';
import { IdempotencyConflictError } from '../http/api-errors.ts';
import { streamConversationEvents } from './conversation-event-stream.ts';
import { limitQuerySchema } from '../http/limit-query-schema.ts';

export const ADMIN_CONVERSATIONS_PATH = '/admin/conversations';

/** `open`: every conversation a person holds or should (waiting_human and human). */
const listQuerySchema = z.object({
  state: z.enum([...conversationStateSchema.options, 'open', 'all'], { error: 'doit être ai, waiting_human, human, closed, open ou all' }).default('open'),
  limit: limitQuerySchema(500).default(100),
});

const operatorNameSchema = z
  .string({ error: 'doit être une chaîne de caractères' })
  .trim()
  // One form of each name (NFC): the holder's name is compared with what a reply is signed with, and
  // `é` typed as `e` + a combining accent (macOS, some keyboards) was another operator (409).
  .normalize('NFC')
  .min(1, { error: 'ne doit pas être vide' })
  .max(60, { error: 'ne doit pas dépasser 60 caractères' })
  .refine((value) => !/[\u0000-\u001f\u007f]/.test(value), { error: 'ne doit pas contenir de caractères de contrôle' })
  // Shown to the visitor as who answers: a name of invisible characters, or one that reverses the
  // text around it (U+202E...), would hide who it is.
  .refine((value) => !/[\u202a-\u202e\u2066-\u2069]/.test(value), { error: 'ne doit pas contenir de caractères de direction du texte' })
  .refine((value) => /[\p{L}\p{N}]/u.test(value), { error: 'doit contenir au moins une lettre ou un chiffre' });

/** The name shown when an operator gives none and OPERATOR_DISPLAY_NAME is unset (never the admin login: half of the credentials). */
const DEFAULT_OPERATOR_NAME = 'Équipe';

/** Idempotency-Key of an operator's reply: 1–200 visible ASCII characters. */
const replyIdempotencyKeyOf = idempotencyKeyReader(OPERATOR_REPLY_IDEMPOTENCY_KEY_MAX_CHARACTERS);

/** Body of POST /admin/conversations/:id/join, /handback and /close (optional). */
export const operatorActionBodySchema = z.strictObject({ operator_name: operatorNameSchema.optional() }).optional();

/** Body of POST /admin/conversations/:id/messages. */
export const operatorReplyBodySchema = z.strictObject({
  text: operatorReplyTextSchema,
  operator_name: operatorNameSchema.optional(),
});

const statesOf = (state: z.infer<typeof listQuerySchema>['state']): ConversationState[] | undefined =>
  state === 'all' ? undefined : state === 'open' ? ['waiting_human', 'human'] : [state];

/**
 * The operators' API, behind the admin basic auth (ADMIN_ACCOUNTS or the shared ADMIN_USER /
 * ADMIN_PASSWORD, like bull-board):
 *
 * - `GET /admin/conversations?state=open|waiting_human|human|ai|closed|all&limit=N`: waiting first
 *   (longest wait first) with waiting time and escalation category;
 * - `GET /admin/conversations/events`: Server-Sent Events of every conversation (the inbox), with a
 *   `ping` event (`{"heartbeat_ms"}`) at once and every heartbeat interval; asked with
 *   `Accept: application/json`, the conversation named `events` (below);
 * - `GET /admin/conversations/:id`: one conversation with its transcript;
 * - `POST /admin/conversations/:id/join | /handback | /close` (body optional `{operator_name}`);
 * - `POST /admin/conversations/:id/messages` `{text, operator_name?}`: a reply shown to the visitor;
 *   with `Idempotency-Key`, a retry gets the reply stored the first time (201 again,
 *   `Idempotent-Replayed: true`), stored once; the key with other words is a 422.
 *
 * The name recorded and shown to the visitor: with ADMIN_ACCOUNTS, the logged-in account's display
 * name, always (an `operator_name` in the body is ignored: anyone could type anyone's name); with the
 * shared login, `operator_name` (the inbox sends the one its operator typed), else
 * OPERATOR_DISPLAY_NAME, else "Équipe" (not the admin login, which would show half of the credentials). A transition the state does not allow: 409
 * `conversation_state_conflict` with the current state and the states it is allowed from; a join of
 * a conversation another operator holds (a race lost, or taken earlier): 409
 * `conversation_held_by_another_operator` with their name (`HandoverDesk.attempt`'s refusal).
 */
export function createAdminConversationsRouter(options: {
  handover: ConversationHandoverPort;
  conversations: Pick<ConversationStore, 'listMessages'>;
  admin: AdminAuthenticator;
  operatorDisplayName: string | undefined;
  maxBodyBytes: number;
  heartbeatMs: number;
  shutdownSignal?: AbortSignal;
  logger: Logger;
}): Router {
  const { handover } = options;
  const router = Router();
  router.use(createAdminBasicAuth(options.admin));
  const jsonBody = createJsonBodyMiddleware(options.maxBodyBytes);

  /** The account's display name when logged in with one (whatever the body says), else the name given, else the default. */
  const accountNameOf = (req: Request): string | undefined => {
    const identity = authenticatedAdminOf(req);
    return identity?.kind === 'account' ? identity.displayName : undefined;
  };
  const operatorNameOf = (req: Request, given: string | undefined): string =>
    accountNameOf(req) ?? given ?? options.operatorDisplayName ?? DEFAULT_OPERATOR_NAME;
  const idOf = (req: Request) => parseRequestPart(externalIdSchema, req.params.id, 'id');
  const summaryOf = async (conversationId: string) => {
    const row = await handover.desk.get(conversationId);
    if (row === null) throw new ConversationNotFoundError(conversationId);
    return operatorSummaryOf(row, new Date());
  };

  router.get('/', async (req, res) => {
    const query = parseRequestPart(listQuerySchema, { state: req.query.state, limit: req.query.limit }, '(query)');
    const states = statesOf(query.state);
    const rows = await handover.desk.list({ ...(states ? { states } : {}), limit: query.limit });
    const now = new Date();
    res.setHeader('Cache-Control', 'no-store');
    sendJson(res, 200, operatorConversationListSchema, {
      state: query.state,
      count: rows.length,
      conversations: rows.map((row) => operatorSummaryOf(row, now)),
    });
  });

  // A conversation may be named `events` (ids are free strings): a read asking for JSON (the inbox's,
  // `Accept: application/json`) is that conversation's, not the stream, which never ends and left the
  // inbox's read of it waiting for good. An EventSource asks for `text/event-stream`; so does `*/*`.
  router.get('/events', async (req, res, next) => {
    if (req.accepts(['text/event-stream', 'application/json']) === 'application/json') {
      next();
      return;
    }
    await streamConversationEvents({
      req,
      res,
      subscribe: (listener) => handover.events.subscribeAll(listener),
      initial: async () => [],
      lastEventId: undefined,
      heartbeatMs: options.heartbeatMs,
      // The inbox's page watches the stream for silence: it needs heartbeats it can see.
      heartbeat: 'ping_event',
      ...(options.shutdownSignal ? { shutdownSignal: options.shutdownSignal } : {}),
    });
  });

  router.get('/:id', async (req, res) => {
    const conversationId = idOf(req);
    const [summary, messages] = await Promise.all([summaryOf(conversationId), options.conversations.listMessages(conversationId)]);
    res.setHeader('Cache-Control', 'no-store');
    sendJson(res, 200, operatorConversationDetailSchema, { ...summary, messages });
  });

  for (const action of ['join', 'handback', 'close'] as const) {
    router.post(`/:id/${action}`, ...jsonBody, async (req, res) => {
      const conversationId = idOf(req);
      const body = parseRequestPart(operatorActionBodySchema, req.body);
      const operatorName = operatorNameOf(req, body?.operator_name);
      await handover.desk.act(action, conversationId, operatorName);
      sendJson(res, 200, operatorConversationSummarySchema, await summaryOf(conversationId));
    });
  }

  router.post('/:id/messages', ...jsonBody, async (req, res) => {
    const conversationId = idOf(req);
    const body = parseRequestPart(operatorReplyBodySchema, req.body);
    const signedAs = accountNameOf(req) ?? body.operator_name;
    const names = { ...(signedAs ? { operatorName: signedAs } : {}), fallbackName: operatorNameOf(req, undefined) };
    // The inbox sends one key per reply and keeps it for its retries: a retry stores nothing twice.
    const text = body.text.trim();
    const { message, created } = await handover.desk.reply(conversationId, names, text, replyIdempotencyKeyOf(req));
    // The key of a reply already stored with other words: refused (422), as on POST /api/v2/chat; a 201
    // naming the first reply would tell the operator the new words reached the visitor.
    if (!created && message.content !== text) throw new IdempotencyConflictError(undefined);
    if (!created) res.setHeader('Idempotent-Replayed', 'true');
    sendJson(res, 201, operatorMessageCreatedSchema, { conversation_id: conversationId, message });
  });
  return router;
}

/** The one line of app.ts: mounts the operator routes when the hand-over is wired and an admin login is configured. */
export function mountAdminConversationsRoutes(
  app: Express,
  options: Omit<Parameters<typeof createAdminConversationsRouter>[0], 'handover' | 'admin'> & {
    handover: ConversationHandoverPort | undefined;
    admin: AdminAuthenticator | undefined;
  },
): void {
  if (!options.handover) return;
  if (!options.admin) {
    options.logger.warn({ path: ADMIN_CONVERSATIONS_PATH }, 'operator inbox disabled: set ADMIN_ACCOUNTS (or ADMIN_PASSWORD) to enable it');
    return;
  }
  app.use(ADMIN_CONVERSATIONS_PATH, createAdminConversationsRouter({ ...options, handover: options.handover, admin: options.admin }));
}
