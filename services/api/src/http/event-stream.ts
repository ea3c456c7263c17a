import type { Response } from 'express';
import { releaseClientSlot } from './client-concurrency-limit.ts';
import { guardAgainstStalledClient, type StalledEventStreamGuardOptions } from './stalled-event-stream-guard.ts';

/** How a stream says it is alive between events: a comment (invisible to an EventSource's page) or a `ping` event. */
export type EventStreamHeartbeat = 'comment' | 'ping_event';

/** How long an EventSource client waits before reconnecting (the stream's `retry:` field). */
export const CLIENT_RETRY_MS = 2000;

/**
 * Starts a Server-Sent Events answer: 200 with the event-stream headers (no caching, no proxy
 * buffering), flushed at once, the client's retry delay, and a heartbeat comment every
 * `heartbeatMs` while `isOpen()` (so proxies and clients see a live connection). Returns the
 * heartbeat timer: clear it when the stream ends. The stream waits from here on: its client's
 * place among requests at work is given back.
 *
 * `heartbeat`: `comment` (default) writes `: keep-alive`, which an EventSource never shows to its
 * page; `ping_event` writes `event: ping` with `{"heartbeat_ms": N}`, at once and then every
 * `heartbeatMs`, so that a page can tell a stream gone silent (a proxy holding it open without
 * passing anything on) from a quiet one, and knows how long silence may last.
 *
 * Every write of the stream goes through the returned `write`: a client that stops reading is cut
 * (stalled-event-stream-guard.ts), checked at each heartbeat, instead of its events piling up in memory.
 */
export function openEventStream(
  res: Response,
  options: { heartbeatMs: number; isOpen: () => boolean; heartbeat?: EventStreamHeartbeat; stallGuard?: StalledEventStreamGuardOptions },
): EventStreamHandle {
  releaseClientSlot(res);
  res.status(200);
  res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store, no-transform');
  // No Connection header of our own: Node answers keep-alive, or close when the client asked for it
  // (`Connection: close`, HTTP/1.0) and then closes the socket as soon as the stream ends.
  res.setHeader('X-Accel-Buffering', 'no');
  res.flushHeaders();
  const beat = options.heartbeat === 'ping_event' ? `event: ping\ndata: ${JSON.stringify({ heartbeat_ms: options.heartbeatMs })}\n\n` : ': keep-alive\n\n';
  const guard = guardAgainstStalledClient(res, options.stallGuard);
  const heartbeat = setInterval(() => {
    if (options.isOpen() && !res.writableEnded && !guard.checkStalled()) guard.write(beat);
  }, options.heartbeatMs);
  heartbeat.unref();
  guard.write(`retry: ${CLIENT_RETRY_MS}\n\n`);
  if (options.heartbeat === 'ping_event') guard.write(beat);
  return { heartbeat, write: (chunk) => guard.write(chunk) };
}

/** An open event stream: its heartbeat timer (clear it when the stream ends) and its one way to write. */
export interface EventStreamHandle {
  heartbeat: NodeJS.Timeout;
  /** Writes unless the stream ended or its client was cut for not reading; false when nothing was written. */
  write(chunk: string): boolean;
}
