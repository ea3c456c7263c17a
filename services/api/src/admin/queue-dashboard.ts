import { Router } from 'express';
import helmet from 'helmet';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { Queue } from 'bullmq';
import { adminAuthOrDisabled, type AdminAccessOptions } from '../http/admin-basic-auth.ts';

export const QUEUE_DASHBOARD_PATH = '/admin/queues';

/**
 * bull-board behind HTTP basic auth at /admin/queues. Returns undefined when no admin login
 * is configured: the route is then off (404) and a warning is logged once.
 */
export function createQueueDashboardRouter(
  options: AdminAccessOptions & {
    queue: Queue;
    /** Other queues of the stack shown beside the chat queue (ingestion, escalations). */
    extraQueues?: readonly Queue[];
  },
): Router | undefined {
  const adminAuth = adminAuthOrDisabled({ ...options, feature: 'queue dashboard', path: QUEUE_DASHBOARD_PATH });
  if (!adminAuth) return undefined;
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath(QUEUE_DASHBOARD_PATH);
  createBullBoard({
    // The chat queue is read-only: a job added, retried or promoted by hand would run outside its
    // conversation's order and admission (a visitor message forged with any date, an answer to a
    // failed message long after the visitor moved on). The other queues keep their actions.
    queues: [options.queue, ...(options.extraQueues ?? [])].map((queue) => new BullMQAdapter(queue, { readOnlyMode: queue === options.queue })),
    serverAdapter,
  });

  const router = Router();
  router.use(adminAuth);
  // The dashboard is a React page with inline bootstrapping: a CSP of its own, same-origin only.
  router.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'", "'unsafe-inline'"],
          styleSrc: ["'self'", "'unsafe-inline'", 'https:'],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'", 'https:', 'data:'],
          // The dashboard is often reached over plain HTTP on a private network: do not upgrade its assets.
          upgradeInsecureRequests: null,
        },
      },
    }),
  );
  // Its pages and JSON carry visitors' messages (job data): never kept by a browser or a proxy.
  router.use((_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  router.use(serverAdapter.getRouter() as Router);
  return router;
}
