import type { IncomingMessage, ServerResponse } from 'node:http';
import type { BehaviourQueue, RecordedRequest, ScriptedBehaviour } from './scripted-behaviour.ts';
import { handleControlRequest } from './standin-control.ts';
import {
  clientGone,
  parseJsonOrNull,
  readRequestBody,
  sendJson,
  sendMalformedJson,
  stallUntilClientCloses,
  waitUnlessClosed,
} from './http-helpers.ts';

/** Answers an error in the vendor's error body (OpenAI's `{error: {...}}`, Cohere's `{message}`). */
export type SendVendorError = (response: ServerResponse, status: number, message: string, headers?: Record<string, string>) => void;

/** A request to one of a stand-in's vendor routes, read and recorded. */
export interface ReceivedStandinRequest {
  kind: RecordedRequest['kind'];
  path: string;
  body: Record<string, unknown> | null;
  model: string | null;
}

/**
 * What every stand-in does first with a request: answers its control API, reads the JSON body and
 * records the request (its kind named from the path), and refuses a wrong API key with the vendor's
 * 401. Null when the request is answered here.
 */
export async function receiveStandinRequest(
  request: IncomingMessage,
  response: ServerResponse,
  server: {
    state: { queue: BehaviourQueue; requests: RecordedRequest[]; defaults: { expectedApiKey: string | null } };
    kindOfPath(path: string): RecordedRequest['kind'];
    sendVendorError: SendVendorError;
    unauthorizedMessage: string;
  },
): Promise<ReceivedStandinRequest | null> {
  if (await handleControlRequest(request, response, server.state)) return null;
  const path = (request.url ?? '').split('?')[0] ?? '';
  const body = parseJsonOrNull(await readRequestBody(request)) as Record<string, unknown> | null;
  const kind = server.kindOfPath(path);
  const model = typeof body?.model === 'string' ? body.model : null;
  server.state.requests.push({ kind, method: request.method ?? '', path, headers: request.headers, body, model, receivedAt: Date.now() });
  const { expectedApiKey } = server.state.defaults;
  if (expectedApiKey !== null && request.headers.authorization !== `Bearer ${expectedApiKey}`) {
    server.sendVendorError(response, 401, server.unauthorizedMessage);
    return null;
  }
  return { kind, path, body, model };
}

/**
 * The part of a scripted behaviour every stand-in plays alike: a stall holds the request until the
 * client leaves; otherwise, after `latencyMs`, nothing when the client has gone, else the scripted
 * error status (in the vendor's error body), a body that is not JSON, or valid JSON of the wrong
 * shape. True when the request is settled here. A streamed answer (`streamed`) breaks its own
 * stream, so malformed and wrong-shape bodies are left to it.
 */
export async function settledByScriptedBehaviour(
  request: IncomingMessage,
  response: ServerResponse,
  behaviour: ScriptedBehaviour,
  options: { latencyMs: number; sendVendorError: SendVendorError; streamed?: boolean },
): Promise<boolean> {
  const headers = behaviour.headers ?? {};
  if (behaviour.stall) {
    await stallUntilClientCloses(request, response);
    return true;
  }
  await waitUnlessClosed(options.latencyMs, response);
  if (clientGone(response)) return true;
  if (behaviour.status !== undefined && behaviour.status >= 400) {
    options.sendVendorError(response, behaviour.status, behaviour.errorMessage ?? `scripted error ${behaviour.status}`, headers);
    return true;
  }
  if (options.streamed) return false;
  if (behaviour.malformedJson) {
    sendMalformedJson(response, headers);
    return true;
  }
  if (behaviour.wrongShapeBody !== undefined) {
    sendJson(response, 200, behaviour.wrongShapeBody, headers);
    return true;
  }
  return false;
}
