import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { RedisClient } from '../redis/redis-connection.ts';
import type { AppConfig } from '../config/config.ts';
import type { Logger } from '../logging/logger.ts';
import type { RedisKeys } from '../redis/redis-keys.ts';

/**
 * Conversation tokens (docs/security.md): `ct1.` + base64url(HMAC-SHA256(secret, conversation id)),
 * 256 bits. Nothing is stored per token: any API process holding the secret issues and checks
 * them, in every database mode. Rotation: tokens signed with a former secret
 * (CONVERSATION_TOKEN_PREVIOUS_SECRETS) stay valid; new ones are signed with the current secret.
 */

const TOKEN_VERSION = 'ct1.';
/** Domain separation: the same secret could never produce another kind of signature by accident. */
const SIGNED_CONTEXT = 'lac-conversation-token\u0000';
/** An HMAC-SHA256 in unpadded base64url: 43 characters. */
const CANONICAL_SIGNATURE = /^[A-Za-z0-9_-]{43}$/;

export class ConversationTokens {
  private readonly current: Buffer;
  private readonly accepted: readonly Buffer[];

  constructor(secrets: { current: string; previous?: readonly string[] }) {
    if (secrets.current.length < 32) throw new RangeError('a conversation token secret must be at least 32 characters');
    this.current = Buffer.from(secrets.current, 'utf8');
    this.accepted = [this.current, ...(secrets.previous ?? []).map((secret) => Buffer.from(secret, 'utf8'))];
  }

  /** The token of a conversation (always the same for one id and one current secret). */
  issue(conversationId: string): string {
    return TOKEN_VERSION + this.sign(this.current, conversationId).toString('base64url');
  }

  /** True when `token` is the token of this conversation under the current or a former secret (constant time). */
  verify(conversationId: string, token: string): boolean {
    if (!token.startsWith(TOKEN_VERSION)) return false;
    const encoded = token.slice(TOKEN_VERSION.length);
    // Only the token as issued: Node's decoder also takes padding, `+` and `/`, and several last characters for the same bytes.
    if (!CANONICAL_SIGNATURE.test(encoded)) return false;
    const presented = Buffer.from(encoded, 'base64url');
    if (presented.toString('base64url') !== encoded) return false;
    let matches = false;
    for (const secret of this.accepted) {
      const expected = this.sign(secret, conversationId);
      // Every secret is tried (no early exit), and only equal-length buffers are compared.
      if (presented.length === expected.length && timingSafeEqual(presented, expected)) matches = true;
    }
    return matches;
  }

  private sign(secret: Buffer, conversationId: string): Buffer {
    return createHmac('sha256', secret).update(SIGNED_CONTEXT).update(conversationId, 'utf8').digest();
  }
}

/**
 * The secrets of the deployment: CONVERSATION_TOKEN_SECRET when set; otherwise one generated once
 * (256 random bits) and kept in Redis under the stack's prefix, so that every API process of the
 * stack signs with the same key without any setting. Former secrets come from
 * CONVERSATION_TOKEN_PREVIOUS_SECRETS (comma-separated).
 */
export async function loadConversationTokens(options: {
  config: Pick<AppConfig, 'CONVERSATION_TOKEN_SECRET' | 'CONVERSATION_TOKEN_PREVIOUS_SECRETS' | 'NODE_ENV'>;
  redis: RedisClient;
  keys: RedisKeys;
  logger: Logger;
}): Promise<ConversationTokens> {
  const { config } = options;
  const previous = (config.CONVERSATION_TOKEN_PREVIOUS_SECRETS ?? '')
    .split(',')
    .map((secret) => secret.trim())
    .filter((secret) => secret.length > 0);
  if (config.CONVERSATION_TOKEN_SECRET !== undefined) {
    return new ConversationTokens({ current: config.CONVERSATION_TOKEN_SECRET, previous });
  }
  const key = options.keys.conversationTokenSecret();
  // Read while the API starts: its connection then waits API_STARTUP_COMMAND_TIMEOUT_MS per command.
  await options.redis.set(key, randomBytes(32).toString('hex'), 'NX');
  const stored = await options.redis.get(key);
  if (stored === null) throw new Error('the generated conversation token secret vanished from Redis');
  if (config.NODE_ENV === 'production') {
    options.logger.warn('CONVERSATION_TOKEN_SECRET is not set: using the secret generated in Redis (tokens die with it)');
  }
  return new ConversationTokens({ current: stored, previous });
}
