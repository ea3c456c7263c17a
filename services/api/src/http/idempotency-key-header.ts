import type { Request } from 'express';
import { z } from 'zod';
import { parseRequestPart } from './parse-request-part.ts';

/**
 * The reader of a post's `Idempotency-Key` header (a visitor's message, an operator's reply):
 * visible ASCII, at most `maxCharacters`; undefined when absent, 400 `invalid_request` naming the
 * header when bad. Made once per route.
 */
export function idempotencyKeyReader(maxCharacters: number): (req: Request) => string | undefined {
  const schema = z.string().regex(new RegExp(`^[\\x21-\\x7e]{1,${maxCharacters}}$`), { error: `doit contenir de 1 à ${maxCharacters} caractères ASCII visibles` });
  return (req) => {
    const raw = req.headers['idempotency-key'];
    return raw === undefined ? undefined : parseRequestPart(schema, raw, 'Idempotency-Key');
  };
}
