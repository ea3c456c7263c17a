import { z } from 'zod';

/** A `?limit=` query parameter: a whole number from 1 to `max`, refused in French otherwise (400 naming `limit`). */
export function limitQuerySchema(max: number) {
  return z.coerce
    .number({ error: 'doit être un nombre entier' })
    .int({ error: 'doit être un nombre entier' })
    .min(1, { error: 'doit être au moins 1' })
    .max(max, { error: `ne doit pas dépasser ${max}` });
}
