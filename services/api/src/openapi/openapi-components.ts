import { z } from 'zod';
import {
  chatAcceptedSchema,
  chatJobViewSchema,
  chatRequestSchema,
  conversationMessagesSchema,
  conversationViewSchema,
  errorBodySchema,
  escalationViewSchema,
  healthSchema,
  operatorConversationDetailSchema,
  operatorConversationListSchema,
  operatorConversationSummarySchema,
  operatorMessageCreatedSchema,
  ownerStatsSchema,
  rateLimitStatusSchema,
  userExportSchema,
} from '@lac/core';
import {
  badRequestErrorBodySchema,
  dependencyUnavailableErrorBodySchema,
  invalidRequestErrorBodySchema,
  rateLimitedErrorBodySchema,
} from '../http/error-body-schemas.ts';
import { operatorActionBodySchema, operatorReplyBodySchema } from '../routes/admin-conversations-routes.ts';
import { escalationListSchema } from '../routes/admin-escalations-route.ts';
import { chatJobViewWithTokenSchema } from '../routes/chat-submission-route.ts';
import { conversationCreatedSchema, conversationCreationRequestSchema } from '../routes/conversation-creation-route.ts';
import { conversationErasedSchema, userErasedSchema } from '../routes/privacy-routes.ts';
import {
  adminUnauthorizedErrorBodySchema,
  conversationErasedErrorBodySchema,
  conversationNotFoundErrorBodySchema,
  conversationHeldByAnotherOperatorErrorBodySchema,
  conversationStateConflictErrorBodySchema,
  handoverCancelRefusedErrorBodySchema,
  conversationTokenInvalidErrorBodySchema,
  conversationTokenRequiredErrorBodySchema,
} from './openapi-error-schemas.ts';

export type JsonObject = Record<string, unknown>;

/** Each component schema, from the zod contract. `io` picks the input side (requests) or output side (responses). */
export const componentSchemas: Array<{ name: string; schema: z.ZodType; io: 'input' | 'output' }> = [
  { name: 'ChatRequest', schema: chatRequestSchema, io: 'input' },
  { name: 'ChatAccepted', schema: chatAcceptedSchema, io: 'output' },
  { name: 'ChatJobView', schema: chatJobViewSchema, io: 'output' },
  { name: 'ChatJobViewWithToken', schema: chatJobViewWithTokenSchema, io: 'output' },
  { name: 'RateLimitStatus', schema: rateLimitStatusSchema, io: 'output' },
  { name: 'ConversationCreationRequest', schema: conversationCreationRequestSchema, io: 'input' },
  { name: 'ConversationCreated', schema: conversationCreatedSchema, io: 'output' },
  { name: 'ConversationExisting', schema: conversationCreatedSchema.partial({ conversation_token: true }), io: 'output' },
  { name: 'ConversationView', schema: conversationViewSchema, io: 'output' },
  { name: 'ConversationMessages', schema: conversationMessagesSchema, io: 'output' },
  { name: 'ConversationErased', schema: conversationErasedSchema, io: 'output' },
  { name: 'UserErased', schema: userErasedSchema, io: 'output' },
  { name: 'UserExport', schema: userExportSchema, io: 'output' },
  { name: 'EscalationList', schema: escalationListSchema, io: 'output' },
  { name: 'EscalationView', schema: escalationViewSchema, io: 'output' },
  { name: 'OperatorConversationList', schema: operatorConversationListSchema, io: 'output' },
  { name: 'OperatorConversationSummary', schema: operatorConversationSummarySchema, io: 'output' },
  { name: 'OperatorConversationDetail', schema: operatorConversationDetailSchema, io: 'output' },
  { name: 'OperatorActionRequest', schema: operatorActionBodySchema.unwrap(), io: 'input' },
  { name: 'OperatorReplyRequest', schema: operatorReplyBodySchema, io: 'input' },
  { name: 'OperatorMessageCreated', schema: operatorMessageCreatedSchema, io: 'output' },
  { name: 'Health', schema: healthSchema, io: 'output' },
  { name: 'OwnerStats', schema: ownerStatsSchema, io: 'output' },
  { name: 'ErrorBody', schema: errorBodySchema, io: 'output' },
  { name: 'InvalidRequestErrorBody', schema: invalidRequestErrorBodySchema, io: 'output' },
  { name: 'BadRequestErrorBody', schema: badRequestErrorBodySchema, io: 'output' },
  { name: 'RateLimitedErrorBody', schema: rateLimitedErrorBodySchema, io: 'output' },
  { name: 'DependencyUnavailableErrorBody', schema: dependencyUnavailableErrorBodySchema, io: 'output' },
  { name: 'ConversationTokenRequiredErrorBody', schema: conversationTokenRequiredErrorBodySchema, io: 'output' },
  { name: 'ConversationTokenInvalidErrorBody', schema: conversationTokenInvalidErrorBodySchema, io: 'output' },
  { name: 'ConversationErasedErrorBody', schema: conversationErasedErrorBodySchema, io: 'output' },
  { name: 'ConversationNotFoundErrorBody', schema: conversationNotFoundErrorBodySchema, io: 'output' },
  {
    name: 'OperatorConflictErrorBody',
    schema: z.union([conversationStateConflictErrorBodySchema, conversationHeldByAnotherOperatorErrorBodySchema]),
    io: 'output',
  },
  { name: 'HandoverCancelRefusedErrorBody', schema: handoverCancelRefusedErrorBodySchema, io: 'output' },
  { name: 'AdminUnauthorizedErrorBody', schema: adminUnauthorizedErrorBodySchema, io: 'output' },
];

