import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { V1ChatClient, v1EndpointOf } from './v1-chat-client.ts';

/**
 * v1 is the agency's n8n workflow, not part of this product: a small stand-in
 * speaking its documented v1 format (`POST /webhook/chat`) records what the
 * widget sends and answers like v1.
 */
describe('V1ChatClient speaks v1’s own format', () => {
  let server: Server;
  let baseUrl: string;
  const received: Array<{ url: string; body: Record<string, unknown> }> = [];

  const readBody = async (request: IncomingMessage) => {
    let text = '';
    for await (const chunk of request) text += chunk;
    return JSON.parse(text) as Record<string, unknown>;
  };

  beforeAll(async () => {
    server = createServer(async (request, response) => {
      const body = await readBody(request);
      received.push({ url: request.url ?? '', body });
      response.setHeader('Content-Type', 'application/json');
      if (String(body.message).includes('panne')) {
        response.statusCode = 500;
        response.end(JSON.stringify({ message: 'Workflow error' }));
        return;
      }
      const agentType = String(body.message).includes('Instagram') ? 'creation' : 'automation';
      response.end(
        JSON.stringify({ response: `Réponse v1 à : ${String(body.message)}`, agentType, conversationId: body.conversationId, timestamp: new Date().toISOString(), loopDetected: false }),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise((resolve) => server.close(resolve)));

  const outgoing = (text: string) => ({
    userId: 'user-1',
    conversationId: '6f1c0a52-3c55-4b7e-9a43-3f1f1b0c9d10',
    text,
    idempotencyKey: 'key-1',
    sentAt: '2026-11-01T10:00:00.000Z',
  });

  it('posts {conversationId, userId, message, timestamp} to /webhook/chat and maps agentType to the agent', async () => {
    const client = new V1ChatClient({ v1Url: baseUrl });
    const automation = await client.send(outgoing('Mon tunnel Kajabi'));
    expect(automation).toEqual({ text: 'Réponse v1 à : Mon tunnel Kajabi', agent: 'audrey', escalated: false, sourceTitles: [] });
    const creation = await client.send(outgoing('Un Reel Instagram'));
    expect(creation.agent).toBe('carole');
    expect(received[0]).toEqual({
      url: '/webhook/chat',
      body: { conversationId: '6f1c0a52-3c55-4b7e-9a43-3f1f1b0c9d10', userId: 'user-1', message: 'Mon tunnel Kajabi', timestamp: '2026-11-01T10:00:00.000Z' },
    });
  });

  it('does not retry a failed v1 POST by itself (v1 has no idempotency key)', async () => {
    const before = received.length;
    await expect(new V1ChatClient({ v1Url: `${baseUrl}/webhook/chat` }).send(outgoing('une panne'))).rejects.toMatchObject({ status: 500 });
    expect(received.length - before).toBe(1);
  });

  it('keeps a v1 URL with a path as given', () => {
    expect(v1EndpointOf('https://n8n.example')).toBe('https://n8n.example/webhook/chat');
    expect(v1EndpointOf('https://n8n.example/webhook/abc-123')).toBe('https://n8n.example/webhook/abc-123');
  });
});
