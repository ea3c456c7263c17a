import type { IncomingMessage, ServerResponse } from 'node:http';

export async function readRequestBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export function parseJsonOrNull(text: string): unknown {
  try {
    return text === '' ? null : JSON.parse(text);
  } catch {
    return null;
  }
}

export function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  response.end(text);
}

export function sendMalformedJson(response: ServerResponse, headers: Record<string, string> = {}): void {
  const text = '{"id": "broken", "choices": [ {"message": ';
  response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  response.end(text);
}

/**
 * True when the client went away (the response's socket closed). Note: the REQUEST's 'close' event
 * fires as soon as its body has been read, so only the response tells whether the client is still there.
 */
export function clientGone(response: ServerResponse): boolean {
  return response.closed || response.destroyed;
}

/** Resolves after `ms`, or at once when the client has gone away. */
export function waitUnlessClosed(ms: number, response: ServerResponse): Promise<void> {
  if (ms <= 0 || clientGone(response)) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      response.off('close', done);
      resolve();
    }
    response.once('close', done);
  });
}

/** Keeps the request open, answering nothing, until the client closes it. */
export function stallUntilClientCloses(_request: IncomingMessage, response: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    if (clientGone(response)) return resolve();
    response.once('close', () => resolve());
  });
}

/** Deterministic 32-bit FNV-1a hash. */
export function fnv1a(text: string, seed = 0x811c9dc5): number {
  let hash = seed >>> 0;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/** Rough token count of a text (words and punctuation), like a tokenizer would give within a factor. */
export function countTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}

export function normaliseWords(text: string): string[] {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length > 2);
}
