import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** An incoming X-Request-Id is honoured when it is short and made of safe characters. */
const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export const REQUEST_ID_HEADER = 'X-Request-Id';

/**
 * pino-http `genReqId`: reuses a sane incoming `X-Request-Id`, else generates a UUID,
 * and echoes the id in the response header.
 */
export function requestIdFor(req: IncomingMessage, res: ServerResponse): string {
  const incoming = req.headers['x-request-id'];
  const candidate = Array.isArray(incoming) ? incoming[0] : incoming;
  const id = candidate !== undefined && SANE_REQUEST_ID.test(candidate) ? candidate : randomUUID();
  res.setHeader(REQUEST_ID_HEADER, id);
  return id;
}

export function isSaneRequestId(value: string): boolean {
  return SANE_REQUEST_ID.test(value);
}
