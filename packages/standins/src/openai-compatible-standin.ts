import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { BehaviourQueue, type RecordedRequest, type ScriptedBehaviour } from './scripted-behaviour.ts';
import { receiveStandinRequest, settledByScriptedBehaviour, type SendVendorError } from './standin-request.ts';
import { listen, type RunningServer } from './standin-server.ts';
import { countTokens, fnv1a, normaliseWords, sendJson, stallUntilClientCloses, waitUnlessClosed, clientGone } from './http-helpers.ts';

/**
 * An OpenAI-compatible server (OpenRouter's and OpenAI's wire format) on node:http:
 *
 * - `POST /v1/chat/completions`, without streaming (one `chat.completion` object) and with `stream: true`
 *   (SSE `data:` chunks of `chat.completion.chunk`, a final chunk with `usage` when
 *   `stream_options.include_usage` is set, then `data: [DONE]`). `usage.cost` is reported like OpenRouter.
 *   Requests with `response_format: {type: "json_object"}` get a routing decision as JSON (the router).
 * - `POST /v1/embeddings`: deterministic unit vectors (hashed word n-grams), `dimensions` honoured,
 *   `encoding_format` float or base64 (float32 little-endian, what the `openai` SDK asks by default).
 *
 * Scriptable per request through `enqueue(...)` or the control API (see standin-control.ts).
 */
export interface OpenAIStandinDefaults {
  /** Latency of a non-streamed chat answer, and of a routing (JSON) answer. */
  chatLatencyMs: number;
  routerLatencyMs: number;
  /** Streaming: wait before the first content chunk, then the time the rest of the text takes. */
  firstTokenLatencyMs: number;
  streamDurationMs: number;
  embeddingLatencyMs: number;
  /** Cost reported per call when a behaviour gives none: tokens × these prices (USD per million). */
  inputPricePerMillion: number;
  outputPricePerMillion: number;
  /** Content chunks a streamed answer is cut into (at most). */
  streamChunks: number;
  /** API key expected in `Authorization: Bearer`; any key when null. */
  expectedApiKey: string | null;
}

export const defaultOpenAIStandinDefaults: OpenAIStandinDefaults = {
  chatLatencyMs: 0,
  routerLatencyMs: 0,
  firstTokenLatencyMs: 0,
  streamDurationMs: 0,
  embeddingLatencyMs: 0,
  inputPricePerMillion: 3,
  outputPricePerMillion: 15,
  streamChunks: 12,
  expectedApiKey: null,
};

/** One chat or embeddings call as its handler gets it: the valid body, its model, and the behaviour scripted for it. */
interface ScriptedCall {
  request: IncomingMessage;
  response: ServerResponse;
  body: Record<string, unknown>;
  model: string;
  behaviour: ScriptedBehaviour;
  headers: Record<string, string>;
}

interface ChatMessage {
  role: string;
  content: string | Array<{ type: string; text?: string }> | null;
}

const contentText = (message: ChatMessage): string =>
  typeof message.content === 'string'
    ? message.content
    : Array.isArray(message.content)
      ? message.content.map((part) => part.text ?? '').join('')
      : '';

/** A routing decision from keywords (what the router model would say), as a JSON string. */
export function standinRoutingDecision(message: string): string {
  const words = new Set(normaliseWords(message));
  const has = (list: string[]) => list.filter((word) => words.has(word)).length;
  const escalate = has(['rembourser', 'remboursement', 'facture', 'facturation', 'plainte', 'humain', 'personne', 'conseiller', 'compte', 'donnees', 'rgpd', 'annuler', 'abonnement']);
  const carole = has(['instagram', 'reels', 'reel', 'story', 'stories', 'contenu', 'contenus', 'legende', 'legendes', 'hashtags', 'hashtag', 'canva', 'visuel', 'visuelle', 'design', 'identite', 'publication', 'posts', 'post']);
  const audrey = has(['automatisation', 'automatiser', 'tunnel', 'tunnels', 'vente', 'email', 'emails', 'mail', 'newsletter', 'kajabi', 'systeme', 'zapier', 'make', 'crm', 'webinaire', 'webinar', 'sequence']);
  const agent = escalate > 0 && escalate >= Math.max(carole, audrey) ? 'escalate' : carole > audrey ? 'carole' : 'audrey';
  const confidence = Math.min(0.95, 0.55 + 0.1 * Math.max(escalate, carole, audrey));
  return JSON.stringify({ agent, confidence, reasoning: `stand-in: mots-clés (${agent})` });
}

function defaultAnswer(messages: ChatMessage[]): string {
  const lastUser = [...messages].reverse().find((message) => message.role === 'user');
  const question = lastUser ? contentText(lastUser).slice(0, 120) : '';
  return `Bonne question ! Pour « ${question} », commence par une étape simple, teste-la une semaine, puis ajuste selon les résultats. Tu veux que je détaille la suite ?`;
}

