import { adminPaths } from './openapi-admin-paths.ts';
import { chatPaths } from './openapi-chat-paths.ts';
import { buildComponents, type JsonObject } from './openapi-components.ts';
import { conversationPaths } from './openapi-conversation-paths.ts';
import { completeOperations } from './openapi-operation-defaults.ts';
import { operationsPaths } from './openapi-operations-paths.ts';
import { operatorPaths } from './openapi-operator-paths.ts';

export { componentSchemas } from './openapi-components.ts';

/**
 * The API's OpenAPI 3.1 document: every route the app serves (openapi-route-inventory.test.ts checks
 * both directions against the Express app) with its responses, schemas built from the zod contract.
 */
export function buildOpenApiDocument(options: { serverUrl?: string; maxWaitSeconds: number }): JsonObject {
  const paths: JsonObject = {
    ...chatPaths(options),
    ...conversationPaths(),
    ...operationsPaths(),
    ...adminPaths(),
    ...operatorPaths(),
  };
  completeOperations(paths);
  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: {
      title: 'LAC chat backend API',
      version: '2.0.0',
      description:
        'Queue-backed chat API of the agency: messages are accepted (202), answered by workers, and read by polling, long-polling or Server-Sent Events. A conversation\'s routes need its conversation token once it exists (`Authorization: Bearer <conversation_token>`); the admin routes need HTTP basic auth. Errors are always `{"error":{"code","message",...}}` with a French message. While Redis or the database is unreachable, every route that needs it answers 503 `dependency_unavailable` with `Retry-After` within a second; submitting needs only Redis.',
      license: { name: 'Proprietary', identifier: 'LicenseRef-Proprietary' },
    },
    servers: [options.serverUrl ? { url: options.serverUrl } : { url: '/', description: 'The server that serves this document.' }],
    paths,
    components: buildComponents(),
  };
}
