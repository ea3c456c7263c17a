import type { RequestHandler } from 'express';
import { z } from 'zod';
import { conversationMessagesSchema, externalIdSchema, type ConversationStore, type StoredMessage } from '@lac/core';
import type { ConversationHandoverPort } from '../app-dependencies.ts';
import { parseRequestPart } from '../http/parse-request-part.ts';
import { sendJson } from '../http/send-json.ts';
import { waitSecondsFromQuery } from '../http/wait-preference.ts';
import { limitQuerySchema } from '../http/limit-query-schema.ts';
import { releaseClientSlot } from '../http/client-concurrency-limit.ts';
import { requestLifetimeSignal } from '../http/abort-signals.ts';
import { ConversationErasedError } from '../http/conversation-access-middleware.ts';

const limitSchema = limitQuerySchema(1000).optional();

const afterSchema = z.string().min(1, { error: 'ne doit pas être vide' }).max(128, { error: 'ne doit pas dépasser 128 caractères' }).optional();

const knownStateSchema = z.enum(['ai', 'waiting_human', 'human', 'closed'], { error: 'doit être ai, waiting_human, human ou closed' }).optional();

/** Messages after `afterId` in conversation order; all of them when the id is not (or no longer) there. */
function messagesAfter(messages: StoredMessage[], afterId: string | undefined): StoredMessage[] {
  if (afterId === undefined) return messages;
  const index = messages.findIndex((message) => message.id === afterId);
  return index < 0 ? messages : messages.slice(index + 1);
}

/**
 * GET /api/v2/conversations/:conversation_id/messages[?limit=N][&after=<message id>&wait=N[&state=<known state>]]:
 * stored messages, oldest first; `limit` keeps the newest N (`has_more`: older ones exist). `after` keeps those after that message (all when it is unknown);
 * with `wait` (seconds, ≤ MAX_WAIT_SECONDS) and nothing new yet, the request waits for the
 * conversation's next event (a message from any author or a state change) before answering: the
 * long-poll equivalent of the conversation event stream; with `state` (the hand-over state the client
 * last saw) a different current state answers at once, so a change between two polls is not held
 * back until the wait ends. With the hand-over on, the body also
 * carries the conversation's `state` and `operator`.
 */
export function createConversationMessagesRoute(dependencies: {
  conversations: Pick<ConversationStore, 'listMessages'>;
  handover?: ConversationHandoverPort;
  maxWaitSeconds?: number;
  shutdownSignal?: AbortSignal;
}): RequestHandler {
  const { handover } = dependencies;
  return async (req, res) => {
    const conversationId = parseRequestPart(externalIdSchema, req.params.conversation_id, 'conversation_id');
    const limit = parseRequestPart(limitSchema, req.query.limit, 'limit');
    const after = parseRequestPart(afterSchema, req.query.after, 'after');
    const waitSeconds = waitSecondsFromQuery(req.query.wait, dependencies.maxWaitSeconds ?? 30);
    const knownState = parseRequestPart(knownStateSchema, req.query.state, 'state');

    // Subscribed before the first read: an event between the read and the wait is not missed.
    let woken = false;
    let erased = false;
    let wake: (() => void) | undefined;
    const unsubscribe =
      handover && waitSeconds > 0
        ? handover.events.subscribe(conversationId, (signal) => {
            woken = true;
            if (signal.kind === 'erased') erased = true;
            wake?.();
          })
        : () => undefined;
    try {
      // `limit`: the newest N, oldest first; one more is read to tell whether older ones exist.
      let hasMore = false;
      const read = async () => {
        const listed = await dependencies.conversations.listMessages(conversationId, limit === undefined ? undefined : { limit: limit + 1 });
        hasMore = limit !== undefined && listed.length > limit;
        return messagesAfter(hasMore ? listed.slice(1) : listed, after);
      };
      let messages = await read();
      // `state=<the state the client knows>`: a change it has not seen answers at once too.
      const stateChanged = handover !== undefined && knownState !== undefined && ((await handover.desk.get(conversationId))?.state ?? 'ai') !== knownState;
      if (messages.length === 0 && waitSeconds > 0 && handover && !woken && !stateChanged) {
        releaseClientSlot(res);
        // Made after the reads: a client that left during them, or a shutdown begun, ends the wait at once.
        const lifetime = requestLifetimeSignal(res, [dependencies.shutdownSignal]);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(done, waitSeconds * 1000);
          function done() {
            clearTimeout(timer);
            lifetime.signal.removeEventListener('abort', done);
            resolve();
          }
          wake = done;
          if (lifetime.signal.aborted) done();
          else lifetime.signal.addEventListener('abort', done, { once: true });
        });
        lifetime.dispose();
        if (res.destroyed) return;
        messages = await read();
      }
      // Erased while it was read or waited: answered as the conversation now is.
      if (erased) throw new ConversationErasedError();
      // The event id first: a change after it is in the state read below, or comes on the stream after it.
      const lastEventId = handover ? await handover.events.lastEventId(conversationId) : undefined;
      const state = handover ? await handover.desk.get(conversationId) : null;
      res.setHeader('Cache-Control', 'no-store');
      sendJson(res, 200, conversationMessagesSchema, {
        conversation_id: conversationId,
        messages,
        has_more: hasMore,
        ...(handover
          ? {
              state: state?.state ?? 'ai',
              operator: state?.state === 'human' && state.operatorName ? { name: state.operatorName } : null,
              last_event_id: lastEventId ?? null,
              state_reason: state?.changeReason ?? null,
            }
          : {}),
      });
    } finally {
      unsubscribe();
    }
  };
}