function jsonSchemaOf(schema: z.ZodType, io: 'input' | 'output'): JsonObject {
  const json = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as JsonObject;
  delete json.$schema;
  return json;
}

export const ref = (name: string): JsonObject => ({ $ref: `#/components/schemas/${name}` });
export const jsonContent = (name: string): JsonObject => ({ 'application/json': { schema: ref(name) } });
export const errorResponse = (description: string, schemaName = 'ErrorBody'): JsonObject => ({ description, content: jsonContent(schemaName) });
export const textContent = (mediaType: string): JsonObject => ({ [mediaType]: { schema: { type: 'string' } } });

export const rateLimitHeaders: JsonObject = {
  RateLimit: { $ref: '#/components/headers/RateLimit' },
  'RateLimit-Policy': { $ref: '#/components/headers/RateLimit-Policy' },
};

const idSchema = { type: 'string', minLength: 1, maxLength: 128 };
export const pathParameter = (name: string, description?: string): JsonObject => ({
  name,
  in: 'path',
  required: true,
  ...(description ? { description } : {}),
  schema: idSchema,
});
export const conversationIdParameter = pathParameter('conversation_id');

export const lastEventIdParameters = (description: string): JsonObject[] => [
  { name: 'Last-Event-ID', in: 'header', required: false, description, schema: { type: 'string' } },
  { name: 'last_event_id', in: 'query', required: false, description: 'Same as `Last-Event-ID`, for clients that cannot set the header.', schema: { type: 'string' } },
];

/** The answers of the conversation access check (docs/security.md), on every route behind it. */
export const conversationTokenResponses: JsonObject = {
  '401': {
    description: 'No conversation token (`conversation_token_required`); `WWW-Authenticate: Bearer realm="conversation"`.',
    headers: { 'WWW-Authenticate': { schema: { type: 'string' } } },
    content: jsonContent('ConversationTokenRequiredErrorBody'),
  },
  '403': {
    description: 'A token that is not this conversation\'s (`conversation_token_invalid`); `WWW-Authenticate: Bearer … error="invalid_token"`.',
    headers: { 'WWW-Authenticate': { schema: { type: 'string' } } },
    content: jsonContent('ConversationTokenInvalidErrorBody'),
  },
  '410': errorResponse('The conversation was erased (`conversation_erased`), token or not.', 'ConversationErasedErrorBody'),
};

/** Reads, streams and erasure of a conversation: its token (not needed with CONVERSATION_ACCESS=open). */
export const conversationTokenSecurity = [{ conversationToken: [] }];
/** Posting: no token to start a conversation, its token afterwards. */
export const optionalConversationTokenSecurity = [{}, { conversationToken: [] }];
export const adminSecurity = [{ adminBasicAuth: [] }];

/** Every admin route: wrong credentials, then too many failures from one address. */
/** What every state-changing admin route may also answer (http/admin-cross-site-guard.ts, the JSON body). */
export const adminChangeResponses: JsonObject = {
  '403': {
    description: "Sent from another site's page (`cross_site_request`: `Sec-Fetch-Site` cross-site or same-site, or a foreign `Origin`).",
    content: jsonContent('ErrorBody'),
  },
  '413': { description: 'Body larger than MAX_BODY_BYTES (`payload_too_large`).', content: jsonContent('ErrorBody') },
  '415': { description: 'A Content-Type other than JSON, even without a body (`unsupported_media_type`).', content: jsonContent('ErrorBody') },
};

export const adminResponses: JsonObject = {
  '401': {
    description: 'Missing or wrong credentials (`unauthorized`), with a `WWW-Authenticate: Basic` challenge, except to a request marked `X-Requested-With: XMLHttpRequest` (a page\'s script: a browser would answer the challenge with its own login prompt).',
    headers: { 'WWW-Authenticate': { schema: { type: 'string' } } },
    content: jsonContent('AdminUnauthorizedErrorBody'),
  },
  '429': {
    description: 'Too many failed logins from this address (`rate_limited`).',
    headers: { 'Retry-After': { $ref: '#/components/headers/Retry-After' } },
    content: jsonContent('RateLimitedErrorBody'),
  },
};

/** `components` of the document: the schemas built from zod, the shared headers, the security schemes. */
export function buildComponents(): JsonObject {
  const schemas: JsonObject = {};
  for (const { name, schema, io } of componentSchemas) schemas[name] = jsonSchemaOf(schema, io);
  return {
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
    securitySchemes: {
      adminBasicAuth: { type: 'http', scheme: 'basic', description: 'An ADMIN_ACCOUNTS login (one per operator), or the shared ADMIN_USER / ADMIN_PASSWORD; every /admin route is off (404) without either.' },
      conversationToken: {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'ct1.<base64url HMAC>',
        description:
          'The conversation token (`Authorization: Bearer <conversation_token>`), handed out as `conversation_token` by the answer that starts a conversation (POST /api/v2/chat or POST /api/v2/conversations). See docs/security.md.',
      },
    },
  };
}
