import { CHAT_IDEMPOTENCY_KEY_MAX_CHARACTERS, idempotencyKeyPattern } from '../http/idempotency-key-header.ts';
import {
  conversationIdParameter,
  conversationTokenResponses,
  conversationTokenSecurity,
  errorResponse,
  jsonContent,
  lastEventIdParameters,
  optionalConversationTokenSecurity,
  type JsonObject,
} from './openapi-components.ts';

const conversationStates = ['ai', 'waiting_human', 'human', 'closed'];

/** The visitor's conversation-level routes, all behind the conversation access check (docs/security.md). */
/** A route that reads no body still holds one sent to the rule of every body (http/json-body.ts): JSON, at most MAX_BODY_BYTES. */
const ignoredBodyResponses: JsonObject = {
  '413': errorResponse('A body (none is read) larger than MAX_BODY_BYTES (`payload_too_large`).'),
  '415': errorResponse('A body (none is read) not sent as application/json (`unsupported_media_type`).'),
};

export function conversationPaths(): JsonObject {
  return {
    '/api/v2/conversations': {
      post: {
        operationId: 'createConversation',
        summary: 'Open a conversation without a message and get its token, so the client holds it before its first post.',
        security: optionalConversationTokenSecurity,
        parameters: [
          {
            name: 'Idempotency-Key',
            in: 'header',
            required: false,
            description: `The same post retried with the same key (its answer lost) gets the token again (201, \`Idempotent-Replayed: true\`, not counted again in the new-conversations window) within IDEMPOTENCY_TTL_SECONDS. With a \`conversation_id\` of the client's: without the key, or with another \`user_id\`, the retry is a 401. Without one: the id is derived from \`user_id\` and the key (a UUID), so the retry names the same conversation; another key or \`user_id\` opens another. 1 to ${CHAT_IDEMPOTENCY_KEY_MAX_CHARACTERS} visible ASCII characters: another key is a 400.`,
            schema: { type: 'string', pattern: idempotencyKeyPattern(CHAT_IDEMPOTENCY_KEY_MAX_CHARACTERS) },
          },
        ],
        requestBody: { required: true, content: jsonContent('ConversationCreationRequest') },
        responses: {
          '200': { description: 'The conversation exists and the request carried its token (or CONVERSATION_ACCESS=open): nothing new handed out.', content: jsonContent('ConversationExisting') },
          '201': {
            description: 'Opened (or claimed): its `conversation_token`, to send as `Authorization: Bearer` from then on; `Location` is the conversation.',
            headers: {
              Location: { schema: { type: 'string' } },
              'Idempotent-Replayed': { description: '`true` when the post repeated the Idempotency-Key of the post that opened the conversation: the token again, nothing counted.', schema: { type: 'string', enum: ['true'] } },
            },
            content: jsonContent('ConversationCreated'),
          },
          '400': errorResponse('Malformed JSON or schema errors (`invalid_request`).', 'BadRequestErrorBody'),
          ...conversationTokenResponses,
          '413': errorResponse('Body larger than MAX_BODY_BYTES (`payload_too_large`).'),
          '415': errorResponse('Body not sent as application/json, in a charset other than UTF-8 (declared `charset=utf-8`; UTF-16 and UTF-32 are read too), or with a Content-Encoding other than identity, gzip, deflate or br (`unsupported_media_type`).'),
          '429': { description: 'Too many new conversations from this client, or more than MAX_REQUESTS_IN_PROGRESS_PER_CLIENT of its requests at work at once (`rate_limited`, `Retry-After`).', content: jsonContent('RateLimitedErrorBody') },
        },
      },
    },
    '/api/v2/conversations/{conversation_id}': {
      get: {
        operationId: 'getConversationState',
        summary:
          "The conversation's hand-over state, its operator, the visitor messages not answered yet (`pending_job_ids`) and the newest event id (resume the event stream from it).",
        security: conversationTokenSecurity,
        parameters: [conversationIdParameter],
        responses: {
          '200': { description: 'The conversation.', content: jsonContent('ConversationView') },
          '400': errorResponse('Invalid conversation id.', 'InvalidRequestErrorBody'),
          ...conversationTokenResponses,
          '404': errorResponse('No such conversation (`conversation_not_found`): only without conversation tokens (open mode), for an id nothing is stored for; a conversation opened with its token and no message yet answers 200, state `ai`.', 'ConversationNotFoundErrorBody'),
        },
      },
      delete: {
        operationId: 'eraseConversation',
        summary: 'The visitor erases their conversation (GDPR article 17): messages, cases, Redis traces. Erasing twice erases nothing more.',
        security: conversationTokenSecurity,
        parameters: [conversationIdParameter],
        responses: {
          '200': { description: 'What was erased, counted.', content: jsonContent('ConversationErased') },
          '400': errorResponse('Invalid conversation id, or a body (none is read) that is not well-formed JSON (`invalid_json`).', 'BadRequestErrorBody'),
          ...conversationTokenResponses,
          ...ignoredBodyResponses,
        },
      },
    },
    '/api/v2/conversations/{conversation_id}/messages': {
      get: {
        operationId: 'listConversationMessages',
        summary: "The conversation's stored messages, oldest first.",
        security: conversationTokenSecurity,
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
            schema: { type: 'string', enum: conversationStates },
          },
        ],
        responses: {
          '200': { description: 'The messages (and, with the hand-over, the state and operator).', content: jsonContent('ConversationMessages') },
          '400': errorResponse('Invalid conversation id, limit, after, wait or state.', 'InvalidRequestErrorBody'),
          ...conversationTokenResponses,
        },
      },
    },
    '/api/v2/conversations/{conversation_id}/handover/cancel': {
      post: {
        operationId: 'cancelConversationHandover',
        summary:
          'The visitor withdraws a hand-over request nobody joined yet (`waiting_human` → `ai`): the next message goes to the agents. The messages sent while it waited stay stored, held for a person.',
        security: conversationTokenSecurity,
        parameters: [conversationIdParameter],
        responses: {
          '200': { description: 'Withdrawn: the conversation as `GET /api/v2/conversations/{conversation_id}` reads it, state `ai`.', content: jsonContent('ConversationView') },
          '400': errorResponse('Invalid conversation id, or a body (none is read) that is not well-formed JSON (`invalid_json`).', 'BadRequestErrorBody'),
          ...conversationTokenResponses,
          ...ignoredBodyResponses,
          '404': errorResponse('No such conversation (`conversation_not_found`): only without conversation tokens (open mode), for an id nothing is stored for.', 'ConversationNotFoundErrorBody'),
          '409': errorResponse(
            'A person already joined (`handover_operator_joined`, with `operator`): the visitor talks to them; or nothing waits for a person (`handover_not_waiting`, with `state`).',
            'HandoverCancelRefusedErrorBody',
          ),
        },
      },
    },
    '/api/v2/conversations/{conversation_id}/events': {
      get: {
        operationId: 'streamConversationEvents',
        summary:
          'Server-Sent Events of the conversation: `message` (a new message from any author) and `state` (a hand-over change), each with the id of its stream entry. Without `Last-Event-ID` the stream opens with a `state` snapshot; it ends after the `closed` state event.',
        security: conversationTokenSecurity,
        parameters: [conversationIdParameter, ...lastEventIdParameters('The `id` of the last event received: only the events after it are sent.')],
        responses: {
          '200': { description: 'The event stream (`data:` is a JSON conversation event; heartbeat comments keep proxies from closing it).', content: { 'text/event-stream': { schema: { type: 'string' } } } },
          '204': { description: 'The conversation is closed and nothing newer than `Last-Event-ID` is left: nothing more will come (EventSource clients stop reconnecting).' },
          '400': errorResponse('Invalid conversation id (an unreadable `Last-Event-ID` is ignored: the stream opens with the snapshot).', 'InvalidRequestErrorBody'),
          ...conversationTokenResponses,
        },
      },
    },
  };
}
