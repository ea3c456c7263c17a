import { z } from 'zod';

/** Error bodies of the API, specialised per case (all are `{"error":{"code","message",...}}`). */

export const invalidRequestErrorBodySchema = z.object({
  error: z.object({
    code: z.literal('invalid_request'),
    message: z.string(),
    details: z.array(z.object({ field: z.string(), message: z.string() })),
  }),
});

/**
 * Every 400 of the API: schema errors (`invalid_request`, `details` names each field) or a body
 * that cannot be read at all (`invalid_json`, `bad_request`: no field to name).
 */
export const badRequestErrorBodySchema = z.union([
  invalidRequestErrorBodySchema,
  z.object({
    error: z.object({
      code: z.enum(['invalid_json', 'bad_request']),
      message: z.string(),
    }),
  }),
]);

/** 503 while Redis or the database is unreachable; the response carries `Retry-After`. */
export const dependencyUnavailableErrorBodySchema = z.object({
  error: z.object({
    code: z.literal('dependency_unavailable'),
    message: z.string(),
    dependency: z.string().optional(),
  }),
});

export const rateLimitedErrorBodySchema = z.object({
  error: z.object({
    code: z.literal('rate_limited'),
    message: z.string(),
    retry_after_seconds: z.number().int().positive(),
  }),
});
export type RateLimitedErrorBody = z.infer<typeof rateLimitedErrorBodySchema>;

export const RATE_LIMITED_MESSAGE = 'Trop de messages. Veuillez patienter.';
