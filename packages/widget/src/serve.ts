import express, { type Request, type Response } from 'express';
import type { Logger } from '@lac/core';
import { renderDemoPage } from './serve/demo-page.ts';
import { WidgetBundleProvider } from './serve/widget-bundle-provider.ts';

/**
 * `createWidgetRouter()`: mount it at the API's root.
 *
 *   GET /widget.js   the bundle (text/javascript). Plain URL: cached 5 minutes then revalidated
 *                    by ETag; `/widget.js?v=<hash>` (what the demo page uses): immutable for a year.
 *                    Cross-Origin-Resource-Policy: cross-origin, so any site can embed it.
 *   GET /            the French demo page embedding it.
 *
 * The bundle is packages/widget/dist/widget.js, built with Vite on first use when missing
 * or stale (about a second); the build starts as soon as the router is created.
 * `pnpm --filter @lac/widget build` builds it ahead of time (and checks its size).
 */
export interface WidgetRouterOptions {
  logger?: Logger;
  /** Defaults to packages/widget/dist/widget.js. */
  bundleFile?: string;
  /** Rebuild when a source is newer than the bundle (default true). */
  rebuildWhenStale?: boolean;
  demoTitle?: string;
  demoPrimaryColor?: string;
}

export function createWidgetRouter(options: WidgetRouterOptions = {}): express.Router {
  const provider = new WidgetBundleProvider({
    bundleFile: options.bundleFile,
    logger: options.logger,
    rebuildWhenStale: options.rebuildWhenStale,
  });
  // Start building now so the first visitor does not wait; a failure is logged and retried on request.
  provider.load().catch((error: unknown) => options.logger?.error({ err: error }, 'widget bundle build failed'));

  const router = express.Router();

  const unavailable = (response: Response, error: unknown) => {
    options.logger?.error({ err: error }, 'widget bundle unavailable');
    response
      .status(503)
      .type('application/json')
      .set('Cache-Control', 'no-store')
      .send(JSON.stringify({ error: { code: 'widget_unavailable', message: 'Le widget est momentanément indisponible.' } }));
  };

  router.get('/widget.js', async (request: Request, response: Response) => {
    let bundle;
    try {
      bundle = await provider.load();
    } catch (error) {
      return unavailable(response, error);
    }
    const etag = `"${bundle.hash}"`;
    const versioned = request.query.v === bundle.hash;
    response.set({
      'Content-Type': 'text/javascript; charset=utf-8',
      'Cache-Control': versioned ? 'public, max-age=31536000, immutable' : 'public, max-age=300, stale-while-revalidate=86400',
      ETag: etag,
      'Cross-Origin-Resource-Policy': 'cross-origin',
      'Access-Control-Allow-Origin': '*',
      'X-Content-Type-Options': 'nosniff',
    });
    if (request.headers['if-none-match'] === etag) return response.status(304).end();
    response.status(200).send(bundle.code);
  });

  router.get('/', async (_request: Request, response: Response) => {
    let bundle;
    try {
      bundle = await provider.load();
    } catch (error) {
      return unavailable(response, error);
    }
    response.set({
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-cache',
      'Content-Security-Policy':
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
    });
    response.status(200).send(
      renderDemoPage({
        widgetScriptUrl: `/widget.js?v=${bundle.hash}`,
        title: options.demoTitle,
        primaryColor: options.demoPrimaryColor,
      }),
    );
  });

  return router;
}