function splitIntoChunks(text: string, count: number): string[] {
  const words = text.split(/(?<=\s)/);
  const perChunk = Math.max(1, Math.ceil(words.length / Math.max(1, count)));
  const chunks: string[] = [];
  for (let index = 0; index < words.length; index += perChunk) chunks.push(words.slice(index, index + perChunk).join(''));
  return chunks.length > 0 ? chunks : [''];
}

/** Deterministic embedding: hashed words and word bigrams into `dimensions`, L2-normalised. */
export function standinEmbedding(text: string, dimensions: number): number[] {
  const vector = new Array<number>(dimensions).fill(0);
  const words = normaliseWords(text);
  const features = [...words, ...words.slice(1).map((word, index) => `${words[index]}_${word}`)];
  if (features.length === 0) features.push(text || '∅');
  for (const feature of features) {
    const hash = fnv1a(feature);
    vector[hash % dimensions]! += (hash & 0x80000000) !== 0 ? 1 : -1;
  }
  const norm = Math.sqrt(vector.reduce((sum, value) => sum + value * value, 0)) || 1;
  return vector.map((value) => value / norm);
}

function float32Base64(vector: number[]): string {
  const buffer = Buffer.alloc(vector.length * 4);
  vector.forEach((value, index) => buffer.writeFloatLE(value, index * 4));
  return buffer.toString('base64');
}

export interface OpenAICompatibleStandin {
  /** e.g. http://127.0.0.1:43211/v1 — what OPENROUTER_BASE_URL / OPENAI_BASE_URL take. */
  baseUrl: string;
  origin: string;
  port: number;
  defaults: OpenAIStandinDefaults;
  requests: RecordedRequest[];
  /** When each streamed completion wrote its first piece of text (epoch ms), for latency benchmarks. */
  firstContentSentAt: Array<{ generationId: string; sentAt: number }>;
  enqueue(...behaviours: ScriptedBehaviour[]): void;
  reset(): void;
  close(): Promise<void>;
}

