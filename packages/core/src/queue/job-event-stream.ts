import { setTimeout as sleep } from 'node:timers/promises';
import { DependencyFaultLog } from '../logging/dependency-fault-log.ts';
import type { Logger } from '../logging/logger.ts';
import type { RedisClient } from '../redis/redis-connection.ts';
import { compareStreamIds } from '../redis/stream-ids.ts';

/**
 * Reads a BullMQ queue's events stream (`<prefix>:<queue>:events`) with one blocking XREAD loop on a
 * connection of its own, and hands each entry's raw field list (`['event', 'completed', 'jobId',
 * '…', 'returnvalue', '…', …]`) to `onEntry`, in stream order.
 *
 * It does what BullMQ's QueueEvents does for the job event hub, without its per-entry work: QueueEvents
 * turns every entry into an object, JSON-parses every completed event's result and every progress
 * payload, and emits each entry twice (by name and by `<name>:<job id>`), for every job of the
 * queue, whereas a process has waiters for few of them; here the hub builds an event only for a job
 * it watches. It starts at the stream's end, resumes from the last id it read after a reconnect or a
 * failed read (no entry lost across a short outage), reads a stream created again behind that id
 * from its start, and a read that gets no answer past its block time plus a margin (a black-holed
 * socket; a blocking command re-sent after a reconnect can hang, BullMQ #4479) closes the connection,
 * opens it again and reads again from the same id.
 */

/** How long one XREAD blocks on the server, as QueueEvents' default. */
export const EVENT_READ_BLOCK_MS = 10_000;
/** A read not answered this long after its block time is abandoned and its socket replaced. */
const HUNG_READ_MARGIN_MS = 1_000;
/** After a failed read (Redis away, a command refused) the next one waits this long. */
const FAILED_READ_PAUSE_MS = 250;

type StreamEntry = [id: string, fields: string[]];
type XreadReply = Array<[key: string, entries: StreamEntry[]]> | null;

export class JobEventStream {
  /**
   * The id read from; undefined until the stream's end has been read (the newest entry's id, `0-0`
   * for an empty stream). Not `$` kept from read to read, as QueueEvents does: `$` is the end when each
   * read arrives, so an entry appended between a read that came back empty (its block time over, an
   * outage) and the next one was never seen, while the stream had given nothing yet.
   */
  private lastId: string | undefined;
  private closed = false;
  private readonly faults: DependencyFaultLog;
  private readonly logger: Logger;
  private loop: Promise<void> | undefined;
  private hungReadTimer: NodeJS.Timeout | undefined;
  private markStarted!: () => void;
  private readonly started = new Promise<void>((resolve) => (this.markStarted = resolve));

  constructor(
    private readonly connection: RedisClient,
    private readonly streamKey: string,
    private readonly onEntry: (fields: string[]) => void,
    logger: Logger,
    private readonly blockMs = EVENT_READ_BLOCK_MS,
  ) {
    this.logger = logger;
    this.faults = new DependencyFaultLog(logger, { component: 'job-event-stream' });
  }

  /** Starts reading (entries appended from now on). */
  start(): void {
    this.loop ??= this.readUntilClosed();
  }

  /** The stream's end has been read: every entry appended from now on is handed over (or closed meanwhile). */
  waitUntilReady(): Promise<void> {
    return this.started;
  }

  /** Stops reading: the pending read is dropped with the connection (which the caller owns and has closed). */
  async close(waitMs: number): Promise<void> {
    this.closed = true;
    this.markStarted();
    if (this.hungReadTimer) clearTimeout(this.hungReadTimer);
    if (this.loop) await Promise.race([this.loop, sleep(waitMs, undefined, { ref: false })]);
  }

  private async readUntilClosed(): Promise<void> {
    while (!this.closed) {
      let reply: XreadReply;
      try {
        if (this.lastId === undefined) {
          this.lastId = await this.newestId();
          this.markStarted();
        }
        reply = await this.readOnce(this.lastId);
        if (reply === null) await this.resumeIfCreatedAgain(this.lastId);
      } catch (error) {
        if (this.closed) return;
        this.faults.failure(error, 'job event read failed');
        await sleep(FAILED_READ_PAUSE_MS);
        continue;
      }
      if (this.faults.isFailing) this.faults.recovery('job event reads work again');
      if (this.closed || reply === null) continue;
      const entries = reply[0]?.[1] ?? [];
      for (const [id, fields] of entries) {
        this.lastId = id;
        try {
          this.onEntry(fields);
        } catch (error) {
          // One entry's handling must not end the read (every later event would be lost).
          this.logger.error({ entryId: id, err: error instanceof Error ? error.message : String(error) }, 'job event entry handling threw');
        }
      }
    }
  }

