import { z } from 'zod';

/** Error bodies of the API, specialised per case (all are `{"error":{"code","message",...}}`). */

export const invalidRequestErrorBodySchema = z.object({
  error: z.object({
    code: z.literal('invalid_request'),
    message: z.string(),
    details: z.array(z.object({ field: z.string(), message: z.string() })),
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
