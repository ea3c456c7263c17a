import { readFileSync } from 'node:fs';
import { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import { ownerStatsSchema, statsRangeSchema, type OwnerStats, type StatsRange } from '@lac/core';
import { adminAuthOrDisabled, type AdminAccessOptions } from '../../http/admin-basic-auth.ts';
import { parseRequestPart } from '../../http/parse-request-part.ts';
import { sendJson } from '../../http/send-json.ts';

export const ADMIN_STATS_PATH = '/admin/stats';
export const OWNER_DASHBOARD_PATH = '/admin/dashboard';

/** What the routes need: the figures of a range (OwnerStatsService). */
export interface OwnerStatsPort {
  compute(range: StatsRange): Promise<OwnerStats>;
}

/** The page and its two scripts, read once: plain HTML, CSS and JavaScript, no build step. */
const assets = {
  page: readFileSync(new URL('./dashboard.html', import.meta.url), 'utf8'),
  'charts.js': readFileSync(new URL('./charts.js', import.meta.url), 'utf8'),
  'app.js': readFileSync(new URL('./app.js', import.meta.url), 'utf8'),
};

/** Bytes the browser downloads for one view of the dashboard (uncompressed), before the JSON. */
export const ownerDashboardWeightBytes = Object.values(assets).reduce((sum, text) => sum + Buffer.byteLength(text), 0);

const statsQuerySchema = z.object({ range: z.enum(statsRangeSchema.options, { error: 'doit être 24h, 7d ou 30d' }).default('24h') });

/**
 * The owner's dashboard behind the admin basic auth (the same as bull-board and the escalation
 * routes): `GET /admin/stats?range=24h|7d|30d` (JSON, ownerStatsSchema) and `GET /admin/dashboard`
 * (the French page, with `/admin/dashboard/charts.js` and `/admin/dashboard/app.js`).
 * Returns undefined (routes off, a warning logged) when no admin login (ADMIN_ACCOUNTS or ADMIN_PASSWORD) is configured.
 */
export function createOwnerDashboardRouter(options: AdminAccessOptions & { stats: OwnerStatsPort }): Router | undefined {
  const auth = adminAuthOrDisabled({ ...options, feature: 'owner dashboard', path: OWNER_DASHBOARD_PATH });
  if (!auth) return undefined;
  const router = Router();
  const noStore: RequestHandler = (_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  };

  router.get(ADMIN_STATS_PATH, auth, noStore, async (req, res) => {
    const query = parseRequestPart(statsQuerySchema, { range: req.query.range }, '(query)');
    sendJson(res, 200, ownerStatsSchema, await options.stats.compute(query.range));
  });
  router.get(OWNER_DASHBOARD_PATH, auth, noStore, (_req, res) => {
    res.type('html').send(assets.page);
  });
  router.get(`${OWNER_DASHBOARD_PATH}/:asset`, auth, (req, res, next) => {
    const asset = req.params.asset;
    if (asset !== 'charts.js' && asset !== 'app.js') {
      next();
      return;
    }
    res.setHeader('Cache-Control', 'private, max-age=300');
    res.type('text/javascript').send(assets[asset]);
  });
  return router;
}
