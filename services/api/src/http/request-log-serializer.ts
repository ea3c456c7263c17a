/**
 * What the access log says of a request's query string: the values of parameters that may carry a
 * credential (`?token=`, `?access_token=`, `?api_key=`...) are replaced, the rest kept (`wait=10`,
 * `limit=50`). The API reads no credential from a query string, but a client may send one there (an
 * EventSource cannot set headers): it must not land in the logs.
 */
const CREDENTIAL_PARAMETER = /token|key|secret|pass|auth|sig|session|cookie|jwt/i;
const REDACTED = '[redacted]';

export function urlWithoutCredentials(url: string): string {
  const queryStart = url.indexOf('?');
  if (queryStart < 0) return url;
  const pairs = url.slice(queryStart + 1).split('&');
  const kept = pairs.map((pair) => {
    const equals = pair.indexOf('=');
    const name = equals < 0 ? pair : pair.slice(0, equals);
    let decodedName = name;
    try {
      decodedName = decodeURIComponent(name.replace(/\+/g, ' '));
    } catch {
      // A malformed escape: judged on its raw text.
    }
    return equals >= 0 && CREDENTIAL_PARAMETER.test(decodedName) ? `${name}=${REDACTED}` : pair;
  });
  return `${url.slice(0, queryStart)}?${kept.join('&')}`;
}

export function queryWithoutCredentials(query: unknown): unknown {
  if (query === null || typeof query !== 'object') return query;
  return Object.fromEntries(Object.entries(query as Record<string, unknown>).map(([name, value]) => [name, CREDENTIAL_PARAMETER.test(name) ? REDACTED : value]));
}

/** pino-http's `serializers.req`: receives the serialized request (url, query, headers...). */
export function serializeRequestWithoutCredentials<T extends { url?: unknown; query?: unknown }>(request: T): T {
  if (typeof request.url === 'string') request.url = urlWithoutCredentials(request.url);
  if ('query' in request) request.query = queryWithoutCredentials(request.query);
  return request;
}
