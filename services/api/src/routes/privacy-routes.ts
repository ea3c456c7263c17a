import { Router, type Express, type RequestHandler } from 'express';
import { z } from 'zod';
import { externalIdSchema, userExportSchema, type ErasureReport, type Logger, type UserExport } from '@lac/core';
import { createAdminBasicAuth, type AdminAccessOptions } from '../http/admin-basic-auth.ts';
import { parseRequestPart } from '../http/parse-request-part.ts';
import { sendJson } from '../http/send-json.ts';

/** What the privacy routes need: the export and the erasure (core's PrivacyStore and ConversationEraser). */
export interface PrivacyPort {
  exportUser(userId: string): Promise<UserExport>;
  eraseUser(userId: string): Promise<ErasureReport>;
  eraseConversations(conversationIds: readonly string[]): Promise<ErasureReport>;
}

const erasureCountsSchema = z.object({
  conversations: z.number().int().nonnegative(),
  messages: z.number().int().nonnegative(),
  escalations: z.number().int().nonnegative(),
  users: z.number().int().nonnegative(),
  redis_keys: z.number().int().nonnegative(),
  jobs_removed: z.number().int().nonnegative(),
  jobs_running: z.number().int().nonnegative(),
  events: z.number().int().nonnegative(),
});
export const conversationErasedSchema = z.object({ conversation_id: z.string(), erased: erasureCountsSchema });
export const userErasedSchema = z.object({ user_id: z.string(), erased: erasureCountsSchema });

/**
 * DELETE /api/v2/conversations/:conversation_id — the visitor erases their own conversation (behind
 * the conversation access check: its token). 200 with the counts erased.
 */
export function createVisitorConversationErasureRoute(privacy: PrivacyPort, logger: Logger): RequestHandler {
  return async (req, res) => {
    const conversationId = parseRequestPart(externalIdSchema, req.params.conversation_id, 'conversation_id');
    const report = await privacy.eraseConversations([conversationId]);
    logger.info({ ...report.erased }, 'conversation erased by its visitor');
    res.setHeader('Cache-Control', 'no-store');
    sendJson(res, 200, conversationErasedSchema, { conversation_id: conversationId, ...report });
  };
}

/**
 * GDPR requests, behind the admin basic auth (docs/security.md):
 * - `GET /admin/users/:user_id/export`: everything stored about the user, one JSON document;
 * - `DELETE /admin/users/:user_id`: erases the user's conversations, messages, cases, users row and Redis traces;
 * - `DELETE /admin/conversations/:conversation_id`: erases one conversation.
 * Off (404) without an admin login (ADMIN_ACCOUNTS or ADMIN_PASSWORD).
 */
export function mountAdminPrivacyRoutes(app: Express, options: AdminAccessOptions & { privacy: PrivacyPort }): void {
  if (!options.admin) {
    options.logger.warn('admin GDPR routes disabled: set ADMIN_ACCOUNTS (or ADMIN_PASSWORD) to enable them');
    return;
  }
  const { privacy, logger } = options;
  const router = Router();
  // Per route (not router.use): other /admin routes keep their own handling.
  const adminAuth = createAdminBasicAuth(options.admin);
  router.get('/users/:user_id/export', adminAuth, async (req, res) => {
    const userId = parseRequestPart(externalIdSchema, req.params.user_id, 'user_id');
    const document = await privacy.exportUser(userId);
    logger.info({ conversations: document.conversations.length, escalations: document.escalations.length }, 'user data exported by an admin');
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Content-Disposition', `attachment; filename="user-export.json"`);
    sendJson(res, 200, userExportSchema, document);
  });
  router.delete('/users/:user_id', adminAuth, async (req, res) => {
    const userId = parseRequestPart(externalIdSchema, req.params.user_id, 'user_id');
    const report = await privacy.eraseUser(userId);
    logger.info({ ...report.erased }, 'user erased by an admin');
    sendJson(res, 200, userErasedSchema, { user_id: userId, ...report });
  });
  router.delete('/conversations/:conversation_id', adminAuth, async (req, res) => {
    const conversationId = parseRequestPart(externalIdSchema, req.params.conversation_id, 'conversation_id');
    const report = await privacy.eraseConversations([conversationId]);
    logger.info({ ...report.erased }, 'conversation erased by an admin');
    sendJson(res, 200, conversationErasedSchema, { conversation_id: conversationId, ...report });
  });
  app.use('/admin', router);
}
