import { expect } from 'vitest';
import { responseProblems } from './openapi-conformance.ts';

/** What `POST /api/v2/conversations` answered: status, the replay and location headers, the JSON body. */
export interface ConversationOpening {
  status: number;
  replayed: string | null;
  location: string | null;
  body: Record<string, unknown>;
}

/**
 * `POST /api/v2/conversations` on the API at `baseUrl` with `body` (JSON) and `headers`; the answer
 * is checked against the served OpenAPI document (`openApiDocument`) before it is returned.
 */
export async function openConversationChecked(
  baseUrl: string,
  openApiDocument: Record<string, unknown>,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<ConversationOpening> {
  const response = await fetch(`${baseUrl}/api/v2/conversations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const parsed = (await response.json()) as Record<string, unknown>;
  expect(responseProblems(openApiDocument, { method: 'POST', path: '/api/v2/conversations' }, { status: response.status, contentType: response.headers.get('content-type'), body: parsed })).toEqual([]);
  return { status: response.status, replayed: response.headers.get('idempotent-replayed'), location: response.headers.get('location'), body: parsed };
}
