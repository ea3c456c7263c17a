import { describe, expect, it } from 'vitest';
import { startTestApiAroundTests } from '../../../../services/api/src/testing/test-api-around-tests.ts';
import { installHappyDomGlobals } from '../testing/happy-dom-globals.ts';
import { startFaultInjectingProxy } from '../testing/fault-injecting-proxy.ts';
import { NetworkError } from '../client/chat-client-errors.ts';
import { V2ChatClient, type OutgoingMessage } from '../client/v2-chat-client.ts';

/**
 * The first post of a conversation lost its answer (a reload on a slow connection, cut here by a
 * proxy after the API stored it): the token was in that answer. The post is kept on the device and
 * a widget loaded without the token sends it again with its Idempotency-Key: the same job, the token,
 * the message stored once. Against the real API (its scripted test pipeline).
 */
installHappyDomGlobals('http://localhost:3000/');
const { TokenGatedSubmit } = await import('./token-gated-submit.ts');
const { tokenClaimingPostToResend } = await import('./token-claiming-post.ts');
const { markConversationSent, readConversationToken, writeStored, CONVERSATION_ID_STORAGE_KEY } = await import('./visitor-identity.ts');

describe('the first post of a conversation whose answer was lost', () => {
  const stack = startTestApiAroundTests({ name: 'token-claiming-post', env: { ALLOWED_ORIGINS: '*' } });
  const noRetry = { attempts: 1, baseDelayMs: 10, maxDelayMs: 10 };

  it('is kept, sent again after a reload with its key, and brings back the token and the same job, stored once', async () => {
    const proxy = await startFaultInjectingProxy({ targetPort: Number(new URL(stack.api.baseUrl).port), requestLinePrefix: 'POST /api/v2/chat ', dropResponses: 1 });
    try {
      const conversationId = `conv-${crypto.randomUUID()}`;
      writeStored(CONVERSATION_ID_STORAGE_KEY, conversationId);
      const message: OutgoingMessage = { userId: 'visitor-slow-phone', conversationId, text: 'Ma première question, sur Kajabi', idempotencyKey: crypto.randomUUID(), sentAt: new Date().toISOString() };
      const lostAnswer = new TokenGatedSubmit(new V2ChatClient({ apiBaseUrl: proxy.url, submitBackoff: noRetry }));
      await expect(lostAnswer.submit(message)).rejects.toBeInstanceOf(NetworkError);
      expect(proxy.matchingRequests).toHaveLength(1); // it reached the API
      expect(readConversationToken(conversationId)).toBeUndefined();

      // The page loaded again: the post to send again is the very same one.
      const toResend = tokenClaimingPostToResend(conversationId, message.userId);
      expect(toResend).toEqual(message);
      const client = new V2ChatClient({ apiBaseUrl: stack.api.baseUrl, submitBackoff: noRetry });
      const job = await new TokenGatedSubmit(client).submit(toResend!);
      const token = readConversationToken(conversationId);
      expect(token).toMatch(/^ct1\./);
      expect(tokenClaimingPostToResend(conversationId, message.userId)).toBeUndefined(); // answered: forgotten
      await client.waitForReply(job);
      const history = await client.loadHistory(conversationId, token);
      expect(history.filter((entry) => entry.role === 'user').map((entry) => entry.text)).toEqual([message.text]);
      expect(history.filter((entry) => entry.role === 'assistant')).toHaveLength(1);
      // Another visitor's id never gets it.
      markConversationSent(conversationId);
      expect(tokenClaimingPostToResend(conversationId, 'someone-else')).toBeUndefined();
    } finally {
      await proxy.close();
    }
  });
});
