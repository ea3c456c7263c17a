import { CHAT_IDEMPOTENCY_KEY_MAX_CHARACTERS, idempotencyKeyPattern } from '../http/idempotency-key-header.ts';
import {
  conversationIdParameter,
  conversationTokenResponses,
  errorResponse,
  jsonContent,
  lastEventIdParameters,
  optionalConversationTokenSecurity,
  rateLimitHeaders,
  type JsonObject,
} from './openapi-components.ts';

const jobIdParameter: JsonObject = {
  name: 'job_id',
  in: 'path',
  required: true,
  description: 'The job id returned on submission (a UUID): letters, digits, `-` and `_`; other characters or a name of the queue internals answer 400.',
  schema: { type: 'string', minLength: 1, pattern: '^[A-Za-z0-9_-]+$' },
};

/** The visitor's message submission and the routes that follow a job (docs/http-api.md). */
/** On the answer to a post whose Idempotency-Key this conversation already held: the same job, nothing new counted. */
const idempotentReplayedHeader: JsonObject = {
  description: '`true` when the post repeated an Idempotency-Key already used with the same body: the answer names the job of the first post, and nothing was counted.',
  schema: { type: 'string', enum: ['true'] },
};

export function chatPaths(options: { maxWaitSeconds: number }): JsonObject {
  return {
    '/api/v2/chat': {
      post: {
        operationId: 'submitChatMessage',
        summary: 'Submit a visitor message; the answer is produced asynchronously by a worker.',
        description:
          'The first post of a conversation needs no token and its answer carries `conversation_token`; every later post needs `Authorization: Bearer <conversation_token>`.',
        security: optionalConversationTokenSecurity,
        parameters: [
          {
            name: 'Idempotency-Key',
            in: 'header',
            required: false,
            description: `Same key and same body (its timestamp aside: a retry stamped again is the same post) returns the same job; same key with another body answers 422. 1 to ${CHAT_IDEMPOTENCY_KEY_MAX_CHARACTERS} visible ASCII characters (no space, no accented letter): another key is a 400.`,
            schema: { type: 'string', pattern: idempotencyKeyPattern(CHAT_IDEMPOTENCY_KEY_MAX_CHARACTERS) },
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
            description: 'Finished within the `Prefer: wait` delay: the job view (completed or failed), with `conversation_token` when this post started the conversation.',
            headers: { ...rateLimitHeaders, 'Preference-Applied': { schema: { type: 'string' } }, Location: { schema: { type: 'string' } }, 'Idempotent-Replayed': idempotentReplayedHeader },
            content: jsonContent('ChatJobViewWithToken'),
          },
          '202': {
            description: 'Accepted and queued; poll `Location` or follow `events_url`. Carries `conversation_token` when this post started the conversation.',
            headers: { ...rateLimitHeaders, Location: { schema: { type: 'string' } }, 'Preference-Applied': { schema: { type: 'string' } }, 'Idempotent-Replayed': idempotentReplayedHeader },
            content: jsonContent('ChatAccepted'),
          },
          '400': errorResponse(
            'Malformed JSON (`invalid_json`), a request the parser cannot read (`bad_request`), a compressed body that does not inflate or bytes that are not UTF-8 (`invalid_request` on the field `(body)`), or schema errors (`invalid_request`, `details` names each field: ids of 1–128 characters without control characters, a message of 1–2000 characters counted in Unicode code points, no NUL or lone surrogate).',
            'BadRequestErrorBody',
          ),
          ...conversationTokenResponses,
          '413': errorResponse('Body larger than MAX_BODY_BYTES (`payload_too_large`).'),
          '415': errorResponse('Body not sent as application/json, in a charset other than UTF-8 (declared `charset=utf-8`; UTF-16 and UTF-32 are read too), or with a Content-Encoding other than identity, gzip, deflate or br (`unsupported_media_type`).'),
          '422': errorResponse('Idempotency-Key reused with another body (`idempotency_conflict`).'),
          '429': {
            description: 'Conversation rate limit, or the per-client limits, reached (`rate_limited`); or, for a post without a conversation token, more than MAX_REQUESTS_IN_PROGRESS_PER_CLIENT requests of this client at work at once (`rate_limited`, `Retry-After: 1`, no RateLimit headers).',
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
            description:
              `Long-poll: wait up to N seconds for the job to end. N is a whole number from 0 to 30 (a value outside that range is a 400); ` +
              `this server waits at most ${options.maxWaitSeconds} s (MAX_WAIT_SECONDS), so a longer N is shortened to ${options.maxWaitSeconds} s. ` +
              '(`Prefer: wait=N` on POST /api/v2/chat is a preference: there any N is shortened, as RFC 7240 asks.)',
            schema: { type: 'integer', minimum: 0, maximum: 30 },
          },
          {
            name: 'partial_after',
            in: 'query',
            required: false,
            description:
              'With `wait`: also answer as soon as `partial_reply` is longer than this many characters (the length the client already shows), to follow the text while the agent writes without SSE. Characters are Unicode code points (Python `len`, JavaScript `[...text].length`): an emoji counts one.',
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
          'Server-Sent Events: `status`, `delta` (text appended while the agent writes), `reset` (the answer restarted after a retry), then `completed` or `failed`. Every event has an `id` (the length of the text delivered so far, in UTF-16 code units as JavaScript counts, unlike `partial_after`; send it back as received); reconnect with `Last-Event-ID` to receive only the rest.',
        parameters: [
          jobIdParameter,
          ...lastEventIdParameters('The `id` of the last event received: the text length delivered, `<length>-final` after the terminal event.'),
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
        summary: "The conversation's rate limit; reading it never consumes it (no token needed).",
        parameters: [conversationIdParameter],
        responses: {
          '200': { description: 'Current status.', headers: rateLimitHeaders, content: jsonContent('RateLimitStatus') },
          '400': errorResponse('Invalid conversation id.', 'InvalidRequestErrorBody'),
        },
      },
    },
  };
}
