import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Follows a Server-Sent Events route the way the widget and the inbox do: reads it with fetch,
 * reconnects with `Last-Event-ID` when it ends or breaks, and keeps every event received (with
 * the statuses of its attempts) until stopped.
 */

export interface FollowedEvent {
  id: string | undefined;
  type: string;
  data: unknown;
}

export interface EventStreamFollower {
  events: FollowedEvent[];
  /** The HTTP status of each connection attempt (0: no answer). */
  attempts: number[];
  stop(): Promise<void>;
}

export function followEventStream(url: string, headers: Record<string, string> = {}): EventStreamFollower {
  const events: FollowedEvent[] = [];
  const attempts: number[] = [];
  const controller = new AbortController();
  let lastEventId: string | undefined;
  const parseBlock = (block: string) => {
    let id: string | undefined;
    let type = 'message';
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith('id: ')) id = line.slice(4);
      else if (line.startsWith('event: ')) type = line.slice(7);
      else if (line.startsWith('data: ')) data.push(line.slice(6));
    }
    if (data.length === 0 && id === undefined) return;
    if (id !== undefined) lastEventId = id;
    let parsed: unknown = data.join('\n');
    try {
      parsed = JSON.parse(String(parsed));
    } catch {
      // not JSON
    }
    events.push({ id, type, data: parsed });
  };
  const run = (async () => {
    while (!controller.signal.aborted) {
      try {
        const response = await fetch(url, { headers: { accept: 'text/event-stream', ...headers, ...(lastEventId ? { 'last-event-id': lastEventId } : {}) }, signal: controller.signal });
        attempts.push(response.status);
        if (response.status === 204 || !response.body) break;
        if (response.status !== 200) {
          await response.body.cancel();
          await sleep(500);
          continue;
        }
        const decoder = new TextDecoder();
        let pending = '';
        for await (const chunk of response.body) {
          pending += decoder.decode(chunk as Uint8Array, { stream: true });
          let end: number;
          while ((end = pending.indexOf('\n\n')) >= 0) {
            parseBlock(pending.slice(0, end));
            pending = pending.slice(end + 2);
          }
        }
      } catch {
        if (controller.signal.aborted) break;
        attempts.push(0);
        await sleep(500);
      }
    }
  })();
  return {
    events,
    attempts,
    async stop() {
      controller.abort();
      await run;
    },
  };
}
