import type { TestApiAroundTests } from './test-api-around-tests.ts';

/** A chat post and a JSON read against a file's test API (read lazily: call them inside tests). */
export function chatRequests(stack: TestApiAroundTests) {
  return {
    postChat(body: unknown, headers: Record<string, string> = {}): Promise<Response> {
      return fetch(`${stack.api.baseUrl}/api/v2/chat`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      });
    },
    async getJson(path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: unknown; headers: Headers }> {
      const response = await fetch(`${stack.api.baseUrl}${path}`, { headers });
      return { status: response.status, body: await response.json(), headers: response.headers };
    },
  };
}
