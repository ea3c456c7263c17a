type JsonObject = Record<string, unknown>;

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

const errorResponse = (description: string, schemaName: string, headers?: JsonObject): JsonObject => ({
  description,
  ...(headers ? { headers } : {}),
  content: { 'application/json': { schema: { $ref: `#/components/schemas/${schemaName}` } } },
});

/** Routes served without Redis or the database (static documents): no 503 to declare. */
const ROUTES_WITHOUT_DEPENDENCIES = new Set(['/openapi.json']);

/**
 * Answers every operation shares, added where an operation does not declare its own:
 * - `security: []` (public) unless the operation names a scheme;
 * - 500 `internal_error` (generic French message);
 * - 503 `dependency_unavailable` with `Retry-After` (Redis or the database unreachable), except
 *   on routes that need neither;
 * - a `4XX` in the error format when the operation lists no client error (an unknown route or
 *   method answers 404 `not_found` in that format);
 * - on every request about one conversation (`/api/v2/conversations/...`, any method: reads, the
 *   hand-over cancel, erasure), 429 `rate_limited` with `Retry-After` (too many requests of the client
 *   at work at once, http/client-concurrency-limit.ts) where none is declared.
 * Mutates `paths` (the document is built once per app).
 */
export function completeOperations(paths: JsonObject): void {
  for (const [path, item] of Object.entries(paths)) {
    for (const method of HTTP_METHODS) {
      const operation = (item as Record<string, JsonObject | undefined>)[method];
      if (!operation) continue;
      operation.security ??= [];
      const responses = (operation.responses ??= {}) as JsonObject;
      if (!Object.keys(responses).some((status) => /^4(\d\d|XX)$/.test(status))) {
        responses['4XX'] = errorResponse('Client error in the error format (e.g. `not_found`).', 'ErrorBody');
      }
      if (path.startsWith('/api/v2/conversations/')) {
        responses['429'] ??= errorResponse(
          'Too many conversation requests of this client at work at once (`rate_limited`); try again after `Retry-After` seconds.',
          'RateLimitedErrorBody',
          { 'Retry-After': { $ref: '#/components/headers/Retry-After' } },
        );
      }
      responses['500'] ??= errorResponse('Internal error (`internal_error`, generic French message).', 'ErrorBody');
      if (!ROUTES_WITHOUT_DEPENDENCIES.has(path) && path !== '/health') {
        responses['503'] ??= errorResponse(
          'Redis or the database is unreachable (`dependency_unavailable`); answered within a second, try again after `Retry-After` seconds.',
          'DependencyUnavailableErrorBody',
          { 'Retry-After': { $ref: '#/components/headers/Retry-After' } },
        );
      }
    }
  }
}
