import { z } from 'zod';

/**
 * The wire format of Cohere's v2 rerank endpoint, as we send and read it.
 * Reference: https://docs.cohere.com/reference/rerank
 * Errors: https://docs.cohere.com/reference/errors
 */

export const RERANK_PATH = '/v2/rerank';

/** POST /v2/rerank: the body we send. */
export const rerankRequestSchema = z.object({
  model: z.string().min(1),
  query: z.string(),
  documents: z.array(z.string()).min(1).max(1000),
  top_n: z.number().int().positive(),
});
export type RerankRequest = z.infer<typeof rerankRequestSchema>;

/** The response: the documents' indexes, best first, with their relevance, and the billed search units. */
export const rerankResponseSchema = z.object({
  id: z.string().optional(),
  results: z.array(
    z.object({
      index: z.number().int().nonnegative(),
      relevance_score: z.number(),
    }),
  ),
  meta: z
    .object({
      billed_units: z.object({ search_units: z.number().nonnegative().optional().catch(undefined) }).partial().nullish(),
    })
    .partial()
    .nullish(),
});
export type RerankResponse = z.infer<typeof rerankResponseSchema>;

/** An error body: `{ message }` (some gateways add `id` or `data`). */
export const rerankErrorBodySchema = z.object({
  id: z.string().optional(),
  message: z.string(),
});
