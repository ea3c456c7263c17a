import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { PayloadTooLargeError } from './api-errors.ts';

/**
 * Requests Node's HTTP parser refuses before Express sees them (headers or URL too large, a
 * malformed request line) get an answer in the API's error format instead of Node's bare status
 * line: 431 `headers_too_large`, 414 `uri_too_long`, 408 `request_timeout` (the request was not
 * received within the server's deadlines, server-limits.ts), 400 `bad_request`, with an
 * `X-Request-Id` like every other answer (a fresh one: the request's own was never read). The
 * connection is then closed, as Node does.
 */

const ANSWERS: Record<string, { status: number; reason: string; code: string; message: string }> = {
  HPE_HEADER_OVERFLOW: { status: 431, reason: 'Request Header Fields Too Large', code: 'headers_too_large', message: 'Les en-têtes de la requête sont trop volumineux.' },
  HPE_URI_TOO_LONG: { status: 414, reason: 'URI Too Long', code: 'uri_too_long', message: "L'adresse demandée est trop longue." },
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, reason: 'Request Timeout', code: 'request_timeout', message: "La requête n'a pas été reçue à temps." },
};
const MALFORMED = { status: 400, reason: 'Bad Request', code: 'bad_request', message: 'Requête HTTP mal formée.' };

/** The headers of every answer written here: the error format's, a fresh request id, no cache, the connection closed. */
const errorAnswerHeaders = (body: string) => ({
  'Content-Type': 'application/json; charset=utf-8',
  'Content-Length': Buffer.byteLength(body),
  'X-Request-Id': randomUUID(),
  'Cache-Control': 'no-store',
  Connection: 'close',
});

function answerWithError(res: ServerResponse, status: number, error: { code: string; message: string } & Record<string, unknown>): void {
  const body = JSON.stringify({ error });
  res.writeHead(status, errorAnswerHeaders(body));
  res.end(body);
}

/**
 * Two answers Node would otherwise write itself, with no body: a request without `Host` is let
 * through (the app refuses it: HostHeaderRequiredError), and an `Expect` other than `100-continue`
 * gets 417 `expectation_failed` here.
 */
function answerExpectationsAndMissingHostInErrorFormat(server: Server): void {
  (server as Server & { requireHostHeader: boolean }).requireHostHeader = false;
  server.on('checkExpectation', (_req, res) => {
    answerWithError(res, 417, { code: 'expectation_failed', message: "Seule l'attente 100-continue est prise en charge." });
  });
}

/**
 * `Expect: 100-continue` with a declared body larger than `maxBodyBytes`: 413 `payload_too_large` at
 * once, instead of inviting the client to send megabytes that will be refused. Otherwise the
 * 100 Continue, then the request as usual.
 */
function refuseOversizedBodiesBeforeTheyAreSent(server: Server, maxBodyBytes: number): void {
  server.on('checkContinue', (req, res) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxBodyBytes) {
      // The body the app answers for a body over the limit, before reading it.
      const tooLarge = new PayloadTooLargeError(maxBodyBytes);
      answerWithError(res, tooLarge.status, { code: tooLarge.code, message: tooLarge.message, ...tooLarge.details });
      return;
    }
    res.writeContinue();
    server.emit('request', req, res);
  });
}

/**
 * `CONNECT host:port` (a tunnel, asked of a proxy): Node hands it to `connect` listeners and, with
 * none, closed the connection without a word. This server tunnels nothing: 405
 * `method_not_allowed`, in the error format, and the connection closed.
 */
function refuseTunnelsInErrorFormat(server: Server): void {
  server.on('connect', (req: IncomingMessage, socket: Duplex) => {
    const body = JSON.stringify({
      error: { code: 'method_not_allowed', message: 'Cette méthode n’est pas acceptée à cette adresse.', method: 'CONNECT', path: req.url ?? '' },
    });
    const headers = Object.entries(errorAnswerHeaders(body)).map(([name, value]) => `${name}: ${value}\r\n`).join('');
    socket.on('error', () => socket.destroy());
    socket.end(`HTTP/1.1 405 Method Not Allowed\r\n${headers}\r\n${body}`);
  });
}

export function answerClientErrorsInErrorFormat(server: Server, options: { maxBodyBytes?: number } = {}): void {
  answerExpectationsAndMissingHostInErrorFormat(server);
  refuseTunnelsInErrorFormat(server);
  if (options.maxBodyBytes !== undefined) refuseOversizedBodiesBeforeTheyAreSent(server, options.maxBodyBytes);
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const answer = (error.code !== undefined ? ANSWERS[error.code] : undefined) ?? MALFORMED;
    const body = JSON.stringify({ error: { code: answer.code, message: answer.message } });
    const headers = Object.entries(errorAnswerHeaders(body)).map(([name, value]) => `${name}: ${value}\r\n`).join('');
    socket.end(`HTTP/1.1 ${answer.status} ${answer.reason}\r\n${headers}\r\n${body}`);
  });
}
