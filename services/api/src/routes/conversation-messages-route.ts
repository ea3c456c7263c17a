import type { RequestHandler } from 'express';
import { z } from 'zod';
import { conversationMessagesSchema, externalIdSchema, type ConversationStore } from '@lac/core';
import { parseRequestPart } from '../http/parse-request-part.ts';
import { sendJson } from '../http/send-json.ts';

const limitSchema = z.coerce
  .number({ error: 'doit être un nombre entier' })
  .int({ error: 'doit être un nombre entier' })
  .min(1, { error: 'doit être au moins 1' })
  .max(1000, { error: 'ne doit pas dépasser 1000' })
  .optional();

/** GET /api/v2/conversations/:conversation_id/messages[?limit=N]: stored messages, oldest first. */
export function createConversationMessagesRoute(dependencies: {
  conversations: Pick<ConversationStore, 'listMessages'>;
}): RequestHandler {
  return async (req, res) => {
    const conversationId = parseRequestPart(externalIdSchema, req.params.conversation_id, 'conversation_id');
    const limit = parseRequestPart(limitSchema, req.query.limit, 'limit');
    const messages = await dependencies.conversations.listMessages(conversationId, limit === undefined ? undefined : { limit });
    res.setHeader('Cache-Control', 'no-store');
    sendJson(res, 200, conversationMessagesSchema, { conversation_id: conversationId, messages });
  };
}
