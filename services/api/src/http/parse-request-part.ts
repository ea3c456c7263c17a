import type { z } from 'zod';
import { InvalidRequestError } from './api-errors.ts';
import { zodIssuesToFields } from './zod-issues-to-fields.ts';

/**
 * Validates one part of a request (body, a path parameter, a query value) with its schema.
 * Throws InvalidRequestError (400 `invalid_request`, `details` naming each field) on failure.
 */
export function parseRequestPart<Schema extends z.ZodType>(schema: Schema, value: unknown, rootName = '(body)'): z.output<Schema> {
  const parsed = schema.safeParse(value, { reportInput: true });
  if (!parsed.success) throw new InvalidRequestError(zodIssuesToFields(parsed.error.issues, rootName));
  return parsed.data;
}
