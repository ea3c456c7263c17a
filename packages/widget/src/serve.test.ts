import { mkdtemp, rm, stat } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WIDGET_BUNDLE_BUDGET_GZIP_BYTES } from './build/widget-bundle-paths.ts';
import { measureWidgetBundle } from './build/widget-bundle-size.ts';
import { createWidgetRouter } from './serve.ts';

/** The router builds the bundle on demand into a temporary file, then serves it and the demo page. */
describe('createWidgetRouter', () => {
  let directory: string;
  let bundleFile: string;
  let server: Server;
  let baseUrl: string;

  beforeAll(async () => {
    directory = await mkdtemp(path.join(tmpdir(), 'lac-widget-serve-'));
    bundleFile = path.join(directory, 'widget.js');
    const app = express();
    app.use(createWidgetRouter({ bundleFile }));
    server = await new Promise((resolve) => {
      const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
    });
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await rm(directory, { recursive: true, force: true });
  });

  it('builds the missing bundle and serves it as JavaScript with caching headers', async () => {
    const response = await fetch(`${baseUrl}/widget.js`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(response.headers.get('cache-control')).toContain('max-age=300');
    expect(response.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    const etag = response.headers.get('etag');
    expect(etag).toMatch(/^"[0-9a-f]{16}"$/);
    const code = await response.text();
    expect(code).toContain('lac-chat-widget');
    expect(code).toContain('lac_conversation_id');
    expect((await stat(bundleFile)).size).toBe(Buffer.byteLength(code));

    const revalidated = await fetch(`${baseUrl}/widget.js`, { headers: { 'If-None-Match': etag! } });
    expect(revalidated.status).toBe(304);

    const versioned = await fetch(`${baseUrl}/widget.js?v=${etag!.slice(1, -1)}`);
    expect(versioned.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it('keeps the bundle under its size budget (min+gzip)', async () => {
    await fetch(`${baseUrl}/widget.js`);
    const size = await measureWidgetBundle(bundleFile);
    expect(size.gzipBytes).toBeLessThan(WIDGET_BUNDLE_BUDGET_GZIP_BYTES);
    expect(size.withinBudget).toBe(true);
  });

  it('serves a French demo page that embeds the widget with one script tag and data attributes', async () => {
    const response = await fetch(`${baseUrl}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await response.text();
    expect(html).toContain('<html lang="fr">');
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts).toHaveLength(1);
    expect(scripts[0]).toMatch(/src="\/widget\.js\?v=[0-9a-f]{16}"/);
    expect(scripts[0]).toContain('data-title=');
    expect(scripts[0]).toContain('data-primary-color=');
  });
});
