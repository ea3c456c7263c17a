import { isUtf8 } from 'node:buffer';
import { PassThrough } from 'node:stream';
import express, { type Request, type RequestHandler } from 'express';
import { InvalidEncodingError, PayloadTooLargeError, RequestAbortedError, UnsupportedContentEncodingError, UnsupportedMediaTypeError } from './api-errors.ts';

/** The Content-Encodings a body may have (Node's body parser also reads zstd: refused, as documented). */
const READ_CONTENT_ENCODINGS: ReadonlySet<string> = new Set(['identity', 'gzip', 'deflate', 'br']);

/**
 * Labels of UTF-8 that the body parser does not know, as the Encoding Standard (WHATWG) lists them
 * (`charset=utf8`, `unicode-1-1-utf-8`), and ASCII (`us-ascii`, `ascii`), whose bytes are UTF-8 as
 * they are (a byte above 127 is not ASCII, and is refused by the UTF-8 check as in any UTF-8 body).
 */
const UTF8_CHARSET_LABELS: ReadonlySet<string> = new Set(['utf8', 'unicode-1-1-utf-8', 'unicode11utf8', 'unicode20utf8', 'x-unicode20utf8', 'us-ascii', 'ascii']);

/** A Content-Type's charset parameter: what comes before its value (group 1), and the value (group 2). */
const CHARSET_PARAMETER = /(;\s*charset\s*=\s*)"?([^";\s]+)"?/i;

/** Rewrites such a label to `utf-8` in the request's Content-Type, so the body is read as UTF-8 (and checked as such). */
function normaliseUtf8CharsetLabel(headers: { 'content-type'?: string }): void {
  const contentType = headers['content-type'];
  if (contentType === undefined) return;
  headers['content-type'] = contentType.replace(CHARSET_PARAMETER, (whole, prefix: string, label: string) =>
    UTF8_CHARSET_LABELS.has(label.toLowerCase()) ? `${prefix}utf-8` : whole,
  );
}

/** The connection closed (or the request was destroyed) with the body not read: body-parser would skip it. */
function bodyLostWithItsConnection(req: Request): boolean {
  if (req.readableEnded || bodyHeldAfterClientEnd(req)) return false;
  return req.destroyed || !req.socket || !req.socket.readable;
}

/**
 * The whole body came, then the client half-closed its connection (half-closed-connections.ts) before
 * the body was read (a route reading it after an access check): the body waits in the request, but
 * body-parser takes a request whose socket no longer reads as already read and would skip it.
 */
function bodyHeldAfterClientEnd(req: Request): boolean {
  return req.complete && !req.readableEnded && !req.destroyed && req.socket !== null && !req.socket.readable;
}

/** A stand-in for such a request that body-parser reads: its headers, its body piped from it, a socket still reading. */
function standInReading(req: Request): Request {
  const standIn = Object.assign(new PassThrough(), { headers: req.headers, complete: false, socket: new PassThrough() });
  req.pipe(standIn);
  return standIn as unknown as Request;
}

/**
 * JSON body reading for a route: a body that is not `application/json` (or `+json`) is
 * refused with 415 before anything is read; a body over `maxBodyBytes` gets 413 (at once when its
 * Content-Length says so) and
 * malformed JSON 400 (mapped by the error handler). Bytes that are not UTF-8 are a 400 too (the
 * parser would otherwise turn them into U+FFFD silently). gzip, deflate and br bodies are inflated
 * (an invalid one is a 400), other Content-Encodings a 415. Nothing else runs on a refused body.
 * A body the client's connection closed before it was read is refused too (400): body-parser
 * takes such a request as already read and leaves it without a body, so the route would act on
 * defaults (an operator's join, given up by the inbox while the admin login's checks waited on a
 * slow Redis, recorded under the default name instead of the operator's).
 */
export function createJsonBodyMiddleware(maxBodyBytes: number): RequestHandler[] {
  const requireJsonContentType: RequestHandler = (req, _res, next) => {
    normaliseUtf8CharsetLabel(req.headers);
    const hasBody = req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
    if (hasBody && !req.is(['application/json', 'application/*+json'])) {
      next(new UnsupportedMediaTypeError(req.headers['content-type']));
      return;
    }
    const encodings = encodingsOf(req);
    if (encodings.some((encoding) => !READ_CONTENT_ENCODINGS.has(encoding))) {
      next(new UnsupportedContentEncodingError());
      return;
    }
    // A declared body over the limit (not compressed: the limit counts the inflated bytes) is refused
    // before it is read. body-parser's own 413 waits until the whole body came (it reads it to keep
    // the connection usable): a client still sending, or one that stopped, got no answer before the
    // server's request deadline. Node reads and drops the rest once the 413 is written.
    if (encodings.every((encoding) => encoding === 'identity') && Number(req.headers['content-length'] ?? 0) > maxBodyBytes) {
      next(new PayloadTooLargeError(maxBodyBytes));
      return;
    }
    if (hasBody && bodyLostWithItsConnection(req)) {
      next(new RequestAbortedError());
      return;
    }
    next();
  };
  const parseJson = express.json({
    limit: maxBodyBytes,
    strict: false,
    type: ['application/json', 'application/*+json'],
    verify: (req, _res, body) => {
      const charset = CHARSET_PARAMETER.exec(req.headers['content-type'] ?? '')?.[2]?.toLowerCase() ?? 'utf-8';
      if (charset === 'utf-8' && !isUtf8(body)) throw new InvalidEncodingError('(body)', "le corps n'est pas du texte UTF-8 valide");
    },
  });
  // body-parser's 413 for a body without a length (chunked) past the limit also waits for the body's
  // end: counted here too (beside its own reading, not instead of it), the 413 goes at once.
  const parseJsonRefusingOversizedAtOnce: RequestHandler = (request, res, next) => {
    // A body held after the client's half-close is read through a stand-in, and its result given to the request.
    const req = bodyHeldAfterClientEnd(request) ? standInReading(request) : request;
    const counted = encodingsOf(req).every((encoding) => encoding === 'identity');
    let receivedBytes = 0;
    let refused = false;
    let parsed = false;
    const countBytes = (chunk: Buffer): void => {
      receivedBytes += chunk.length;
      if (receivedBytes <= maxBodyBytes || refused) return;
      refused = true;
      req.off('data', countBytes);
      next(new PayloadTooLargeError(maxBodyBytes));
    };
    void parseJson(req, res, (error?: unknown) => {
      parsed = true;
      if (req !== request) request.body = req.body as unknown;
      req.off('data', countBytes);
      if (!refused) next(error);
    });
    // After body-parser's own listener: every chunk reaches it first, none is read away from it. Not
    // when it already went on without reading (no body): a listener alone would read the request.
    if (counted && !parsed && !req.readableEnded) req.on('data', countBytes);
  };
  return [requireJsonContentType, parseJsonRefusingOversizedAtOnce];
}

/** A request's Content-Encoding tokens, lower-cased (none: empty). */
function encodingsOf(req: Request): string[] {
  return (req.headers['content-encoding'] ?? '').split(',').map((token) => token.trim().toLowerCase()).filter((token) => token !== '');
}
