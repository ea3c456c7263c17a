import type { IncomingMessage, ServerResponse } from 'node:http';
import type { BehaviourQueue, RecordedRequest, ScriptedBehaviour } from './scripted-behaviour.ts';
import { parseJsonOrNull, readRequestBody, sendJson } from './http-helpers.ts';

/**
 * The control API shared by the stand-ins (for scripting them from another process):
 *
 * - `POST /__control/enqueue`  body `{ "behaviours": ScriptedBehaviour[] }`: queue behaviours;
 * - `PUT  /__control/defaults` body: partial defaults of the server (latencies, ...);
 * - `POST /__control/reset`: clear the queue and the request log;
 * - `GET  /__control/requests`: the requests received, oldest first.
 *
 * Returns true when the request was a control request (and was answered).
 */
export async function handleControlRequest<Defaults extends object>(
  request: IncomingMessage,
  response: ServerResponse,
  state: { queue: BehaviourQueue; requests: RecordedRequest[]; defaults: Defaults },
): Promise<boolean> {
  const path = (request.url ?? '').split('?')[0] ?? '';
  if (!path.startsWith('/__control/')) return false;
  const body = request.method === 'GET' ? null : parseJsonOrNull(await readRequestBody(request));
  if (path === '/__control/enqueue' && request.method === 'POST') {
    const behaviours = (body as { behaviours?: ScriptedBehaviour[] } | null)?.behaviours;
    if (!Array.isArray(behaviours)) {
      sendJson(response, 400, { error: { message: 'expected {"behaviours": [...]}' } });
      return true;
    }
    state.queue.enqueue(...behaviours);
    sendJson(response, 200, { queued: behaviours.length, pending: state.queue.pending });
    return true;
  }
  if (path === '/__control/defaults' && request.method === 'PUT') {
    Object.assign(state.defaults, body ?? {});
    sendJson(response, 200, { defaults: state.defaults });
    return true;
  }
  if (path === '/__control/reset' && request.method === 'POST') {
    state.queue.clear();
    state.requests.length = 0;
    sendJson(response, 200, { reset: true });
    return true;
  }
  if (path === '/__control/requests' && request.method === 'GET') {
    sendJson(response, 200, { requests: state.requests });
    return true;
  }
  sendJson(response, 404, { error: { message: `unknown control endpoint ${request.method} ${path}` } });
  return true;
}
