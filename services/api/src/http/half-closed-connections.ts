import type { Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/** Answers that wait for events (a long-poll, a `Prefer: wait` post, an event stream) from the moment they start waiting. */
const waitingAnswers = new WeakSet<ServerResponse>();
/** Per connection, its answers waiting for events and not yet closed (pipelined requests share one connection). */
const waitingAnswersOf = new WeakMap<Socket, Set<ServerResponse>>();

/**
 * The answer starts waiting for events: a client that then closes its sending side is taken as gone
 * (answerClientsThatHalfClose). One whose end already came (sent with its request, or while the
 * access check read Redis) is gone as well: its connection is destroyed now, as the end would have.
 */
export function markAnswerWaiting(res: ServerResponse): void {
  // A post that created something (Prefer: wait) checks clientSendingEnded first and answers at once instead.
  const socket = res.socket;
  if (socket === null || waitingAnswers.has(res)) return;
  waitingAnswers.add(res);
  if (socket.readableEnded) {
    if (!res.writableEnded) socket.destroy();
    return;
  }
  const answers = waitingAnswersOf.get(socket) ?? new Set<ServerResponse>();
  waitingAnswersOf.set(socket, answers.add(res));
  res.once('close', () => answers.delete(res));
}

/** The client's end (a half-close, or its leaving) has come on this answer's connection. */
export function clientSendingEnded(res: ServerResponse): boolean {
  return res.socket?.readableEnded === true;
}

/**
 * A client that closes its sending side once its request is sent (a half-close: `nc -N`, a
 * `shutdown(SHUT_WR)` after the body, some HTTP/1.0 tools) still gets its answer. Node's default
 * (`httpAllowHalfOpen` false) ended the connection as soon as the client's end arrived: the request
 * was still acted on (a chat post's message accepted, a conversation claimed) and its answer, with
 * the conversation's token, never sent. Half-open, Node keeps the connection until that answer is
 * written, then closes it.
 *
 * An answer that is waiting for events when the client's end arrives is ended as before (the
 * connection destroyed): a client closing its connection sends the same end as one half-closing,
 * and a long-poll or an event stream whose client went away must stop at once (its subscriptions,
 * its place among the connections), not run out its wait or its next heartbeat.
 */
export function answerClientsThatHalfClose(server: Server): void {
  (server as Server & { httpAllowHalfOpen: boolean }).httpAllowHalfOpen = true;
  server.on('connection', (socket: Socket) => {
    socket.once('end', () => {
      for (const res of waitingAnswersOf.get(socket) ?? []) {
        if (!res.writableEnded) return void socket.destroy();
      }
    });
  });
}
