import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { BehaviourQueue, type RecordedRequest, type ScriptedBehaviour } from './scripted-behaviour.ts';
import { receiveStandinRequest, settledByScriptedBehaviour, type SendVendorError } from './standin-request.ts';
import { listen } from './standin-server.ts';
import { normaliseWords, sendJson } from './http-helpers.ts';

/**
 * A Cohere v2 rerank server on node:http: `POST /v2/rerank` with `{model, query, documents, top_n?}`
 * answers `{id, results: [{index, relevance_score}], meta: {api_version: {version: "2"}, billed_units:
 * {search_units}}}`, results best first. Relevance is lexical overlap (deterministic). Errors use Cohere's
 * body `{"message": ...}`. Scriptable like the OpenAI-compatible stand-in (queue or control API).
 */
export interface CohereStandinDefaults {
  rerankLatencyMs: number;
  expectedApiKey: string | null;
}

export interface CohereRerankStandin {
  /** e.g. http://127.0.0.1:43212 — what COHERE_BASE_URL takes. */
  baseUrl: string;
  port: number;
  defaults: CohereStandinDefaults;
  requests: RecordedRequest[];
  enqueue(...behaviours: ScriptedBehaviour[]): void;
  reset(): void;
  close(): Promise<void>;
}

/** Share of the query's words found in the document, with a small bonus for phrase order. */
export function lexicalRelevance(query: string, document: string): number {
  const queryWords = [...new Set(normaliseWords(query))];
  if (queryWords.length === 0) return 0;
  const documentWords = new Set(normaliseWords(document));
  const found = queryWords.filter((word) => documentWords.has(word)).length;
  return Math.round((found / queryWords.length) * 0.98 * 1e6) / 1e6;
}

export async function startCohereRerankStandin(
  options: { port?: number; host?: string; defaults?: Partial<CohereStandinDefaults> } = {},
): Promise<CohereRerankStandin> {
  const queue = new BehaviourQueue();
  const requests: RecordedRequest[] = [];
  const defaults: CohereStandinDefaults = { rerankLatencyMs: 0, expectedApiKey: null, ...options.defaults };

  const sendVendorError: SendVendorError = (response, status, message, headers = {}) => sendJson(response, status, { message }, headers);

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const received = await receiveStandinRequest(request, response, {
      state: { queue, requests, defaults },
      kindOfPath: (path) => (path === '/v2/rerank' ? 'rerank' : 'other'),
      sendVendorError,
      unauthorizedMessage: 'invalid api token',
    });
    if (!received) return;
    const { kind, path, body, model } = received;
    if (kind !== 'rerank' || request.method !== 'POST') return sendVendorError(response, 404, `no route for ${request.method} ${path}`);
    if (!body || model === null || typeof body.query !== 'string' || !Array.isArray(body.documents)) {
      return sendVendorError(response, 400, 'invalid request: model, query and documents are required');
    }
    const behaviour = queue.take('rerank', model) ?? {};
    const headers = behaviour.headers ?? {};
    if (await settledByScriptedBehaviour(request, response, behaviour, { latencyMs: behaviour.latencyMs ?? defaults.rerankLatencyMs, sendVendorError })) return;
    const documents = body.documents as unknown[];
    if (documents.length > 1000) return sendVendorError(response, 400, 'too many documents: at most 1000');
    const texts = documents.map((document) =>
      typeof document === 'string' ? document : typeof (document as { text?: unknown })?.text === 'string' ? (document as { text: string }).text : '',
    );
    const topN = typeof body.top_n === 'number' ? body.top_n : texts.length;
    const results = texts
      .map((text, index) => ({ index, relevance_score: lexicalRelevance(body.query as string, text) }))
      .sort((left, right) => right.relevance_score - left.relevance_score || left.index - right.index)
      .slice(0, topN);
    sendJson(
      response,
      200,
      {
        id: randomUUID(),
        results,
        meta: { api_version: { version: '2' }, billed_units: { search_units: Math.max(1, Math.ceil(texts.length / 100)) } },
      },
      headers,
    );
  }

  const running = await listen(handle, options);
  return {
    baseUrl: running.origin,
    port: running.port,
    defaults,
    requests,
    enqueue: (...behaviours) => queue.enqueue(...behaviours),
    reset: () => {
      queue.clear();
      requests.length = 0;
    },
    close: () => running.close(),
  };
}
