import { z } from 'zod';
import {
  chatAcceptedSchema,
  chatJobViewSchema,
  chatRequestSchema,
  conversationMessagesSchema,
  errorBodySchema,
  healthSchema,
  ownerStatsSchema,
  rateLimitStatusSchema,
} from '@lac/core';
import {
  badRequestErrorBodySchema,
  dependencyUnavailableErrorBodySchema,
  invalidRequestErrorBodySchema,
  rateLimitedErrorBodySchema,
} from '../http/error-body-schemas.ts';
import { completeOperations } from './openapi-operation-defaults.ts';

type JsonObject = Record<string, unknown>;

/** Each component schema, from the zod contract. `io` picks the input side (requests) or output side (responses). */
export const componentSchemas: Array<{ name: string; schema: z.ZodType; io: 'input' | 'output' }> = [
  { name: 'ChatRequest', schema: chatRequestSchema, io: 'input' },
  { name: 'ChatAccepted', schema: chatAcceptedSchema, io: 'output' },
  { name: 'ChatJobView', schema: chatJobViewSchema, io: 'output' },
  { name: 'RateLimitStatus', schema: rateLimitStatusSchema, io: 'output' },
  { name: 'ConversationMessages', schema: conversationMessagesSchema, io: 'output' },
  { name: 'Health', schema: healthSchema, io: 'output' },
  { name: 'ErrorBody', schema: errorBodySchema, io: 'output' },
  { name: 'InvalidRequestErrorBody', schema: invalidRequestErrorBodySchema, io: 'output' },
  { name: 'RateLimitedErrorBody', schema: rateLimitedErrorBodySchema, io: 'output' },
  { name: 'OwnerStats', schema: ownerStatsSchema, io: 'output' },
  { name: 'BadRequestErrorBody', schema: badRequestErrorBodySchema, io: 'output' },
  { name: 'DependencyUnavailableErrorBody', schema: dependencyUnavailableErrorBodySchema, io: 'output' },
];

function jsonSchemaOf(schema: z.ZodType, io: 'input' | 'output'): JsonObject {
  const json = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as JsonObject;
  delete json.$schema;
  return json;
}

const ref = (name: string): JsonObject => ({ $ref: `#/components/schemas/${name}` });
const jsonContent = (name: string): JsonObject => ({ 'application/json': { schema: ref(name) } });
const errorResponse = (description: string, schemaName = 'ErrorBody'): JsonObject => ({ description, content: jsonContent(schemaName) });

const rateLimitHeaders: JsonObject = {
  RateLimit: { $ref: '#/components/headers/RateLimit' },
  'RateLimit-Policy': { $ref: '#/components/headers/RateLimit-Policy' },
};

const conversationIdParameter: JsonObject = {
  name: 'conversation_id',
  in: 'path',
  required: true,
  schema: { type: 'string', minLength: 1, maxLength: 128 },
};
const jobIdParameter: JsonObject = {
  name: 'job_id',
  in: 'path',
  required: true,
  description: 'The job id returned on submission (a UUID): letters, digits, `-` and `_`; other characters or a name of the queue internals answer 400.',
  schema: { type: 'string', minLength: 1, pattern: '^[A-Za-z0-9_-]+$' },
};

