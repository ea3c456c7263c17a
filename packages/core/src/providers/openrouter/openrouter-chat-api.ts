import { z } from 'zod';

/**
 * The wire format of OpenRouter's chat completions (OpenAI-compatible), as we send and read it.
 * Reference: https://openrouter.ai/docs/api-reference/chat-completion
 * Streaming: https://openrouter.ai/docs/api-reference/streaming
 * Errors: https://openrouter.ai/docs/api-reference/errors
 */

export const chatMessageSchema = z.object({
  role: z.enum(['system', 'user', 'assistant']),
  content: z.string(),
});
export type ChatMessage = z.infer<typeof chatMessageSchema>;

/** POST /chat/completions: the body we send. */
export const chatCompletionRequestSchema = z.object({
  model: z.string().min(1),
  messages: z.array(chatMessageSchema).min(1),
  max_tokens: z.number().int().positive(),
  temperature: z.number().min(0).max(2),
  response_format: z.object({ type: z.literal('json_object') }).optional(),
  stream: z.boolean(),
  stream_options: z.object({ include_usage: z.boolean() }).optional(),
});
export type ChatCompletionRequest = z.infer<typeof chatCompletionRequestSchema>;

/** Token counts and OpenRouter's own `cost` (USD); accounting fields we can do without are tolerated when odd. */
export const chatUsageSchema = z.object({
  prompt_tokens: z.number().nonnegative().optional().catch(undefined),
  completion_tokens: z.number().nonnegative().optional().catch(undefined),
  cost: z.number().optional().catch(undefined),
});
export type ChatUsage = z.infer<typeof chatUsageSchema>;

/** The response of a call that is not streamed. */
export const chatCompletionResponseSchema = z.object({
  model: z.string().optional(),
  choices: z
    .array(
      z.object({
        message: z.object({ content: z.string() }),
        finish_reason: z.string().nullish(),
      }),
    )
    .min(1),
  usage: chatUsageSchema.nullish(),
});

/** One server-sent event of a streamed call (the last one carries `usage` and no choice). */
export const chatCompletionChunkSchema = z.object({
  model: z.string().optional(),
  choices: z
    .array(
      z.object({
        delta: z.object({ content: z.string().nullish() }).nullish(),
        finish_reason: z.string().nullish(),
      }),
    )
    .default([]),
  usage: chatUsageSchema.nullish(),
});

/** An error body: `{ error: { code, message, metadata? } }` (also sent as an event inside a stream). */
export const chatErrorBodySchema = z.object({
  error: z.object({
    code: z.union([z.number(), z.string()]).optional(),
    message: z.string(),
    metadata: z.record(z.string(), z.unknown()).optional(),
  }),
});
