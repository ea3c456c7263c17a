import type { z } from 'zod';
import { ProviderTransientError, type ProviderName } from './provider-errors.ts';

/**
 * Reads a vendor's response body with its wire schema (the `*-api.ts` beside each vendor). A body
 * that does not match is a classified provider error (`provider_malformed_response`, retried like a
 * 502), never a crash further down.
 */
export function parseVendorBody<Schema extends z.ZodType>(
  schema: Schema,
  body: unknown,
  context: { provider: ProviderName; model: string; what: string },
): z.infer<Schema> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`)
    .join('; ');
  throw new ProviderTransientError({
    provider: context.provider,
    model: context.model,
    message: `${context.provider} ${context.model}: malformed ${context.what}: ${issues}`,
    code: 'provider_malformed_response',
    upstreamStatus: 502,
  });
}