/** The API's OpenAPI 3.1 document: every route with its responses, schemas built from the zod contract. */
export function buildOpenApiDocument(options: { serverUrl?: string; maxWaitSeconds: number }): JsonObject {
  const schemas: JsonObject = {};
  for (const { name, schema, io } of componentSchemas) schemas[name] = jsonSchemaOf(schema, io);

  const paths: JsonObject = {
    '/api/v2/chat': {
      post: {
        operationId: 'submitChatMessage',
        summary: 'Submit a visitor message; the answer is produced asynchronously by a worker.',
        parameters: [
          {
            name: 'Idempotency-Key',
            in: 'header',
            required: false,
            description: 'Same key and same body returns the same job; same key with another body answers 422.',
            schema: { type: 'string', minLength: 1, maxLength: 255 },
          },
          {
            name: 'Prefer',
            in: 'header',
            required: false,
            description: `\`wait=N\` (N ≤ ${options.maxWaitSeconds}): answer 200 with the finished job if it ends within N seconds, else 202.`,
            schema: { type: 'string', examples: ['wait=10'] },
          },
        ],
        requestBody: { required: true, content: jsonContent('ChatRequest') },
        responses: {
          '200': {
            description: 'Finished within the `Prefer: wait` delay: the job view (completed or failed).',
            headers: { ...rateLimitHeaders, 'Preference-Applied': { schema: { type: 'string' } }, Location: { schema: { type: 'string' } } },
            content: jsonContent('ChatJobView'),
          },
          '202': {
            description: 'Accepted and queued; poll `Location` or follow `events_url`.',
            headers: { ...rateLimitHeaders, Location: { schema: { type: 'string' } }, 'Preference-Applied': { schema: { type: 'string' } } },
            content: jsonContent('ChatAccepted'),
          },
          '400': errorResponse(
            'Malformed JSON or a compressed body that does not inflate (`invalid_json`, `bad_request`), or schema errors (`invalid_request`, `details` names each field: ids of 1–128 characters without control characters, a message of 1–2000 characters counted in Unicode code points, no NUL or lone surrogate).',
            'BadRequestErrorBody',
          ),
          '413': errorResponse('Body larger than MAX_BODY_BYTES (`payload_too_large`).'),
          '415': errorResponse('Body not sent as application/json, or a Content-Encoding other than identity, gzip, deflate or br (`unsupported_media_type`).'),
          '422': errorResponse('Idempotency-Key reused with another body (`idempotency_conflict`).'),
          '429': {
            description: 'Conversation rate limit reached (`rate_limited`).',
            headers: { ...rateLimitHeaders, 'Retry-After': { schema: { type: 'integer' } } },
            content: jsonContent('RateLimitedErrorBody'),
          },
        },
      },
    },
    '/api/v2/chat/jobs/{job_id}': {
      get: {
        operationId: 'getChatJob',
        summary: 'The job: status, position, partial reply while written, result or error.',
        parameters: [
          jobIdParameter,
          {
            name: 'wait',
            in: 'query',
            required: false,
            description: `Long-poll: wait up to N seconds for the job to end (0 to 30; waits of more than ${options.maxWaitSeconds} s are shortened to ${options.maxWaitSeconds} s).`,
            schema: { type: 'integer', minimum: 0, maximum: 30 },
          },
          {
            name: 'partial_after',
            in: 'query',
            required: false,
            description:
              'With `wait`: also answer as soon as `partial_reply` is longer than this many characters (the length the client already shows), to follow the text while the agent writes without SSE.',
            schema: { type: 'integer', minimum: 0 },
          },
        ],
        responses: {
          '200': { description: 'The job view.', content: jsonContent('ChatJobView') },
          '400': errorResponse('Invalid job id, `wait` or `partial_after`.', 'InvalidRequestErrorBody'),
          '404': errorResponse('Unknown or expired job id (`job_not_found`).'),
        },
      },
    },
    '/api/v2/chat/jobs/{job_id}/events': {
      get: {
        operationId: 'streamChatJobEvents',
        summary:
          'Server-Sent Events: `status`, `delta` (text appended while the agent writes), `reset` (the answer restarted after a retry), then `completed` or `failed`. Every event has an `id` (the length of the text delivered so far); reconnect with `Last-Event-ID` to receive only the rest.',
        parameters: [
          jobIdParameter,
          {
            name: 'Last-Event-ID',
            in: 'header',
            required: false,
            description: 'The `id` of the last event received: the text length delivered, `<length>-final` after the terminal event.',
            schema: { type: 'string' },
          },
          {
            name: 'last_event_id',
            in: 'query',
            required: false,
            description: 'Same as `Last-Event-ID`, for clients that cannot set the header.',
            schema: { type: 'string' },
          },
        ],
        responses: {
          '200': { description: 'The event stream.', content: { 'text/event-stream': { schema: { type: 'string' } } } },
          '204': { description: 'The job has ended and the client already received its final event: nothing more will come (EventSource clients stop reconnecting).' },
          '400': errorResponse('Invalid job id.', 'InvalidRequestErrorBody'),
          '404': errorResponse('Unknown or expired job id (`job_not_found`).'),
        },
      },
    },
    '/api/v2/rate-limit/{conversation_id}': {
      get: {
        operationId: 'peekRateLimit',
        summary: "The conversation's rate limit; reading it never consumes it.",
        parameters: [conversationIdParameter],
        responses: {
          '200': { description: 'Current status.', headers: rateLimitHeaders, content: jsonContent('RateLimitStatus') },
          '400': errorResponse('Invalid conversation id.', 'InvalidRequestErrorBody'),
        },
      },
    },
    '/api/v2/conversations/{conversation_id}/messages': {
      get: {
        operationId: 'listConversationMessages',
        summary: "The conversation's stored messages, oldest first.",
        parameters: [
          conversationIdParameter,
          { name: 'limit', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 1000 } },
          {
            name: 'after',
            in: 'query',
            required: false,
            description: 'Only the messages after this message id (all of them when it is unknown).',
            schema: { type: 'string', minLength: 1, maxLength: 128 },
          },
          {
            name: 'wait',
            in: 'query',
            required: false,
            description: 'Long-poll: with nothing new, wait up to N seconds for the next message or state change of the conversation.',
            schema: { type: 'integer', minimum: 0, maximum: 30 },
          },
          {
            name: 'state',
            in: 'query',
            required: false,
            description: 'The hand-over state the client last saw: with `wait`, a different current state answers at once.',
            schema: { type: 'string', enum: ['ai', 'waiting_human', 'human', 'closed'] },
          },
        ],
        responses: {
          '200': { description: 'The messages (and, with the hand-over, the state and operator).', content: jsonContent('ConversationMessages') },
          '400': errorResponse('Invalid conversation id, limit, after, wait or state.', 'InvalidRequestErrorBody'),
        },
      },
    },
    '/health': {
      get: {
        operationId: 'getHealth',
        summary: 'Redis, database, queue and provider modes.',
        responses: {
          '200': { description: 'Healthy or degraded.', content: jsonContent('Health') },
          '503': { description: 'Unhealthy.', content: jsonContent('Health') },
        },
      },
    },
    '/metrics': {
      get: {
        operationId: 'getMetrics',
        summary: 'Prometheus metrics (text exposition format).',
        responses: { '200': { description: 'Metrics.', content: { 'text/plain': { schema: { type: 'string' } } } } },
      },
    },
    '/openapi.json': {
      get: {
        operationId: 'getOpenApiDocument',
        summary: 'This document.',
        responses: { '200': { description: 'OpenAPI 3.1 document.', content: { 'application/json': { schema: { type: 'object' } } } } },
      },
    },
    '/admin/queues': {
      get: {
        operationId: 'getQueueDashboard',
        summary: 'bull-board dashboard of the queues (HTTP basic auth; off — 404 — when ADMIN_PASSWORD is unset).',
        security: [{ adminBasicAuth: [] }],
        responses: {
          '200': { description: 'The dashboard.', content: { 'text/html': { schema: { type: 'string' } } } },
          '401': errorResponse('Missing or wrong credentials.'),
          '404': errorResponse('Dashboard disabled (no ADMIN_PASSWORD).'),
        },
      },
    },
    '/admin/stats': {
      get: {
        operationId: 'getOwnerStats',
        summary: "The owner's dashboard figures over a range (HTTP basic auth; off — 404 — when ADMIN_PASSWORD is unset).",
        security: [{ adminBasicAuth: [] }],
        parameters: [{ name: 'range', in: 'query', required: false, schema: { type: 'string', enum: ['24h', '7d', '30d'], default: '24h' } }],
        responses: {
          '200': { description: 'The figures.', content: jsonContent('OwnerStats') },
          '400': errorResponse('Unknown range.', 'InvalidRequestErrorBody'),
          '401': errorResponse('Missing or wrong credentials.'),
          '404': errorResponse('Dashboard disabled (no ADMIN_PASSWORD).'),
        },
      },
    },
    '/admin/dashboard': {
      get: {
        operationId: 'getOwnerDashboard',
        summary: "The owner's dashboard page, in French: checklist, charts, live queue (HTTP basic auth).",
        security: [{ adminBasicAuth: [] }],
        responses: {
          '200': { description: 'The page.', content: { 'text/html': { schema: { type: 'string' } } } },
          '401': errorResponse('Missing or wrong credentials.'),
          '404': errorResponse('Dashboard disabled (no ADMIN_PASSWORD).'),
        },
      },
    },
  };

  completeOperations(paths);
  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: {
      title: 'LAC chat backend API',
      version: '2.0.0',
      description:
        'Queue-backed chat API of the agency: messages are accepted (202), answered by workers, and read by polling, long-polling or Server-Sent Events. Errors are always `{"error":{"code","message",...}}` with a French message. While Redis or the database is unreachable, every route that needs it answers 503 `dependency_unavailable` with `Retry-After` within a second; submitting needs only Redis.',
      license: { name: 'Proprietary', identifier: 'LicenseRef-Proprietary' },
    },
    servers: [options.serverUrl ? { url: options.serverUrl } : { url: '/', description: 'The server that serves this document.' }],
    paths,
    components: {
      schemas,
      headers: {
        'Retry-After': { description: 'Seconds to wait before trying again.', schema: { type: 'integer', minimum: 0 } },
        RateLimit: {
          description: 'draft-ietf-httpapi-ratelimit-headers: remaining quota and seconds until it grows, e.g. `"conversation";r=3;t=42`.',
          schema: { type: 'string' },
        },
        'RateLimit-Policy': {
          description: 'draft-ietf-httpapi-ratelimit-headers: the quota policy, e.g. `"conversation";q=10;w=60`.',
          schema: { type: 'string' },
        },
      },
      securitySchemes: { adminBasicAuth: { type: 'http', scheme: 'basic' } },
    },
  };
}
