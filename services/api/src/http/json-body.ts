import express, { type RequestHandler } from 'express';
import { UnsupportedMediaTypeError } from './api-errors.ts';

/**
 * JSON body reading for a route: a body that is not `application/json` (or `+json`) is
 * refused with 415 before anything is read; a body over `maxBodyBytes` gets 413 and
 * malformed JSON 400 (mapped by the error handler). Nothing else runs on a refused body.
 */
export function createJsonBodyMiddleware(maxBodyBytes: number): RequestHandler[] {
  const requireJsonContentType: RequestHandler = (req, _res, next) => {
    const hasBody = req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
    if (hasBody && !req.is(['application/json', 'application/*+json'])) {
      next(new UnsupportedMediaTypeError(req.headers['content-type']));
      return;
    }
    next();
  };
  const parseJson = express.json({ limit: maxBodyBytes, strict: false, type: ['application/json', 'application/*+json'] });
  return [requireJsonContentType, parseJson];
}
