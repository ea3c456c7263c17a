/**
 * What a stand-in does for one request. Behaviours are queued (`enqueue`) and consumed in order by the
 * first matching request; when the queue has nothing for a request, the server's defaults apply.
 */
export interface ScriptedBehaviour {
  /** Applies only to requests for this model (chat, embeddings, rerank); any model when absent. */
  model?: string;
  /** Applies only to this kind of request; any when absent. */
  kind?: 'chat' | 'embeddings' | 'rerank';
  /** How many requests this behaviour answers (default 1). */
  times?: number;
  /** Answer with this HTTP status and an error body in the vendor's format (>= 400). */
  status?: number;
  errorMessage?: string;
  /** Extra response headers, e.g. `{ 'retry-after': '1' }`. */
  headers?: Record<string, string>;
  /** Wait before the response (or before the first stream chunk). */
  latencyMs?: number;
  /** Never answer: the connection stays open until the client gives up. */
  stall?: boolean;
  /** Answer 200 with a body that is not valid JSON (or, when streaming, a chunk that is not). */
  malformedJson?: boolean;
  /** Answer 200 with this JSON body as it is: valid JSON in the wrong shape (not streamed). */
  wrongShapeBody?: unknown;
  /** Streaming: after this many content chunks, send an error event (OpenRouter's format) and end. */
  midStreamErrorAfterChunks?: number;
  /** Streaming: after this many content chunks, stall (no more data) until the client gives up. */
  stallAfterChunks?: number;
  /** Streaming: after this many content chunks, destroy the connection. */
  dropAfterChunks?: number;
  /** Chat: the answer text (default: the server's answer writer). */
  text?: string;
  /** Chat: the model reported as having served the call (OpenRouter may route elsewhere). */
  servedModel?: string;
  /** Chat: `usage.cost` reported (OpenRouter). */
  costUsd?: number;
  /** Streaming: pause between chunks. */
  chunkIntervalMs?: number;
}

export class BehaviourQueue {
  private queue: Array<ScriptedBehaviour & { remaining: number }> = [];

  enqueue(...behaviours: ScriptedBehaviour[]): void {
    for (const behaviour of behaviours) this.queue.push({ ...behaviour, remaining: behaviour.times ?? 1 });
  }

  /** Takes the first behaviour matching this request (consuming one use), or undefined. */
  take(kind: 'chat' | 'embeddings' | 'rerank', model: string): ScriptedBehaviour | undefined {
    const index = this.queue.findIndex(
      (behaviour) => (behaviour.kind === undefined || behaviour.kind === kind) && (behaviour.model === undefined || behaviour.model === model),
    );
    if (index < 0) return undefined;
    const found = this.queue[index]!;
    found.remaining -= 1;
    if (found.remaining <= 0) this.queue.splice(index, 1);
    return found;
  }

  clear(): void {
    this.queue = [];
  }

  get pending(): number {
    return this.queue.length;
  }
}

export interface RecordedRequest {
  kind: 'chat' | 'embeddings' | 'rerank' | 'other';
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
  model: string | null;
  receivedAt: number;
}
