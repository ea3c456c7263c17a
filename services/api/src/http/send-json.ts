import type { Response } from 'express';
import type { z } from 'zod';

/**
 * Sends a JSON body after parsing it through its contract schema, so that what
 * leaves the API always matches the documented shape (a mismatch is a 500, logged).
 */
export function sendJson<Schema extends z.ZodType>(res: Response, status: number, schema: Schema, body: z.input<Schema>): void {
  const parsed = schema.parse(body);
  res.status(status).json(parsed);
}
