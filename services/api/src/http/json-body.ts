import { isUtf8 } from 'node:buffer';
import express, { type RequestHandler } from 'express';
import { InvalidEncodingError, UnsupportedContentEncodingError, UnsupportedMediaTypeError } from './api-errors.ts';

/** The Content-Encodings a body may have (Node's body parser also reads zstd: refused, as documented). */
const READ_CONTENT_ENCODINGS: ReadonlySet<string> = new Set(['identity', 'gzip', 'deflate', 'br']);

/**
 * JSON body reading for a route: a body that is not `application/json` (or `+json`) is
 * refused with 415 before anything is read; a body over `maxBodyBytes` gets 413 and
 * malformed JSON 400 (mapped by the error handler). Bytes that are not UTF-8 are a 400 too (the
 * parser would otherwise turn them into U+FFFD silently). gzip, deflate and br bodies are inflated
 * (an invalid one is a 400), other Content-Encodings a 415. Nothing else runs on a refused body.
 */
export function createJsonBodyMiddleware(maxBodyBytes: number): RequestHandler[] {
  const requireJsonContentType: RequestHandler = (req, _res, next) => {
    const hasBody = req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
    if (hasBody && !req.is(['application/json', 'application/*+json'])) {
      next(new UnsupportedMediaTypeError(req.headers['content-type']));
      return;
    }
    const encodings = (req.headers['content-encoding'] ?? '').split(',').map((token) => token.trim().toLowerCase()).filter((token) => token !== '');
    if (encodings.some((encoding) => !READ_CONTENT_ENCODINGS.has(encoding))) {
      next(new UnsupportedContentEncodingError());
      return;
    }
    next();
  };
  const parseJson = express.json({
    limit: maxBodyBytes,
    strict: false,
    type: ['application/json', 'application/*+json'],
    verify: (req, _res, body) => {
      const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(req.headers['content-type'] ?? '')?.[1]?.toLowerCase() ?? 'utf-8';
      if ((charset === 'utf-8' || charset === 'utf8') && !isUtf8(body)) throw new InvalidEncodingError('(body)', "le corps n'est pas du texte UTF-8 valide");
    },
  });
  return [requireJsonContentType, parseJson];
}
