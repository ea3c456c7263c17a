import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';

/** What the visitor writes first: a request for a person, which the agents escalate. */
export const ESCALATING = "Je veux parler à quelqu'un de l'équipe";

/**
 * A visitor of the API at `baseUrl` who asked for a person (the agents escalated: the case waits in
 * the inbox); `say` posts their next message with the conversation token.
 */
export async function escalatedVisitor(baseUrl: string, prefix: string) {
  const conversationId = `${prefix}-${randomUUID()}`;
  const post = (message: string, token?: string) =>
    fetch(`${baseUrl}/api/v2/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', prefer: 'wait=15', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ user_id: `user-${conversationId}`, conversation_id: conversationId, message }),
    });
  const body = (await (await post(ESCALATING)).json()) as { conversation_token: string; result: { agent: string } };
  expect(body.result.agent).toBe('escalate');
  return { conversationId, say: async (message: string) => expect((await post(message, body.conversation_token)).ok).toBe(true) };
}
