import type { Response } from 'express';
import type { z } from 'zod';

/**
 * Sends a JSON body after parsing it through its contract schema, so that what
 * leaves the API always matches the documented shape (a mismatch is a 500, logged).
 * An error answer (4xx, 5xx) is never kept by a cache (a 404 or 410 is cacheable by default).
 */
export function sendJson<Schema extends z.ZodType>(res: Response, status: number, schema: Schema, body: z.input<Schema>): void {
  const parsed = schema.parse(body);
  if (status >= 400) res.setHeader('Cache-Control', 'no-store');
  res.status(status).json(parsed);
}
