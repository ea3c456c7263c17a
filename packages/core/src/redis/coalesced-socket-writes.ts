import type { Writable } from 'node:stream';
import { Redis } from 'ioredis';
import type { RedisClient } from './redis-connection.ts';

/**
 * Every command ioredis sends is one `socket.write`, and on an idle socket each write is a system
 * call of its own (on loopback the kernel also delivers the bytes in that call). A chat message
 * makes several commands in the same tick on one connection (a release, a promote and BullMQ's
 * completion; a job's pickup and the next job's acquire), and a busy process makes dozens. Here the
 * first write of a tick corks the socket and the end of the tick (process.nextTick, after the
 * promise jobs queued so far have run) uncorks it: the tick's commands leave in one system call, in
 * the order they were written, and no later than the end of the tick that wrote them.
 * Order on a connection is unchanged (one socket, one buffer), which the conversation gate's
 * release-before-completion rests on. `end()` uncorks, so a QUIT written just before is still sent.
 */

const coalescedStreams = new WeakSet<Writable>();

/** Corks `stream` at the first write of each tick and uncorks it when the tick's work is done. */
export function coalesceWritesPerTick(stream: Writable): void {
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
      process.nextTick(flush);
    }
    return (write as (...writeArgs: Parameters<Writable['write']>) => boolean).apply(this, args);
  } as Writable['write'];
}

/**
 * Coalesces each tick's writes on every socket of `client`: its socket now and after each reconnect
 * (ioredis opens a new one), and on a cluster every node's, including nodes it connects to later.
 */
export function coalesceSocketWritesPerTick(client: RedisClient): void {
  const follow = (redis: Redis) => {
    const wrapCurrentSocket = () => {
      if (redis.stream) coalesceWritesPerTick(redis.stream);
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
