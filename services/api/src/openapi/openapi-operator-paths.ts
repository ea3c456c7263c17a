import { idempotencyKeyPattern, OPERATOR_REPLY_IDEMPOTENCY_KEY_MAX_CHARACTERS } from '../http/idempotency-key-header.ts';
import { adminChangeResponses, adminResponses, adminSecurity, conversationIdParameter, errorResponse, jsonContent, textContent, type JsonObject } from './openapi-components.ts';

const offOrMissing = errorResponse('No such conversation (`conversation_not_found`), or the operator routes off (no admin login or no hand-over: `not_found`).');
const conflict = errorResponse(
  'The action is not allowed from the conversation\'s current state (`conversation_state_conflict`, with `state` and `allowed_from`), or, for a join, another operator already holds the conversation (`conversation_held_by_another_operator`, with `operator`: their name as their join recorded it, null when none): a join that lost the race to a colleague\'s gets this one.',
  'OperatorConflictErrorBody',
);
const invalidIdOrBody = errorResponse('Invalid conversation id or body (`invalid_request`), or malformed JSON.', 'BadRequestErrorBody');

const action = (operationId: string, summary: string): JsonObject => ({
  post: {
    operationId,
    summary: `${summary} The name recorded and shown to the visitor: with ADMIN_ACCOUNTS the logged-in account's display name (\`operator_name\` is ignored), else \`operator_name\`, else OPERATOR_DISPLAY_NAME, else "Équipe".`,
    security: adminSecurity,
    parameters: [conversationIdParameter],
    requestBody: { required: false, content: jsonContent('OperatorActionRequest') },
    responses: {
      '200': { description: 'The conversation after the action.', content: jsonContent('OperatorConversationSummary') },
      '400': invalidIdOrBody,
      ...adminResponses,
      ...adminChangeResponses,
      '404': offOrMissing,
      '409': conflict,
    },
  },
});

/**
 * The operators' routes (routes/admin-conversations-routes.ts, admin/operator-inbox-page.ts) behind
 * the admin basic auth, and the admin erasure of one conversation (routes/privacy-routes.ts), which
 * shares the operator detail's path.
 */
