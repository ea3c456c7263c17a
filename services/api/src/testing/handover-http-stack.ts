import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { createLogger, type ChatPipeline, type ConversationStore } from '@lac/core';
import { startTestApi, startTestDatabase, type TestApi } from './api-test-harness.ts';
import { ServerSentEventsReader } from './server-sent-events-reader.ts';
import { createLocalAgentsPipeline } from './local-agents-pipeline.ts';

/**
 * The hand-over at the HTTP level, on the real stack (API, queue engine, worker, PGlite, Redis) with
 * the real agents' pipeline in local mode, a webhook receiver recording every call, and the clients
 * the hand-over tests drive it with: a visitor (posts with the conversation's token, reads, streams)
 * and an operator (the admin routes with Basic auth). `agentRuns` counts the agents' pipeline runs:
 * while a person holds a conversation it must not move.
 */

export const HANDOVER_ADMIN = { user: 'admin', password: 'operator-secret' };
export const HANDOVER_WEBHOOK_SECRET = 'handover-webhook-secret';
export const handoverAdminAuthorization = `Basic ${Buffer.from(`${HANDOVER_ADMIN.user}:${HANDOVER_ADMIN.password}`).toString('base64')}`;

/** A message the router hands to a person, and one an agent answers. */
export const ESCALATING = "Je veux parler à quelqu'un de l'équipe";
export const KAJABI = 'Comment automatiser mes emails avec Kajabi ?';

/** `replayed`: the `Idempotent-Replayed` header (an operator call's answer), null when absent. */
export type HttpReply = { status: number; body: any; replayed?: string | null };

/** A visitor of one conversation: posts (waiting for the answer by default) with the conversation's token. */
export interface HandoverVisitor {
  conversationId: string;
  authorization(): Record<string, string>;
  post(message: string, wait?: number): Promise<HttpReply>;
  get(path: string): Promise<HttpReply>;
  stream(lastEventId?: string): Promise<{ status: number; reader: ServerSentEventsReader | undefined }>;
}

export interface HandoverHttpStack {
  readonly api: TestApi;
  /** The agents' pipeline runs so far. */
  readonly agentRuns: number;
  readonly webhookCalls: ReadonlyArray<{ headers: IncomingMessage['headers']; body: string }>;
  visitor(conversationId?: string): HandoverVisitor;
  /** An operator's call to `/admin/conversations<path>`. */
  admin(method: 'GET' | 'POST', path: string, body?: unknown, headers?: Record<string, string>): Promise<HttpReply>;
  close(): Promise<void>;
}

/** Starts the stack under a Redis prefix and database of its own (`name` tells test files apart). */
export async function startHandoverHttpStack(name: string): Promise<HandoverHttpStack> {
  const webhookCalls: Array<{ headers: IncomingMessage['headers']; body: string }> = [];
  const webhook: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      webhookCalls.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => webhook.listen(0, '127.0.0.1', resolve));
  const database = await startTestDatabase(createLogger({ level: 'silent' }));
  let agentRuns = 0;
  const countingLocalPipeline = (conversations: ConversationStore, config: TestApi['config'], logger: ReturnType<typeof createLogger>): ChatPipeline =>
    createLocalAgentsPipeline({ pool: database.pool, conversations, config, logger, onRun: () => (agentRuns += 1) });
  const api = await startTestApi({
    name,
    database,
    env: {
      ADMIN_PASSWORD: HANDOVER_ADMIN.password,
      HANDOVER_OPERATOR_WAIT_SECONDS: '2',
      RATE_LIMIT_MESSAGES: '100',
      ESCALATION_WEBHOOK_URL: `http://127.0.0.1:${(webhook.address() as AddressInfo).port}/hooks`,
      ESCALATION_WEBHOOK_SECRET: HANDOVER_WEBHOOK_SECRET,
      ESCALATION_DELIVERY_BACKOFF_MS: '50',
    },
    handover: { agentsPipeline: countingLocalPipeline },
  });

  return {
    api,
    get agentRuns() {
      return agentRuns;
    },
    webhookCalls,
    visitor: (conversationId = `conv-${randomUUID()}`) => handoverVisitor(api.baseUrl, conversationId),
    async admin(method, path, body, headers = {}) {
      const response = await fetch(`${api.baseUrl}/admin/conversations${path}`, {
        method,
        headers: { authorization: handoverAdminAuthorization, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: response.status, body: await response.json(), replayed: response.headers.get('idempotent-replayed') };
    },
    async close() {
      await api.close();
      await database.stop();
      await new Promise<void>((resolve) => webhook.close(() => resolve()));
    },
  };
}

/** A visitor of the API at `baseUrl` in one conversation: posts with the conversation's token once it has one, reads and streams it. */
export function handoverVisitor(baseUrl: string, conversationId: string): HandoverVisitor {
  let token: string | undefined;
  const authorization = (): Record<string, string> => (token ? { authorization: `Bearer ${token}` } : {});
  const conversationUrl = `${baseUrl}/api/v2/conversations/${encodeURIComponent(conversationId)}`;
  return {
    conversationId,
    authorization,
    async post(message, wait = 15) {
      const response = await fetch(`${baseUrl}/api/v2/chat`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(wait > 0 ? { prefer: `wait=${wait}` } : {}), ...authorization() },
        body: JSON.stringify({ user_id: `user-${conversationId}`, conversation_id: conversationId, message }),
      });
      const body = (await response.json()) as any;
      if (typeof body.conversation_token === 'string') token = body.conversation_token;
      return { status: response.status, body };
    },
    async get(path) {
      const response = await fetch(`${conversationUrl}${path}`, { headers: authorization() });
      return { status: response.status, body: response.status === 204 ? null : await response.json() };
    },
    async stream(lastEventId) {
      const response = await fetch(`${conversationUrl}/events`, {
        headers: { accept: 'text/event-stream', ...authorization(), ...(lastEventId ? { 'last-event-id': lastEventId } : {}) },
      });
      return { status: response.status, reader: response.body ? new ServerSentEventsReader(response.body) : undefined };
    },
  };
}

/**
 * The next event the predicate accepts. The "waiting" notice (author system) may land at any time
 * once HANDOVER_OPERATOR_WAIT_SECONDS (2 s here) pass without a join, earlier than a slow machine
 * reaches the next step: the message predicates of the tests skip it.
 */
export async function nextEventOf(reader: ServerSentEventsReader, predicate: (data: any, event: string) => boolean): Promise<any> {
  for (let event = await reader.next(); event !== undefined; event = await reader.next()) {
    if (predicate(event.data, event.event)) return { ...(event.data as object), _id: event.id };
  }
  throw new Error('stream ended before the expected event');
}
