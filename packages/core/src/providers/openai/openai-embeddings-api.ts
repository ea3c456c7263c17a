import { z } from 'zod';

/**
 * The wire format of OpenAI's embeddings endpoint, as we send and read it.
 * Reference: https://platform.openai.com/docs/api-reference/embeddings/create
 * Errors: https://platform.openai.com/docs/guides/error-codes
 */

/** POST /embeddings: the body we send (`dimensions` only for text-embedding-3 models). */
export const embeddingsRequestSchema = z.object({
  model: z.string().min(1),
  input: z.array(z.string()).min(1).max(2048),
  dimensions: z.number().int().positive().optional(),
  encoding_format: z.enum(['float', 'base64']),
});

/** base64 of little-endian float32 values (`encoding_format: base64`) → numbers. */
const base64Floats = z.string().transform((text, context) => {
  const bytes = Uint8Array.from(Buffer.from(text, 'base64'));
  if (bytes.length % 4 !== 0) {
    context.addIssue({ code: 'custom', message: 'base64 embedding is not a whole number of float32 values' });
    return z.NEVER;
  }
  return Array.from(new Float32Array(bytes.buffer));
});
export type EmbeddingsRequest = z.infer<typeof embeddingsRequestSchema>;

/**
 * The response: one vector per input, each with the index of its input. On the wire a vector is a
 * list of floats, or base64 of float32 (`encoding_format: base64`, what we ask for: a quarter of the
 * bytes); either becomes a list of numbers.
 */
export const embeddingsResponseSchema = z.object({
  model: z.string().optional(),
  data: z.array(
    z.object({
      index: z.number().int().nonnegative(),
      embedding: z.union([z.array(z.number()), base64Floats]),
    }),
  ),
  usage: z.object({ prompt_tokens: z.number().nonnegative() }).partial().optional(),
});
export type EmbeddingsResponse = z.infer<typeof embeddingsResponseSchema>;

/** An error body: `{ error: { message, type, code, param } }`. */
export const embeddingsErrorBodySchema = z.object({
  error: z.object({
    message: z.string(),
    type: z.string().nullish(),
    code: z.string().nullish(),
    param: z.string().nullish(),
  }),
});
