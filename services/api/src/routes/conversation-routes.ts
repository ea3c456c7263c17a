import { setMaxListeners } from 'node:events';
import { Router, type RequestHandler } from 'express';
import {
  compareStreamIds,
  externalIdSchema,
  type Logger,
  parseStreamId,
  type ConversationEventEntry,
  conversationViewSchema,
  type ConversationView,
  ConversationNotFoundError,
  HandoverCancelRefusedError,
} from '@lac/core';
import type { ConversationHandoverPort } from '../app-dependencies.ts';
import { conversationAccessOf } from '../http/conversation-access-middleware.ts';
import { parseRequestPart } from '../http/parse-request-part.ts';
import { sendJson } from '../http/send-json.ts';
import { streamConversationEvents } from './conversation-event-stream.ts';

/**
 * The visitor's conversation-level routes, on ONE router mounted at
 * `/api/v2/conversations/:conversation_id` (so a conversation access check applies to all):
 *
 * - `GET /`: the conversation's hand-over state, its operator, the visitor messages not answered
 *   yet (a reloaded widget resumes them) and the newest event id;
 * - `GET /messages[?after=<message id>&wait=N]`: see conversation-messages-route.ts;
 * - `GET /events`: Server-Sent Events of new messages from any author and state changes,
 *   resumable with `Last-Event-ID`; without it the stream opens with a `state` snapshot. A closed
 *   conversation answers 204 (nothing more will come); the stream ends after a `closed` event;
 * - `POST /handover/cancel`: the visitor withdraws a hand-over nobody joined yet (waiting_human ->
 *   ai): 200 with the conversation as `GET /` reads it, 409 `handover_operator_joined` (a person
 *   holds it) or `handover_not_waiting`, 404 for an unknown conversation.
 */
export function createConversationRouter(options: {
  messagesRoute: RequestHandler;
  handover: ConversationHandoverPort | undefined;
  /** The JSON body rule (json-body.ts) for the routes that read none: a body sent anyway is JSON or refused. */
  bodyReader: RequestHandler[];
  heartbeatMs: number;
  shutdownSignal?: AbortSignal;
  logger: Logger;
}): Router {
  const router = Router({ mergeParams: true });
  // Every open stream and long-poll listens to the shutdown signal.
  if (options.shutdownSignal) setMaxListeners(0, options.shutdownSignal);
  router.get('/messages', options.messagesRoute);
  const { handover } = options;
  if (!handover) return router;

  /** `known`: the conversation exists though nothing is stored for it yet (its token was checked). */
  async function viewOf(conversationId: string, known: boolean): Promise<ConversationView | null> {
    // The event id first: an event after it is newer than the state read below.
    const [lastEventId, pending] = await Promise.all([handover!.events.lastEventId(conversationId), handover!.pendingMessages(conversationId)]);
    const row = await handover!.desk.get(conversationId);
    if (row === null && pending.length === 0 && lastEventId === undefined && !known) return null;
    return {
      conversation_id: conversationId,
      state: row?.state ?? 'ai',
      operator: row?.state === 'human' && row.operatorName ? { name: row.operatorName } : null,
      waiting_since: row?.waitingSince ?? null,
      state_changed_at: row?.changedAt ?? null,
      version: row?.version ?? 0,
      pending_job_ids: pending.map((message) => message.job_id),
      pending_messages: pending.flatMap((message) =>
        message.message === null ? [] : [{ job_id: message.job_id, message: message.message, received_at: message.received_at }],
      ),
      last_event_id: lastEventId ?? null,
    };
  }

  router.get('/', async (req, res) => {
    const conversationId = parseRequestPart(externalIdSchema, (req.params as Record<string, string | undefined>).conversation_id, 'conversation_id');
    // A conversation opened with POST /api/v2/conversations and no message yet exists: its token
    // says so, and its state is the agents' (as its event stream's snapshot says). Without tokens
    // (open mode) an id nothing is stored for is unknown.
    const access = conversationAccessOf(res);
    // (A denied request never reaches the route: the access check answered it.)
    const known = access !== undefined && !(access.kind === 'allowed' && access.via === 'open_mode');
    const view = await viewOf(conversationId, known);
    if (view === null) throw new ConversationNotFoundError(conversationId);
    res.setHeader('Cache-Control', 'no-store');
    sendJson(res, 200, conversationViewSchema, view);
  });

  router.post('/handover/cancel', ...options.bodyReader, async (req, res) => {
    const conversationId = parseRequestPart(externalIdSchema, (req.params as Record<string, string | undefined>).conversation_id, 'conversation_id');
    const access = conversationAccessOf(res);
    const known = access !== undefined && !(access.kind === 'allowed' && access.via === 'open_mode');
    const result = await handover.desk.cancelByVisitor(conversationId).catch((error: unknown) => {
      // Opened with POST /api/v2/conversations and nothing stored yet: the agents' conversation, nothing waits.
      if (known && error instanceof ConversationNotFoundError) return { done: false as const, refusal: { reason: 'not_waiting' as const, conversationId, state: 'ai' as const } };
      throw error;
    });
    if (!result.done) throw new HandoverCancelRefusedError(result.refusal);
    res.setHeader('Cache-Control', 'no-store');
    sendJson(res, 200, conversationViewSchema, (await viewOf(conversationId, true))!);
  });

  router.get('/events', async (req, res) => {
    const conversationId = parseRequestPart(externalIdSchema, (req.params as Record<string, string | undefined>).conversation_id, 'conversation_id');
    let lastEventId = parseStreamId(req.headers['last-event-id'] ?? req.query.last_event_id);
    if (lastEventId !== undefined) {
      // An id the stream never reached (a stale or made-up id, a stream reset with Redis): every
      // event, live ones included, would be older and dropped. Start over from a snapshot instead.
      const newest = await handover.events.lastEventId(conversationId);
      if (newest === undefined || compareStreamIds(lastEventId, newest) > 0) lastEventId = undefined;
    }
    const subscribe = (listener: Parameters<typeof handover.events.subscribe>[1]) => handover.events.subscribe(conversationId, listener);
    const initial = async (): Promise<ConversationEventEntry[] | 'no_content'> => {
      if (lastEventId !== undefined) {
        const backlog = await handover.events.readAfter(conversationId, lastEventId);
        const row = await handover.desk.get(conversationId);
        return row?.state === 'closed' && backlog.length === 0 ? 'no_content' : backlog;
      }
      // The event id first: an event after it is newer than the state read below.
      const lastId = (await handover.events.lastEventId(conversationId)) ?? '0-0';
      const row = await handover.desk.get(conversationId);
      if (row?.state === 'closed') return 'no_content';
      const snapshot: ConversationEventEntry = {
        id: lastId,
        event: {
          type: 'state',
          conversation_id: conversationId,
          state: row?.state ?? 'ai',
          operator: row?.state === 'human' && row.operatorName ? { name: row.operatorName } : null,
          reason: 'snapshot',
          version: row?.version ?? 0,
          at: new Date().toISOString(),
        },
      };
      return [snapshot];
    };
    await streamConversationEvents({
      req,
      res,
      subscribe,
      readAfter: (afterId) => handover.events.readAfter(conversationId, afterId),
      initial,
      lastEventId,
      endsAfter: (event) => event.type === 'state' && event.state === 'closed',
      heartbeatMs: options.heartbeatMs,
      ...(options.shutdownSignal ? { shutdownSignal: options.shutdownSignal } : {}),
    });
  });
  return router;
}
