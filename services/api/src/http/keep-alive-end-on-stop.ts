import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/** Ends the keep-alive of the server's connections once the API stops. */
export interface KeepAliveEndOnStop {
  /** From now on every answer closes its connection once written: the client's next request goes to another API. */
  stopKeepingAlive(): void;
}

/**
 * `server.close()` refuses new connections and ends the idle ones, but a connection busy at that
 * moment stays kept alive once its answer is written, and the client (a browser, a proxy's pool)
 * sends its next requests over it: measured in a rolling deploy with two APIs, the stopped one took
 * 83 new chat messages (858 requests) over its 10 s drain instead of none, so it never finished
 * early and ended by cutting the requests still in progress (closeAllConnections).
 *
 * Once stopping, each answer not yet started says `Connection: close` (Node closes the connection
 * after it); one already started (an event stream, ended by the API's own shutdown) has its
 * connection ended once it is written; a request that still arrives over a kept-alive connection is
 * answered the same way. The client then opens a new connection, refused here, served elsewhere.
 */
export function endKeepAliveOnStop(server: Server): KeepAliveEndOnStop {
  let stopping = false;
  const answersInProgress = new Set<ServerResponse>();
  server.prependListener('request', (_req: IncomingMessage, res: ServerResponse) => {
    if (stopping) {
      closeConnectionAfter(res);
      return;
    }
    answersInProgress.add(res);
    res.once('close', () => answersInProgress.delete(res));
  });
  return {
    stopKeepingAlive() {
      stopping = true;
      for (const res of answersInProgress) closeConnectionAfter(res);
      answersInProgress.clear();
    },
  };
}

function closeConnectionAfter(res: ServerResponse): void {
  if (!res.headersSent) {
    res.setHeader('Connection', 'close');
    return;
  }
  // Node detaches the socket from the answer once it is written: keep it to end it then.
  const socket: Socket | null = res.socket;
  if (socket && !res.writableFinished) res.once('finish', () => socket.end());
}
