import type { ChatSubmitter } from '../chat-submitter.ts';

/** Tests: submits one message of a visitor and returns its job id; a refused submit throws. */
export async function submitAcceptedMessage(submitter: Pick<ChatSubmitter, 'submit'>, conversationId: string, message: string): Promise<string> {
  const outcome = await submitter.submit({ user_id: 'u', conversation_id: conversationId, message }, { requestId: 'req' });
  if (outcome.kind !== 'accepted') throw new Error(`submit refused: ${outcome.kind}`);
  return outcome.jobId;
}
