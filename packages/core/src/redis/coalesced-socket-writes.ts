import type { Writable } from 'node:stream';
import { Redis } from 'ioredis';
import type { RedisClient } from './redis-connection.ts';

/**
 * Every command ioredis sends is one `socket.write`, and on an idle socket each write is a system
 * call of its own (on loopback the kernel also delivers the bytes in that call). A chat message
 * makes several commands back to back on one connection (a release, a promote and BullMQ's
 * completion), and a busy process makes more. Here the first write corks the socket and a
 * microtask queued by that write uncorks it: the commands written by the same run of code, and by
 * the promise jobs already queued before that microtask, leave in one system call, in the order
 * they were written. Not later: a flush at the end of the whole tick (process.nextTick) waited for
 * every promise job of the tick, and when one socket read resolved many replies, each job's next
 * command waited for the others' whole pipelines; the bench's hand-off round (20 conversations)
 * went from 3.4-5 ms to 9-14 ms p50 in the quieter rounds.
 * Order on a connection is unchanged (one socket, one buffer), which the conversation gate's
 * release-before-completion rests on. `end()` uncorks, so a QUIT written just before is still sent.
 */

const coalescedStreams = new WeakSet<Writable>();

/** Corks `stream` at a write and uncorks it in a microtask queued then. */
export function coalesceAdjacentWrites(stream: Writable): void {
  if (coalescedStreams.has(stream)) return;
  coalescedStreams.add(stream);
  const write = stream.write;
  let corked = false;
  const flush = () => {
    corked = false;
    stream.uncork();
  };
  stream.write = function writeCoalesced(this: Writable, ...args: Parameters<Writable['write']>): boolean {
    if (!corked) {
      corked = true;
      stream.cork();
      queueMicrotask(flush);
    }
    return (write as (...writeArgs: Parameters<Writable['write']>) => boolean).apply(this, args);
  } as Writable['write'];
}

/**
 * Coalesces adjacent writes on every socket of `client`: its socket now and after each reconnect
 * (ioredis opens a new one), and on a cluster every node's, including nodes it connects to later.
 */
export function coalesceSocketWrites(client: RedisClient): void {
  const follow = (redis: Redis) => {
    const wrapCurrentSocket = () => {
      if (redis.stream) coalesceAdjacentWrites(redis.stream);
    };
    wrapCurrentSocket();
    redis.on('connect', wrapCurrentSocket);
  };
  if (client instanceof Redis) {
    follow(client);
    return;
  }
  client.on('+node', follow);
  for (const node of client.nodes('all')) follow(node);
}
