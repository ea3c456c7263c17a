import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The signature of an escalation webhook request (documented in docs/escalation.md):
 *
 *   X-Lac-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>
 *
 * The timestamp is signed with the body, so a captured request cannot be replayed later than the
 * receiver's tolerance. Receivers recompute the HMAC over the raw bytes of the body (before any
 * JSON parsing) and compare in constant time.
 */

export const ESCALATION_SIGNATURE_HEADER = 'X-Lac-Signature';
/** Default tolerance of `verifyEscalationSignature` between the signed time and now. */
export const DEFAULT_SIGNATURE_TOLERANCE_SECONDS = 300;

export function escalationSignatureDigest(secret: string, timestampSeconds: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestampSeconds}.${body}`, 'utf8').digest('hex');
}

/** The header value for `body` signed at `timestampSeconds`. */
export function signEscalationBody(secret: string, body: string, timestampSeconds: number = Math.floor(Date.now() / 1000)): string {
  return `t=${timestampSeconds},v1=${escalationSignatureDigest(secret, timestampSeconds, body)}`;
}

export type SignatureVerification =
  | { valid: true; timestampSeconds: number }
  | { valid: false; reason: 'missing' | 'malformed' | 'expired' | 'mismatch' };

/** Checks a received header against the raw body (for receivers, and our tests). Several v1 values may be sent. */
export function verifyEscalationSignature(
  header: string | undefined,
  body: string,
  secret: string,
  options: { toleranceSeconds?: number; nowSeconds?: number } = {},
): SignatureVerification {
  if (header === undefined || header.trim() === '') return { valid: false, reason: 'missing' };
  let timestampSeconds: number | undefined;
  const candidates: string[] = [];
  for (const part of header.split(',')) {
    const [key, value] = part.trim().split('=', 2);
    if (key === 't' && value !== undefined && /^\d{1,12}$/.test(value)) timestampSeconds = Number(value);
    else if (key === 'v1' && value !== undefined && /^[0-9a-f]{64}$/i.test(value)) candidates.push(value.toLowerCase());
  }
  if (timestampSeconds === undefined || candidates.length === 0) return { valid: false, reason: 'malformed' };
  const now = options.nowSeconds ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - timestampSeconds) > (options.toleranceSeconds ?? DEFAULT_SIGNATURE_TOLERANCE_SECONDS)) {
    return { valid: false, reason: 'expired' };
  }
  const expected = Buffer.from(escalationSignatureDigest(secret, timestampSeconds, body), 'hex');
  const matches = candidates.some((candidate) => timingSafeEqual(Buffer.from(candidate, 'hex'), expected));
  return matches ? { valid: true, timestampSeconds } : { valid: false, reason: 'mismatch' };
}
