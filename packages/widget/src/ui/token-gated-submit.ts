import type { OutgoingMessage, SubmittedJob, V2ChatClient } from '../client/v2-chat-client.ts';
import { markConversationSent, readConversationToken, storeConversationToken } from './visitor-identity.ts';

/**
 * Sends a visitor message with its conversation's token (docs/security.md). Only one post of a
 * conversation without a token is in flight at a time: the first one gets the token (kept beside the
 * conversation id), the messages typed meanwhile wait for it.
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
    markConversationSent(message.conversationId);
    const submission = this.client.submit({ ...message, ...(token ? { conversationToken: token } : {}) }).then((job) => {
      if (job.conversationToken) storeConversationToken(message.conversationId, job.conversationToken);
      return job;
    });
    if (token === undefined) this.tokenClaim = submission;
    try {
      return await submission;
    } finally {
      if (this.tokenClaim === submission) this.tokenClaim = undefined;
    }
  }
}
