import { HttpStatusError } from './chat-client-errors.ts';
import { replyFromV1Response, type ChatReply } from './chat-reply.ts';
import { requestJson } from './http-json-request.ts';
import type { OutgoingMessage } from './v2-chat-client.ts';

/**
 * v1 (n8n) in its own format: `POST /webhook/chat` with
 * `{conversationId, userId, message, timestamp}`, answered synchronously with
 * `{response, agentType: 'creation'|'automation', conversationId, timestamp, loopDetected}`.
 *
 * v1 knows no Idempotency-Key, so a POST is never retried automatically (a retry
 * could answer the same message twice); the visitor retries by hand.
 */
export class V1ChatClient {
  readonly endpointUrl: string;

  constructor(options: { v1Url: string }) {
    this.endpointUrl = v1EndpointOf(options.v1Url);
  }

  async send(message: OutgoingMessage, signal?: AbortSignal): Promise<ChatReply> {
    const response = await requestJson(this.endpointUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        conversationId: message.conversationId,
        userId: message.userId,
        message: message.text,
        timestamp: message.sentAt,
      }),
      timeoutMs: 90_000,
      signal,
    });
    const reply = replyFromV1Response(response.body);
    if (!reply) throw new HttpStatusError({ status: response.status, code: 'unexpected_response' });
    return reply;
  }
}

/** `https://n8n.example/` → `https://n8n.example/webhook/chat`; a URL with a path is used as given. */
export function v1EndpointOf(v1Url: string): string {
  const url = new URL(v1Url, typeof location === 'undefined' ? undefined : location.href);
  if (url.pathname === '/' || url.pathname === '') url.pathname = '/webhook/chat';
  return url.toString();
}
