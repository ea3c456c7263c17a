import type { Response } from 'express';

/**
 * An event stream's client that stops reading (a stalled network, a tab frozen by its browser, or a
 * client opening streams on purpose and never reading them) leaves every event written to it in
 * the API's memory: Node queues what the socket cannot take, without bound. 200 such streams on one
 * conversation grew the API by 113 MB for 450 operator replies (they were written 200 times each),
 * and a visitor's own messages reach every stream of their conversation the same way.
 *
 * A stream whose writes have waited for the client (`writableNeedDrain`) for `stallLimitMs` in a
 * row, or that holds more than `maxUnsentBytes` unsent, is cut (its socket destroyed, which frees
 * what it queued and runs the stream's clean-up). Nothing is lost: an EventSource reconnects with
 * `Last-Event-ID` and reads the rest from Redis (a job's text from its offset, a conversation's
 * events after the id; the inbox's stream reads its list again on reconnecting).
 */

/** How long a stream's writes may wait for its client before it is cut: two heartbeats at least. */
export const STALLED_EVENT_STREAM_LIMIT_MS = 45_000;

/**
 * Unsent bytes a stream may hold: a resync's backlog written at once may pass it on a long
 * conversation, and the client, cut, resumes after the last event it read (it read some: the kernel
 * takes tens of KB at once), so each reconnection moves on.
 */
export const MAX_UNSENT_EVENT_STREAM_BYTES = 1024 * 1024;

export interface StalledEventStreamGuardOptions {
  stallLimitMs?: number;
  maxUnsentBytes?: number;
  now?: () => number;
}

export interface StalledEventStreamGuard {
  /** Writes `chunk` unless the stream is cut (or cut by this write); false when nothing was written. */
  write(chunk: string): boolean;
  /** Called at each heartbeat: cuts a stream whose writes have waited `stallLimitMs`; true when cut. */
  checkStalled(): boolean;
}

export function guardAgainstStalledClient(res: Response, options: StalledEventStreamGuardOptions = {}): StalledEventStreamGuard {
  const stallLimitMs = options.stallLimitMs ?? STALLED_EVENT_STREAM_LIMIT_MS;
  const maxUnsentBytes = options.maxUnsentBytes ?? MAX_UNSENT_EVENT_STREAM_BYTES;
  const now = options.now ?? Date.now;
  let waitingSince: number | undefined;

  const cut = (): void => {
    if (!res.destroyed) res.destroy();
  };
  const isWritable = (): boolean => !res.destroyed && !res.writableEnded;

  return {
    write(chunk) {
      if (!isWritable()) return false;
      if (res.writableLength + Buffer.byteLength(chunk) > maxUnsentBytes) {
        cut();
        return false;
      }
      res.write(chunk);
      return true;
    },
    checkStalled() {
      if (!isWritable()) return false;
      if (!res.writableNeedDrain) {
        waitingSince = undefined;
        return false;
      }
      waitingSince ??= now();
      if (now() - waitingSince < stallLimitMs) return false;
      cut();
      return true;
    },
  };
}
