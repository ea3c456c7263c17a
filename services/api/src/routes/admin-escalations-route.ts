import { Router, type Express } from 'express';
import { z } from 'zod';
import {
  NotFoundError,
  escalationStatusSchema,
  escalationViewOf,
  escalationViewSchema,
  type EscalationStore,
} from '@lac/core';
import { adminAuthOrDisabled, type AdminAccessOptions } from '../http/admin-basic-auth.ts';
import { parseRequestPart } from '../http/parse-request-part.ts';
import { sendJson } from '../http/send-json.ts';
import { limitQuerySchema } from '../http/limit-query-schema.ts';

export const ADMIN_ESCALATIONS_PATH = '/admin/escalations';

/** What the admin routes need from the escalation store. */
export type AdminEscalationsPort = Pick<EscalationStore, 'list' | 'close'>;

const listQuerySchema = z.object({
  status: z.enum([...escalationStatusSchema.options, 'all'], { error: 'doit être open, delivered, closed ou all' }).default('open'),
  limit: limitQuerySchema(500).default(100),
});

export const escalationListSchema = z.object({
  status: z.string(),
  count: z.number().int().nonnegative(),
  escalations: z.array(escalationViewSchema),
});

const escalationIdSchema = z.uuid({ error: 'doit être un identifiant de cas (UUID)' });

/**
 * Admin routes of the escalation cases, behind the same HTTP basic auth as bull-board:
 * - `GET /admin/escalations?status=open|delivered|closed|all&limit=N` (default open, 100): cases, oldest first;
 * - `POST /admin/escalations/:id/close`: a person handled the case.
 * Returns undefined (routes off, a warning logged) when no admin login (ADMIN_ACCOUNTS or ADMIN_PASSWORD) is configured.
 */
export function createAdminEscalationsRouter(options: AdminAccessOptions & { escalations: AdminEscalationsPort }): Router | undefined {
  const auth = adminAuthOrDisabled({ ...options, feature: 'admin escalations', path: ADMIN_ESCALATIONS_PATH });
  if (!auth) return undefined;
  const router = Router();
  router.use(auth);
  router.get('/', async (req, res) => {
    const query = parseRequestPart(listQuerySchema, { status: req.query.status, limit: req.query.limit }, '(query)');
    const escalations = await options.escalations.list({
      ...(query.status === 'all' ? {} : { status: query.status }),
      limit: query.limit,
    });
    res.setHeader('Cache-Control', 'no-store');
    sendJson(res, 200, escalationListSchema, {
      status: query.status,
      count: escalations.length,
      escalations: escalations.map(escalationViewOf),
    });
  });
  router.post('/:id/close', async (req, res) => {
    const id = parseRequestPart(escalationIdSchema, req.params.id, 'id');
    const closed = await options.escalations.close(id);
    if (!closed) throw new NotFoundError('Cas introuvable.', { id });
    options.logger.info({ escalationId: id }, 'escalation closed by an admin');
    sendJson(res, 200, escalationViewSchema, escalationViewOf(closed));
  });
  return router;
}

/** The one line of app.ts: mounts the routes when a store is given and an admin password is set. */
export function mountAdminEscalationsRoute(
  app: Express,
  options: AdminAccessOptions & { escalations: AdminEscalationsPort | undefined },
): void {
  if (!options.escalations) return;
  const router = createAdminEscalationsRouter({ ...options, escalations: options.escalations });
  if (router) app.use(ADMIN_ESCALATIONS_PATH, router);
}
