import { jsonContent, textContent, type JsonObject } from './openapi-components.ts';

/** Probes, metrics, this document, and the widget's files (packages/widget, mounted at the root). */
export function operationsPaths(): JsonObject {
  return {
    '/health': {
      get: {
        operationId: 'getHealth',
        summary: 'Redis, database, queue and provider modes.',
        responses: {
          '200': { description: 'Healthy or degraded.', content: jsonContent('Health') },
          '503': {
            description: 'Unhealthy (Redis or the database unreachable).',
            headers: { 'Retry-After': { $ref: '#/components/headers/Retry-After' } },
            content: jsonContent('Health'),
          },
        },
      },
    },
    '/metrics': {
      get: {
        operationId: 'getMetrics',
        summary: 'Prometheus metrics (text exposition format). With METRICS_BEARER_TOKEN set on the API, only for `Authorization: Bearer <that token>`.',
        responses: {
          '200': { description: 'Metrics.', content: textContent('text/plain') },
          '401': { description: 'METRICS_BEARER_TOKEN is set and the request does not bear it (`metrics_token_required`).', content: jsonContent('ErrorBody') },
        },
      },
    },
    '/openapi.json': {
      get: {
        operationId: 'getOpenApiDocument',
        summary: 'This document.',
        responses: { '200': { description: 'OpenAPI 3.1 document.', content: { 'application/json': { schema: { type: 'object' } } } } },
      },
    },
    '/widget.js': {
      get: {
        operationId: 'getWidgetScript',
        summary: 'The chat widget bundle to embed in any site (`?v=<hash>`: cached immutably for a year; plain: five minutes, then revalidated by ETag).',
        parameters: [{ name: 'v', in: 'query', required: false, description: 'The bundle hash (the demo page links it).', schema: { type: 'string' } }],
        responses: {
          '200': { description: 'The bundle.', content: textContent('text/javascript') },
          '304': { description: 'Not modified (`If-None-Match` names the current bundle).' },
          '503': { description: 'The bundle could not be built (`widget_unavailable`).', content: jsonContent('ErrorBody') },
        },
      },
    },
    '/': {
      get: {
        operationId: 'getWidgetDemoPage',
        summary: 'The French demo page embedding the widget.',
        responses: {
          '200': { description: 'The page.', content: textContent('text/html') },
          '503': { description: 'The bundle could not be built (`widget_unavailable`).', content: jsonContent('ErrorBody') },
        },
      },
    },
  };
}
