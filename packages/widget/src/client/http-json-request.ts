import { HttpStatusError, NetworkError, RateLimitedError, RATE_LIMITED_MESSAGE } from './chat-client-errors.ts';

/**
 * One fetch with a deadline, turning every failure into a typed error:
 * no answer → NetworkError; 429 → RateLimitedError (seconds from the body, else
 * Retry-After); other non-2xx → HttpStatusError with the `{"error":{code,message}}` fields.
 */
export interface JsonResponse {
  status: number;
  headers: Headers;
  body: unknown;
}

export async function requestJson(
  url: string,
  init: RequestInit & { timeoutMs: number },
): Promise<JsonResponse> {
  const { timeoutMs, signal: outerSignal, ...requestInit } = init;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new NetworkError(`no answer within ${timeoutMs} ms`)), timeoutMs);
  const onOuterAbort = () => controller.abort(outerSignal?.reason);
  outerSignal?.addEventListener('abort', onOuterAbort, { once: true });
  let response: Response;
  let text: string;
  try {
    response = await fetch(url, { ...requestInit, signal: controller.signal });
    text = await response.text();
  } catch (error) {
    if (outerSignal?.aborted) throw outerSignal.reason;
    throw error instanceof NetworkError ? error : new NetworkError('request failed before an answer', { cause: error });
  } finally {
    clearTimeout(timer);
    outerSignal?.removeEventListener('abort', onOuterAbort);
  }
  const body = parseJsonOrUndefined(text);
  if (response.ok) return { status: response.status, headers: response.headers, body };
  const errorFields = readErrorFields(body);
  if (response.status === 429) {
    throw new RateLimitedError({
      retryAfterSeconds: retryAfterSecondsOf(errorFields.retryAfterSeconds, response.headers.get('Retry-After')),
      serverMessage: errorFields.message ?? RATE_LIMITED_MESSAGE,
    });
  }
  throw new HttpStatusError({ status: response.status, code: errorFields.code, serverMessage: errorFields.message });
}

function parseJsonOrUndefined(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function readErrorFields(body: unknown): { code?: string; message?: string; retryAfterSeconds?: number } {
  if (typeof body !== 'object' || body === null) return {};
  const error = (body as { error?: unknown }).error;
  if (typeof error !== 'object' || error === null) return {};
  const fields = error as Record<string, unknown>;
  return {
    code: typeof fields.code === 'string' ? fields.code : undefined,
    message: typeof fields.message === 'string' ? fields.message : undefined,
    retryAfterSeconds: typeof fields.retry_after_seconds === 'number' ? fields.retry_after_seconds : undefined,
  };
}

/** Seconds to wait: the body's value, else Retry-After (seconds or HTTP date), else 60; at least 1. */
export function retryAfterSecondsOf(fromBody: number | undefined, retryAfterHeader: string | null, now = Date.now()): number {
  if (fromBody !== undefined && Number.isFinite(fromBody)) return Math.max(1, Math.ceil(fromBody));
  if (retryAfterHeader) {
    const seconds = Number(retryAfterHeader);
    if (Number.isFinite(seconds)) return Math.max(1, Math.ceil(seconds));
    const date = Date.parse(retryAfterHeader);
    if (Number.isFinite(date)) return Math.max(1, Math.ceil((date - now) / 1000));
  }
  return 60;
}