export function operatorPaths(): JsonObject {
  return {
    '/admin/conversations': {
      get: {
        operationId: 'listOperatorConversations',
        summary: 'Conversations for the operators: waiting first (longest wait first), with waiting time and escalation category.',
        security: adminSecurity,
        parameters: [
          {
            name: 'state',
            in: 'query',
            required: false,
            description: '`open`: waiting_human and human.',
            schema: { type: 'string', enum: ['ai', 'waiting_human', 'human', 'closed', 'open', 'all'], default: 'open' },
          },
          { name: 'limit', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 500, default: 100 } },
        ],
        responses: {
          '200': { description: 'The conversations.', content: jsonContent('OperatorConversationList') },
          '400': errorResponse('Unknown state or invalid limit.', 'InvalidRequestErrorBody'),
          ...adminResponses,
          '404': errorResponse('Operator routes off (no admin login or no hand-over: `not_found`).'),
        },
      },
    },
    '/admin/conversations/events': {
      get: {
        operationId: 'streamOperatorEvents',
        summary:
          'Server-Sent Events of every conversation (the inbox): `message` and `state` events as they happen (no backlog), `erased` (the id only) when a visitor erases a conversation, `resync` (empty data) when the API may have missed events (its Redis subscription reconnected or lost messages): read the list and the open conversation again; `ping` (`{"heartbeat_ms": N}`) as soon as the stream opens and every N ms after: nothing for two intervals means the stream went silent (a proxy holding it without passing anything on), open it again. Asked with `Accept: application/json` (not `text/event-stream` or `*/*`), this path reads the conversation whose id is `events`, as `GET /admin/conversations/{conversation_id}` does.',
        security: adminSecurity,
        responses: {
          '200': {
            description: 'The event stream; with `Accept: application/json`, the conversation named `events`.',
            content: { ...textContent('text/event-stream'), ...jsonContent('OperatorConversationDetail') },
          },
          ...adminResponses,
          '404': errorResponse('Operator routes off (no admin login or no hand-over: `not_found`).'),
        },
      },
    },
    '/admin/conversations/{conversation_id}': {
      get: {
        operationId: 'getOperatorConversation',
        summary: 'One conversation with its transcript.',
        security: adminSecurity,
        parameters: [conversationIdParameter],
        responses: {
          '200': { description: 'The conversation.', content: jsonContent('OperatorConversationDetail') },
          '400': errorResponse('Invalid conversation id.', 'InvalidRequestErrorBody'),
          ...adminResponses,
          '404': offOrMissing,
        },
      },
      delete: {
        operationId: 'eraseConversationAsAdmin',
        summary: 'Erases one conversation (GDPR article 17): messages, cases, Redis traces.',
        security: adminSecurity,
        parameters: [conversationIdParameter],
        responses: {
          '200': { description: 'What was erased, counted.', content: jsonContent('ConversationErased') },
          '400': errorResponse('Invalid conversation id.', 'InvalidRequestErrorBody'),
          ...adminResponses,
          ...adminChangeResponses,
          '404': errorResponse('Privacy routes disabled (no admin login: `not_found`).'),
        },
      },
    },
    '/admin/conversations/{conversation_id}/join': action('joinConversation', 'An operator takes the conversation over (state `human`), from `waiting_human` or from the agents (`ai`).'),
    '/admin/conversations/{conversation_id}/handback': action('handBackConversation', 'The operator hands the conversation back to the agents (state `ai`).'),
    '/admin/conversations/{conversation_id}/close': action('closeConversation', 'The operator closes the conversation (state `closed`).'),
    '/admin/conversations/{conversation_id}/messages': {
      post: {
        operationId: 'replyAsOperator',
        summary: 'An operator reply, shown to the visitor (text of 1 to 4000 characters once trimmed).',
        security: adminSecurity,
        parameters: [
          conversationIdParameter,
          {
            name: 'Idempotency-Key',
            in: 'header',
            required: false,
            description: 'One key per reply, kept for its retries: a retry gets the reply stored the first time (201, same message, `Idempotent-Replayed: true`), stored once; the key sent again with another text answers 422 (`idempotency_conflict`).',
            schema: { type: 'string', pattern: idempotencyKeyPattern(OPERATOR_REPLY_IDEMPOTENCY_KEY_MAX_CHARACTERS) },
          },
        ],
        requestBody: { required: true, content: jsonContent('OperatorReplyRequest') },
        responses: {
          '201': {
            description: 'The stored message (for a retry with its Idempotency-Key, the one stored the first time).',
            headers: { 'Idempotent-Replayed': { description: '`true` when the key was already used with this text: nothing stored again.', schema: { type: 'string', enum: ['true'] } } },
            content: jsonContent('OperatorMessageCreated'),
          },
          '422': errorResponse('Idempotency-Key already used for a reply with another text (`idempotency_conflict`): nothing stored.'),
          '400': invalidIdOrBody,
          ...adminResponses,
          ...adminChangeResponses,
          '404': offOrMissing,
          '409': errorResponse(
            'Not held by a person (`conversation_state_conflict`), or held by another operator than the one signing the reply (`conversation_held_by_another_operator`, with `operator.name`).',
            'OperatorConflictErrorBody',
          ),
        },
      },
    },
    '/admin/inbox': {
      get: {
        operationId: 'getOperatorInbox',
        summary: "The operators' inbox page, in French (reads the routes above, follows their event stream).",
        security: adminSecurity,
        responses: { '200': { description: 'The page.', content: textContent('text/html') }, ...adminResponses, '404': errorResponse('Inbox off (no admin login or no hand-over: `not_found`).') },
      },
    },
    '/admin/logout': {
      post: {
        operationId: 'logOutAdmin',
        summary:
          'Ends the browser\'s basic-auth session: always 401 with the admin realm\'s challenge, whatever the credentials (none is checked; the browser drops the ones it cached). Not counted by the admin login throttle. The inbox sends deliberately wrong credentials, then opens /admin/logged-out.',
        responses: {
          '401': {
            description: 'Always (`unauthorized`), with `WWW-Authenticate: Basic realm="lac-admin"`.',
            headers: { 'WWW-Authenticate': { schema: { type: 'string' } } },
            content: jsonContent('AdminUnauthorizedErrorBody'),
          },
          '403': adminChangeResponses['403'],
          '415': adminChangeResponses['415'],
          '404': errorResponse('Admin routes off (no admin login: `not_found`).'),
        },
      },
    },
    '/admin/logged-out': {
      get: {
        operationId: 'getAdminLoggedOutPage',
        summary: 'The French "déconnecté" page after a logout, without auth (it asks for no credentials), linking back to the inbox.',
        responses: { '200': { description: 'The page.', content: textContent('text/html') }, '404': errorResponse('Admin routes off (no admin login: `not_found`).') },
      },
    },
    '/admin/inbox/inbox.js': {
      get: {
        operationId: 'getOperatorInboxScript',
        summary: "The inbox page's script.",
        security: adminSecurity,
        responses: { '200': { description: 'The script.', content: textContent('application/javascript') }, ...adminResponses, '404': errorResponse('Inbox off (no admin login or no hand-over: `not_found`).') },
      },
    },
    '/admin/inbox/states.js': inboxModule(
      'getOperatorInboxStatesScript',
      "The module of the inbox's script that words a conversation's state (labels, the reply hint, the hand-overs visitors withdrew).",
    ),
    '/admin/inbox/list.js': inboxModule('getOperatorInboxListScript', "The module of the inbox's script that draws one conversation of the list and words the tab's title."),
    '/admin/inbox/conversation.js': inboxModule(
      'getOperatorInboxConversationScript',
      "The module of the inbox's script that draws the open conversation (its state, the actions allowed, the reply box).",
    ),
    '/admin/inbox/transcript.js': inboxModule(
      'getOperatorInboxTranscriptScript',
      "The module of the inbox's script that shows the open conversation's messages (new ones added, the operator's place kept).",
    ),
    '/admin/inbox/freshness.js': inboxModule(
      'getOperatorInboxFreshnessScript',
      "The module of the inbox's script that tries failed reads again and says in the header whether the screen is up to date.",
    ),
    '/admin/inbox/place.js': inboxModule(
      'getOperatorInboxPlaceScript',
      "The module of the inbox's script that keeps the open conversation in the address and the drafts per conversation.",
    ),
    '/admin/inbox/request.js': inboxModule(
      'getOperatorInboxRequestScript',
      "The module of the inbox's script that sends its requests to the operator API (a 401 stops the screen and asks to log in again).",
    ),
    '/admin/inbox/stream.js': inboxModule(
      'getOperatorInboxStreamScript',
      "The module of the inbox's script that follows the operators' event stream (opened again with a growing delay, not in a hidden tab nor after a 401, watched for silence).",
    ),
    '/admin/inbox/visible-timer.js': inboxModule(
      'getOperatorInboxVisibleTimerScript',
      "The module of the inbox's script that holds a timer in a hidden tab and runs it as the tab is shown (the stream's reopens, the failed reads' retries).",
    ),
    '/admin/inbox/session.js': inboxModule(
      'getOperatorInboxSessionScript',
      "The module of the inbox's script that keeps the operator's name, logs out (drafts and name forgotten) and says when the credentials are refused.",
    ),
  };

  /** One module the inbox's script imports (a static script behind the admin login). */
  function inboxModule(operationId: string, summary: string) {
    return {
      get: {
        operationId,
        summary,
        security: adminSecurity,
        responses: { '200': { description: 'The script.', content: textContent('application/javascript') }, ...adminResponses, '404': errorResponse('Inbox off (no admin login or no hand-over: `not_found`).') },
      },
    };
  }
}
