import type { OutgoingMessage, SubmittedJob, V2ChatClient } from '../client/v2-chat-client.ts';
import { isRetryableRequestError, RateLimitedError } from '../client/chat-client-errors.ts';
import { forgetTokenClaimingPost, rememberTokenClaimingPost } from './token-claiming-post.ts';
import { markConversationSent, readConversationToken, storeConversationToken } from './visitor-identity.ts';

/**
 * Sends a visitor message with its conversation's token (docs/security.md). Only one post of a
 * conversation without a token is in flight at a time: the first one gets the token (kept beside the
 * conversation id), the messages typed meanwhile wait for it. That first post is kept on the device
 * until its answer comes back or the message is refused (token-claiming-post.ts): a reload meanwhile sends it again.
 */
export class TokenGatedSubmit {
  private tokenClaim: Promise<unknown> | undefined;

  constructor(private readonly client: V2ChatClient) {}

  async submit(message: OutgoingMessage): Promise<SubmittedJob> {
    let token = readConversationToken(message.conversationId);
    if (token === undefined && this.tokenClaim !== undefined) {
      await this.tokenClaim.catch(() => undefined);
      token = readConversationToken(message.conversationId);
    }
    if (token === undefined) rememberTokenClaimingPost(message);
    markConversationSent(message.conversationId);
    const submission = this.client.submit({ ...message, ...(token ? { conversationToken: token } : {}) }).then(
      (job) => {
        if (job.conversationToken) storeConversationToken(message.conversationId, job.conversationToken);
        if (token === undefined) forgetTokenClaimingPost(message.conversationId);
        return job;
      },
      (error: unknown) => {
        // Held to be sent again (the network, the server busy, the rate limit): kept; refused for good: forgotten.
        if (token === undefined && !isRetryableRequestError(error) && !(error instanceof RateLimitedError)) forgetTokenClaimingPost(message.conversationId);
        throw error;
      },
    );
    if (token === undefined) this.tokenClaim = submission;
    try {
      return await submission;
    } finally {
      if (this.tokenClaim === submission) this.tokenClaim = undefined;
    }
  }
}
