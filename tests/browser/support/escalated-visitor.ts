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
  const body = (await (await post(ESCALATING)).json()) as { conversation_token: string; poll_url: string; result?: { agent: string } };
  expect((await finishedResult(baseUrl, body)).agent).toBe('escalate');
  return { conversationId, say: async (message: string) => expect((await post(message, body.conversation_token)).ok).toBe(true) };
}

/**
 * The job's result: the answer's own when it came within `Prefer: wait`, else read by long-polling the job (on a loaded
 * machine the escalation can take longer than the wait: the 202 had no result and the test read `undefined.agent`).
 */
async function finishedResult(baseUrl: string, body: { poll_url: string; result?: { agent: string } }): Promise<{ agent: string }> {
  if (body.result !== undefined) return body.result;
  for (let attempt = 0; attempt < 4; attempt += 1) {
    const job = (await (await fetch(`${baseUrl}${body.poll_url}?wait=30`)).json()) as { status: string; result?: { agent: string } };
    if (job.status === 'completed' && job.result !== undefined) return job.result;
    if (job.status === 'failed') throw new Error(`the escalating message's job failed: ${JSON.stringify(job)}`);
  }
  throw new Error('the escalating message was not answered within two minutes');
}
