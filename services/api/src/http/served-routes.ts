import type { Express } from 'express';

/** What router 2.3's `listRoutes()` gives for one registered path (router/index.d.ts `RouteInfo`). */
interface ListedRoute {
  path: string | RegExp;
  methods: string[] | undefined;
  router: unknown;
}
interface ListableRouter {
  listRoutes(): ListedRoute[];
}

/** One route the app serves: `GET /api/v2/chat/jobs/{job_id}` (Express `:name` written as `{name}`). */
export interface ServedRoute {
  method: string;
  template: string;
}

/**
 * The routes an Express 5 app serves, read from its router (`app.router.listRoutes()`, router ≥ 2.3),
 * recursing into mounted routers and joining their paths. The automatic HEAD of a GET route is left
 * out; `.all()` is method `*`; a RegExp path is kept as its source (no document can match it).
 * `opaqueMounts`: mounted routers that list no route of their own (a sub-application such as
 * bull-board): what they serve under their path is theirs, only the mount path is known.
 */
export function servedRoutesOf(app: Express): { routes: ServedRoute[]; opaqueMounts: string[] } {
  const root = (app as unknown as { router: unknown }).router;
  if (!isListable(root)) throw new Error('the Express router has no listRoutes() (router 2.3 or later is needed)');
  const routes: ServedRoute[] = [];
  const opaqueMounts: string[] = [];
  const visit = (router: ListableRouter, prefix: string): void => {
    for (const entry of router.listRoutes()) {
      const template = joinPaths(prefix, typeof entry.path === 'string' ? entry.path.replace(/:(\w+)/g, '{$1}') : `RegExp(${entry.path.source})`);
      if (entry.methods === undefined) {
        if (!isListable(entry.router)) continue;
        const before = routes.length + opaqueMounts.length;
        visit(entry.router, template);
        if (routes.length + opaqueMounts.length === before) opaqueMounts.push(template);
        continue;
      }
      for (const method of entry.methods) {
        if (method === 'HEAD' && entry.methods.includes('GET')) continue;
        routes.push({ method, template });
      }
    }
  };
  visit(root, '');
  return { routes, opaqueMounts };
}

function isListable(router: unknown): router is ListableRouter {
  return typeof (router as Partial<ListableRouter> | undefined)?.listRoutes === 'function';
}

function joinPaths(prefix: string, path: string): string {
  const joined = `${prefix.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
  return joined.length > 1 ? joined.replace(/\/+$/, '') : '/';
}
