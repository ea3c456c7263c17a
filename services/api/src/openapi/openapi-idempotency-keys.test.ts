import type { Request } from 'express';
import { describe, expect, it } from 'vitest';
import {
  CHAT_IDEMPOTENCY_KEY_MAX_CHARACTERS,
  idempotencyKeyReader,
  OPERATOR_REPLY_IDEMPOTENCY_KEY_MAX_CHARACTERS,
} from '../http/idempotency-key-header.ts';
import { buildOpenApiDocument } from './openapi-document.ts';

/**
 * The document's Idempotency-Key parameters say what the routes accept: a key the document allows
 * is read, a key it refuses is a 400. It once declared any 1–255-character string for a visitor's
 * message, so a client built from it could send `clé-été` or `a b` and get a 400 it had no way to
 * foresee.
 */

type Parameter = { name: string; in: string; schema: { type: string; pattern?: string; minLength?: number; maxLength?: number } };

function idempotencyKeyParameter(path: string): Parameter {
  const document = buildOpenApiDocument({ maxWaitSeconds: 30 }) as { paths: Record<string, { post: { parameters: Parameter[] } }> };
  const parameter = document.paths[path]!.post.parameters.find((candidate) => candidate.in === 'header' && candidate.name === 'Idempotency-Key');
  if (!parameter) throw new Error(`no Idempotency-Key parameter on POST ${path}`);
  return parameter;
}

/** What the document's schema allows (the keywords it uses for a string: pattern, minLength, maxLength; lengths in code points). */
function documentAllows({ schema }: Parameter, value: string): boolean {
  const length = [...value].length;
  if (schema.minLength !== undefined && length < schema.minLength) return false;
  if (schema.maxLength !== undefined && length > schema.maxLength) return false;
  return schema.pattern === undefined || new RegExp(schema.pattern, 'u').test(value);
}

function routeAccepts(maxCharacters: number, value: string): boolean {
  try {
    idempotencyKeyReader(maxCharacters)({ headers: { 'idempotency-key': value } } as unknown as Request);
    return true;
  } catch {
    return false;
  }
}

const keys = ['k-1', 'a b', 'clé-été', '🙂', '"quoted"', 'tab\there', '', 'x'.repeat(200), 'x'.repeat(201), 'x'.repeat(255), 'x'.repeat(256)];

describe('the Idempotency-Key parameters of the document', () => {
  it.each([
    { path: '/api/v2/chat', maxCharacters: CHAT_IDEMPOTENCY_KEY_MAX_CHARACTERS },
    { path: '/api/v2/conversations', maxCharacters: CHAT_IDEMPOTENCY_KEY_MAX_CHARACTERS },
    { path: '/admin/conversations/{conversation_id}/messages', maxCharacters: OPERATOR_REPLY_IDEMPOTENCY_KEY_MAX_CHARACTERS },
  ])('POST $path allows exactly the keys the route reads', ({ path, maxCharacters }) => {
    const parameter = idempotencyKeyParameter(path);
    for (const key of keys) expect({ key, allowed: documentAllows(parameter, key) }).toEqual({ key, allowed: routeAccepts(maxCharacters, key) });
  });
});