export async function startOpenAICompatibleStandin(
  options: { port?: number; host?: string; defaults?: Partial<OpenAIStandinDefaults> } = {},
): Promise<OpenAICompatibleStandin> {
  const queue = new BehaviourQueue();
  const requests: RecordedRequest[] = [];
  const firstContentSentAt: Array<{ generationId: string; sentAt: number }> = [];
  const defaults: OpenAIStandinDefaults = { ...defaultOpenAIStandinDefaults, ...options.defaults };

  const sendError: SendVendorError = (response, status, message, headers = {}) =>
    sendJson(response, status, { error: { code: status, message, type: status >= 500 ? 'server_error' : 'invalid_request_error' } }, headers);

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const received = await receiveStandinRequest(request, response, {
      state: { queue, requests, defaults },
      kindOfPath: (path) => (path.endsWith('/chat/completions') ? 'chat' : path.endsWith('/embeddings') ? 'embeddings' : 'other'),
      sendVendorError: sendError,
      unauthorizedMessage: 'No auth credentials found',
    });
    if (!received) return;
    const { kind, path, body, model } = received;
    if (kind === 'other' || request.method !== 'POST') return sendError(response, 404, `no route for ${request.method} ${path}`);
    if (!body || model === null) return sendError(response, 400, 'invalid JSON body or missing model');

    const behaviour = queue.take(kind, model) ?? {};
    const call: ScriptedCall = { request, response, body, model, behaviour, headers: behaviour.headers ?? {} };
    return kind === 'chat' ? handleChat(call) : handleEmbeddings(call);
  }

  async function handleChat({ request, response, body, model, behaviour, headers }: ScriptedCall): Promise<void> {
    const messages = Array.isArray(body.messages) ? (body.messages as ChatMessage[]) : [];
    const isRouting = (body.response_format as { type?: string } | undefined)?.type === 'json_object';
    const streaming = body.stream === true;
    const latencyMs = behaviour.latencyMs ?? (isRouting ? defaults.routerLatencyMs : streaming ? defaults.firstTokenLatencyMs : defaults.chatLatencyMs);
    if (await settledByScriptedBehaviour(request, response, behaviour, { latencyMs, sendVendorError: sendError, streamed: streaming })) return;

    const lastUser = [...messages].reverse().find((message) => message.role === 'user');
    const answer = behaviour.text ?? (isRouting ? standinRoutingDecision(lastUser ? contentText(lastUser) : '') : defaultAnswer(messages));
    const promptTokens = messages.reduce((sum, message) => sum + countTokens(contentText(message)) + 4, 0);
    const completionTokens = countTokens(answer);
    const cost = behaviour.costUsd ?? (promptTokens * defaults.inputPricePerMillion + completionTokens * defaults.outputPricePerMillion) / 1e6;
    const usage = { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens, cost };
    const id = `gen-${randomUUID()}`;
    const created = Math.floor(Date.now() / 1000);
    const servedModel = behaviour.servedModel ?? model;

    if (!streaming) {
      return sendJson(
        response,
        200,
        {
          id,
          object: 'chat.completion',
          created,
          model: servedModel,
          provider: 'StandIn',
          choices: [{ index: 0, message: { role: 'assistant', content: answer, refusal: null }, finish_reason: 'stop', logprobs: null }],
          usage,
        },
        headers,
      );
    }

    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive', 'x-generation-id': id, ...headers });
    const write = (payload: unknown) => response.write(`data: ${typeof payload === 'string' ? payload : JSON.stringify(payload)}\n\n`);
    const chunk = (delta: Record<string, unknown>, finishReason: string | null, extra: Record<string, unknown> = {}) => ({
      id,
      object: 'chat.completion.chunk',
      created,
      model: servedModel,
      provider: 'StandIn',
      choices: [{ index: 0, delta, finish_reason: finishReason, logprobs: null }],
      ...extra,
    });
    response.write(': OPENROUTER PROCESSING\n\n');
    write(chunk({ role: 'assistant', content: '' }, null));
    const pieces = splitIntoChunks(answer, defaults.streamChunks);
    const interval = behaviour.chunkIntervalMs ?? (pieces.length > 1 ? defaults.streamDurationMs / (pieces.length - 1) : 0);
    for (let index = 0; index < pieces.length; index += 1) {
      if (index > 0) await waitUnlessClosed(interval, response);
      if (clientGone(response)) return;
      if (behaviour.midStreamErrorAfterChunks === index) {
        write(chunk({ content: '' }, 'error', { error: { code: 502, message: behaviour.errorMessage ?? 'Provider disconnected unexpectedly' } }));
        response.end();
        return;
      }
      if (behaviour.stallAfterChunks === index) return stallUntilClientCloses(request, response);
      if (behaviour.dropAfterChunks === index) {
        // Let the chunks already written reach the client, then cut the connection (no finish, no [DONE]).
        await waitUnlessClosed(30, response);
        response.socket?.destroy();
        return;
      }
      if (behaviour.malformedJson && index === Math.floor(pieces.length / 2)) {
        response.write('data: {"id": "broken", "choices": [\n\n');
        response.end();
        return;
      }
      write(chunk({ content: pieces[index] }, null));
      if (index === 0) firstContentSentAt.push({ generationId: id, sentAt: Date.now() });
    }
    write(chunk({}, 'stop'));
    if ((body.stream_options as { include_usage?: boolean } | undefined)?.include_usage) {
      write({ id, object: 'chat.completion.chunk', created, model: servedModel, provider: 'StandIn', choices: [], usage });
    }
    write('[DONE]');
    response.end();
  }

  async function handleEmbeddings({ request, response, body, model, behaviour, headers }: ScriptedCall): Promise<void> {
    const latencyMs = behaviour.latencyMs ?? defaults.embeddingLatencyMs;
    if (await settledByScriptedBehaviour(request, response, behaviour, { latencyMs, sendVendorError: sendError })) return;
    const inputs = typeof body.input === 'string' ? [body.input] : Array.isArray(body.input) ? (body.input as unknown[]) : null;
    if (!inputs || inputs.length === 0 || inputs.some((input) => typeof input !== 'string')) {
      return sendError(response, 400, "'input' must be a non-empty string or array of strings");
    }
    if (inputs.length > 2048) return sendError(response, 400, "'input' must have at most 2048 items");
    const dimensions = typeof body.dimensions === 'number' ? body.dimensions : 1536;
    const base64 = body.encoding_format === 'base64';
    const data = (inputs as string[]).map((input, index) => {
      const vector = standinEmbedding(input, dimensions);
      return { object: 'embedding', index, embedding: base64 ? float32Base64(vector) : vector };
    });
    const tokens = (inputs as string[]).reduce((sum, input) => sum + countTokens(input), 0);
    sendJson(response, 200, { object: 'list', data, model, usage: { prompt_tokens: tokens, total_tokens: tokens } }, headers);
  }

  const running: RunningServer = await listen(handle, options);
  return {
    baseUrl: `${running.origin}/v1`,
    origin: running.origin,
    port: running.port,
    defaults,
    requests,
    firstContentSentAt,
    enqueue: (...behaviours) => queue.enqueue(...behaviours),
    reset: () => {
      queue.clear();
      requests.length = 0;
      firstContentSentAt.length = 0;
    },
    close: () => running.close(),
  };
}