  /**
   * After a read that brought nothing: a stream whose newest entry is older than the last one read
   * was created again behind it (Redis restarted empty on a server whose clock is behind the old
   * one's, or a clock stepped back): XREAD from the old id would skip each of its entries until the
   * clock passed it. Every entry of that stream came after the restart: it is read from its start.
   * (QueueEvents kept the old id too.) One XREVRANGE per empty read, once per block time when idle.
   */
  private async resumeIfCreatedAgain(lastId: string): Promise<void> {
    if (lastId === '0-0') return;
    const newest = await this.newestId();
    if (this.lastId !== lastId || compareStreamIds(newest, lastId) >= 0) return;
    this.logger.warn({ lastId, newestId: newest }, 'job events stream created again behind the last id read: reading it from its start');
    this.lastId = '0-0';
  }

  /** The id of the stream's newest entry, `0-0` when it has none. */
  private async newestId(): Promise<string> {
    const newest = (await this.connection.xrevrange(this.streamKey, '+', '-', 'COUNT', 1)) as StreamEntry[];
    return newest[0]?.[0] ?? '0-0';
  }

  /** One blocking XREAD after `afterId`; null when nothing came (or the read hung and was dropped). */
  private readOnce(afterId: string): Promise<XreadReply> {
    const read = this.connection.xread('BLOCK', this.blockMs, 'STREAMS', this.streamKey, afterId) as Promise<XreadReply>;
    return new Promise<XreadReply>((resolve, reject) => {
      // This read's own timer: an abandoned read that settles late must not disarm the watchdog of
      // the read that replaced it, nor settle this one.
      let abandoned = false;
      const timer = setTimeout(() => {
        abandoned = true;
        if (this.hungReadTimer === timer) this.hungReadTimer = undefined;
        // Dropped with its socket (rejected, not re-sent): the next read asks again from the same id.
        read.catch(() => undefined);
        void this.replaceSocket().then(() => resolve(null));
      }, this.blockMs + HUNG_READ_MARGIN_MS);
      this.hungReadTimer = timer;
      const disarm = () => {
        clearTimeout(timer);
        if (this.hungReadTimer === timer) this.hungReadTimer = undefined;
      };
      read.then(
        (reply) => {
          if (abandoned) return;
          disarm();
          resolve(reply);
        },
        (error: unknown) => {
          if (abandoned) return;
          disarm();
          reject(error);
        },
      );
    });
  }

  /**
   * Closes the connection for good (its pending commands, the hung read among them, are rejected)
   * and opens it again, as BullMQ's QueueEvents does. Not `disconnect(true)`: ioredis re-sends a
   * connection's unanswered commands after such a reconnect, so the hung read went out again and the
   * next read waited behind it; once several had piled up (a black-holed network for a few block
   * times), every read of an idle stream was abandoned in its turn, a reconnect each block time, until
   * an entry came. A connection already waiting to reconnect (Redis away) is left to do so.
   */
  private async replaceSocket(): Promise<void> {
    if (this.closed) return;
    this.faults.failure(new Error(`no reply to a ${this.blockMs} ms XREAD after ${this.blockMs + HUNG_READ_MARGIN_MS} ms`), 'job event read hung: reconnecting');
    const connection = this.connection;
    const status = (): string => connection.status;
    if (status() !== 'ready' && status() !== 'connect' && status() !== 'connecting') return;
    // Opened again once closed, however late: a socket on a black-holed network closes when its FIN is
    // acknowledged or its dead-socket timeout drops it, and a connection left ended would refuse every
    // later read. Not after close(): the caller has closed it for good.
    const reopened = new Promise<void>((resolve) =>
      connection.once('end', () => {
        if (this.closed) return resolve();
        connection.connect().then(resolve, () => resolve());
      }),
    );
    connection.disconnect();
    // The next read waits for the new connection, at most a block time (it queues until ready).
    await Promise.race([reopened, sleep(this.blockMs, undefined, { ref: false })]);
  }
}

/** The value of `name` in a stream entry's field list (`[name, value, name, value, …]`). */
export function streamFieldOf(fields: readonly string[], name: string): string | undefined {
  for (let i = 0; i + 1 < fields.length; i += 2) if (fields[i] === name) return fields[i + 1];
  return undefined;
}
