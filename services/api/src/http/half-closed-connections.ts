import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/** Answers that wait for events (a long-poll, a `Prefer: wait` post, an event stream) from the moment they start waiting. */
const waitingAnswers = new WeakSet<ServerResponse>();

/**
 * The answer starts waiting for events: a client that then closes its sending side is taken as gone
 * (answerClientsThatHalfClose). One whose end already came (sent with its request, or while the
 * access check read Redis) is gone as well: its connection is destroyed now, as the end would have.
 */
export function markAnswerWaiting(res: ServerResponse): void {
  // A post that created something (Prefer: wait) checks clientSendingEnded first and answers at once instead.
  waitingAnswers.add(res);
  if (res.socket?.readableEnded === true && !res.writableEnded) res.socket.destroy();
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
  // One listener per connection (pipelined requests share it): the answers in progress on it.
  const answersInProgress = new WeakMap<Socket, Set<ServerResponse>>();
  server.on('connection', (socket: Socket) => {
    socket.once('end', () => {
      for (const res of answersInProgress.get(socket) ?? []) {
        if (waitingAnswers.has(res) && !res.writableEnded) {
          socket.destroy();
          return;
        }
      }
    });
  });
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    let answers = answersInProgress.get(req.socket);
    if (answers === undefined) {
      answers = new Set();
      answersInProgress.set(req.socket, answers);
    }
    const inProgress = answers;
    inProgress.add(res);
    res.once('close', () => inProgress.delete(res));
  });
}
