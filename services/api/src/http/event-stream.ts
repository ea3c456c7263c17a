import type { Response } from 'express';
import { releaseClientSlot } from './client-concurrency-limit.ts';

/** How long an EventSource client waits before reconnecting (the stream's `retry:` field). */
export const CLIENT_RETRY_MS = 2000;

/**
 * Starts a Server-Sent Events answer: 200 with the event-stream headers (no caching, no proxy
 * buffering), flushed at once, the client's retry delay, and a heartbeat comment every
 * `heartbeatMs` while `isOpen()` (so proxies and clients see a live connection). Returns the
 * heartbeat timer: clear it when the stream ends. The stream waits from here on: its client's
 * place among requests at work is given back.
 */
export function openEventStream(res: Response, options: { heartbeatMs: number; isOpen: () => boolean }): NodeJS.Timeout {
  releaseClientSlot(res);
  res.status(200);
  res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store, no-transform');
  // No Connection header of our own: Node answers keep-alive, or close when the client asked for it
  // (`Connection: close`, HTTP/1.0) and then closes the socket as soon as the stream ends.
  res.setHeader('X-Accel-Buffering', 'no');
  res.flushHeaders();
  const heartbeat = setInterval(() => {
    if (options.isOpen() && !res.writableEnded) res.write(': keep-alive\n\n');
  }, options.heartbeatMs);
  heartbeat.unref();
  res.write(`retry: ${CLIENT_RETRY_MS}\n\n`);
  return heartbeat;
}
