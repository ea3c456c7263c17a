import type { Request } from 'express';
import { z } from 'zod';
import { parseRequestPart } from './parse-request-part.ts';

/** Longest Idempotency-Key of a visitor's message (POST /api/v2/chat). */
export const CHAT_IDEMPOTENCY_KEY_MAX_CHARACTERS = 255;

/** Longest Idempotency-Key of an operator's reply (POST /admin/conversations/:id/messages). */
export const OPERATOR_REPLY_IDEMPOTENCY_KEY_MAX_CHARACTERS = 200;

/** What a key may be: 1 to `maxCharacters` visible ASCII characters (the OpenAPI document states the same pattern). */
export function idempotencyKeyPattern(maxCharacters: number): string {
  return `^[\\x21-\\x7e]{1,${maxCharacters}}$`;
}

/**
 * The reader of a post's `Idempotency-Key` header (a visitor's message, an operator's reply):
 * visible ASCII, at most `maxCharacters`; undefined when absent, 400 `invalid_request` naming the
 * header when bad. Made once per route.
 */
export function idempotencyKeyReader(maxCharacters: number): (req: Request) => string | undefined {
  const schema = z.string().regex(new RegExp(idempotencyKeyPattern(maxCharacters)), { error: `doit contenir de 1 à ${maxCharacters} caractères ASCII visibles` });
  return (req) => {
    const raw = req.headers['idempotency-key'];
    return raw === undefined ? undefined : parseRequestPart(schema, raw, 'Idempotency-Key');
  };
}
