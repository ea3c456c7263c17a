import { adminChangeResponses, adminResponses, adminSecurity, errorResponse, jsonContent, pathParameter, textContent, type JsonObject } from './openapi-components.ts';

const disabled = (what: string) => errorResponse(`${what} (no admin login: \`not_found\`).`);
const htmlPage = (description: string): JsonObject => ({ description, content: textContent('text/html') });
const userIdParameter = pathParameter('user_id');

/** The owner's admin routes behind HTTP basic auth: bull-board, the dashboard, GDPR requests, escalation cases. */
export function adminPaths(): JsonObject {
  return {
    '/admin/queues': {
      get: {
        operationId: 'getQueueDashboard',
        summary: "bull-board dashboard of the queues; its own pages and API live under this path (bull-board's, not part of this contract).",
        security: adminSecurity,
        responses: { '200': htmlPage('The dashboard.'), ...adminResponses, '404': disabled('Dashboard disabled') },
      },
    },
    '/admin/stats': {
      get: {
        operationId: 'getOwnerStats',
        summary: "The owner's dashboard figures over a range.",
        security: adminSecurity,
        parameters: [{ name: 'range', in: 'query', required: false, schema: { type: 'string', enum: ['24h', '7d', '30d'], default: '24h' } }],
        responses: {
          '200': { description: 'The figures.', content: jsonContent('OwnerStats') },
          '400': errorResponse('Unknown range.', 'InvalidRequestErrorBody'),
          ...adminResponses,
          '404': disabled('Dashboard disabled'),
        },
      },
    },
    '/admin/dashboard': {
      get: {
        operationId: 'getOwnerDashboard',
        summary: "The owner's dashboard page, in French: checklist, charts, live queue.",
        security: adminSecurity,
        responses: { '200': htmlPage('The page.'), ...adminResponses, '404': disabled('Dashboard disabled') },
      },
    },
    '/admin/dashboard/{asset}': {
      get: {
        operationId: 'getOwnerDashboardScript',
        summary: "The dashboard page's scripts.",
        security: adminSecurity,
        parameters: [{ name: 'asset', in: 'path', required: true, schema: { type: 'string', enum: ['charts.js', 'app.js'] } }],
        responses: { '200': { description: 'The script.', content: textContent('text/javascript') }, ...adminResponses, '404': disabled('Another name, or the dashboard disabled') },
      },
    },
    '/admin/users/{user_id}/export': {
      get: {
        operationId: 'exportUserData',
        summary: 'Everything stored about the user, one JSON document (GDPR article 15), sent as an attachment.',
        security: adminSecurity,
        parameters: [userIdParameter],
        responses: {
          '200': { description: 'The export.', headers: { 'Content-Disposition': { schema: { type: 'string' } } }, content: jsonContent('UserExport') },
          '400': errorResponse('Invalid user id.', 'InvalidRequestErrorBody'),
          ...adminResponses,
          '404': disabled('Privacy routes disabled'),
        },
      },
    },
    '/admin/users/{user_id}': {
      delete: {
        operationId: 'eraseUser',
        summary: "Erases the user's conversations, messages, cases, users row and Redis traces (GDPR article 17).",
        security: adminSecurity,
        parameters: [userIdParameter],
        responses: {
          '200': { description: 'What was erased, counted.', content: jsonContent('UserErased') },
          '400': errorResponse('Invalid user id.', 'InvalidRequestErrorBody'),
          ...adminResponses,
          ...adminChangeResponses,
          '404': disabled('Privacy routes disabled'),
        },
      },
    },
    '/admin/escalations': {
      get: {
        operationId: 'listEscalations',
        summary: 'The escalation cases, oldest first.',
        security: adminSecurity,
        parameters: [
          { name: 'status', in: 'query', required: false, schema: { type: 'string', enum: ['open', 'delivered', 'closed', 'all'], default: 'open' } },
          { name: 'limit', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 500, default: 100 } },
        ],
        responses: {
          '200': { description: 'The cases.', content: jsonContent('EscalationList') },
          '400': errorResponse('Unknown status or invalid limit.', 'InvalidRequestErrorBody'),
          ...adminResponses,
          '404': disabled('Escalation routes disabled'),
        },
      },
    },
    '/admin/escalations/{escalation_id}/close': {
      post: {
        operationId: 'closeEscalation',
        summary: 'A person handled the case.',
        security: adminSecurity,
        parameters: [{ name: 'escalation_id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
        responses: {
          '200': { description: 'The closed case.', content: jsonContent('EscalationView') },
          '400': errorResponse('Not a case id (UUID).', 'InvalidRequestErrorBody'),
          ...adminResponses,
          ...adminChangeResponses,
          '404': disabled('No such case (`not_found`), or the escalation routes disabled'),
        },
      },
    },
  };
}
