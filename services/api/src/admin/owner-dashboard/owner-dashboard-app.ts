import express, { type Express } from 'express';
import type { Logger } from '@lac/core';
import { AdminAuthenticator } from '../../http/admin-authenticator.ts';
import { createErrorHandler } from '../../http/error-handler.ts';
import { createUnknownRouteHandler } from '../../http/unknown-route-handler.ts';
import { createOwnerDashboardRouter, type OwnerStatsPort } from './owner-dashboard-router.ts';

/**
 * The owner's dashboard routes alone in an Express app, with the API's error handling: for the
 * stats benchmark (`pnpm bench:stats`) and route tests that need no queue or chat pipeline.
 */
export function createOwnerDashboardApp(options: { stats: OwnerStatsPort; adminUser: string; adminPassword: string; logger: Logger }): Express {
  const app = express();
  const admin = new AdminAuthenticator({ kind: 'shared', user: options.adminUser, password: options.adminPassword });
  const router = createOwnerDashboardRouter({ stats: options.stats, admin, logger: options.logger });
  if (router) app.use(router);
  app.use(createUnknownRouteHandler(app));
  app.use(createErrorHandler({ logger: options.logger, maxBodyBytes: 1024 }));
  return app;
}
