import OpenAI from 'openai';
import type { CallUsage } from '../../capabilities/capabilities.ts';
import type { ChatPriceTable } from '../budget/provider-prices.ts';
import { parseVendorBody } from '../resilience/parse-vendor-body.ts';
import type { ProviderAttempt } from '../resilience/provider-attempt.ts';
import { ProviderStreamBrokenError } from '../resilience/provider-errors.ts';
import {
  chatCompletionChunkSchema,
  chatCompletionRequestSchema,
  chatCompletionResponseSchema,
  type ChatMessage,
  type ChatUsage,
} from './openrouter-chat-api.ts';

/**
 * Chat completions through the official `openai` SDK pointed at OpenRouter (or any OpenAI-compatible
 * base URL), with OpenRouter's attribution headers and the SDK's own retries OFF (our retry loop decides).
 */
export function createOpenRouterSdkClient(options: { apiKey: string; baseUrl: string; httpReferer: string; appTitle: string }): OpenAI {
  return new OpenAI({
    apiKey: options.apiKey,
    baseURL: options.baseUrl,
    maxRetries: 0,
    // Our per-call deadline (an AbortSignal) governs; the SDK's own timeout only backs it up.
    timeout: 10 * 60 * 1000,
    defaultHeaders: { 'HTTP-Referer': options.httpReferer, 'X-Title': options.appTitle },
  });
}

export type { ChatMessage } from './openrouter-chat-api.ts';

export interface ChatCallRequest {
  model: string;
  messages: ChatMessage[];
  maxTokens: number;
  temperature: number;
  /** Ask for a JSON object (the router). */
  jsonMode?: boolean;
  /** When set, the call streams and each text delta is handed over as it arrives. */
  onDelta?: (delta: string) => void;
}

export interface ChatCallResult {
  text: string;
  servedModel: string;
  usage: CallUsage;
  finishReason: string;
}

function usageOf(usage: ChatUsage | null | undefined, model: string, prices: ChatPriceTable): CallUsage {
  const promptTokens = usage?.prompt_tokens ?? 0;
  const completionTokens = usage?.completion_tokens ?? 0;
  const cost = typeof usage?.cost === 'number' && Number.isFinite(usage.cost) ? usage.cost : prices.costOf(model, promptTokens, completionTokens);
  return { prompt_tokens: promptTokens, completion_tokens: completionTokens, cost_usd: cost };
}

/**
 * ONE attempt of a chat completion (no retry here). Streaming when `onDelta` is given: usage comes with
 * the last chunk (`stream_options.include_usage`). Once a delta has been handed over, any failure becomes
 * a ProviderStreamBrokenError carrying the partial text (the chain will not fall back after it).
 * A stream that ends without a finish reason is a failure too (the SDK ends quietly on a cut connection).
 */
export async function completeChatOnce(
  client: OpenAI,
  request: ChatCallRequest,
  signal: AbortSignal,
  prices: ChatPriceTable,
  attemptsForBrokenStream: ProviderAttempt[],
): Promise<ChatCallResult> {
  const wire = { provider: 'openrouter' as const, model: request.model };
  const { stream: _stream, stream_options: _options, ...base } = chatCompletionRequestSchema.parse({
    model: request.model,
    messages: request.messages,
    max_tokens: request.maxTokens,
    temperature: request.temperature,
    ...(request.jsonMode ? { response_format: { type: 'json_object' } } : {}),
    stream: request.onDelta !== undefined,
  });
  if (!request.onDelta) {
    const body = await client.chat.completions.create({ ...base, stream: false }, { signal });
    const completion = parseVendorBody(chatCompletionResponseSchema, body, { ...wire, what: 'chat completion' });
    const choice = completion.choices[0]!;
    return {
      text: choice.message.content,
      servedModel: completion.model ?? request.model,
      usage: usageOf(completion.usage, request.model, prices),
      finishReason: choice.finish_reason ?? 'stop',
    };
  }

  let text = '';
  let servedModel = request.model;
  let finishReason: string | null = null;
  let usage: ChatUsage | undefined;
  try {
    const stream = await client.chat.completions.create(
      { ...base, stream: true, stream_options: { include_usage: true } },
      { signal },
    );
    for await (const event of stream) {
      const chunk = parseVendorBody(chatCompletionChunkSchema, event, { ...wire, what: 'stream chunk' });
      if (chunk.model) servedModel = chunk.model;
      if (chunk.usage) usage = chunk.usage;
      const choice = chunk.choices[0];
      const delta = choice?.delta?.content;
      if (typeof delta === 'string' && delta.length > 0) {
        text += delta;
        request.onDelta(delta);
      }
      if (choice?.finish_reason) finishReason = choice.finish_reason;
    }
    if (signal.aborted) throw signal.reason ?? new Error('aborted');
    if (finishReason === null) throw new Error('stream ended without a finish reason (connection cut)');
    if (finishReason === 'error') throw new Error('stream finished with finish_reason "error"');
  } catch (error) {
    if (text.length > 0) {
      throw new ProviderStreamBrokenError({ provider: 'openrouter', model: request.model, partialText: text, cause: error, attempts: attemptsForBrokenStream });
    }
    throw error;
  }
  return { text, servedModel, usage: usageOf(usage, request.model, prices), finishReason };
}
