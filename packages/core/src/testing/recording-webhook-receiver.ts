import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the receiver read in full; `answeredAt` is unset while its answer is held back. */
export interface ReceivedWebhookRequest {
  headers: IncomingHttpHeaders;
  body: string;
  receivedAt: number;
  answeredAt?: number;
}

/**
 * For tests: a local HTTP server standing for the team's webhook receiver. It records every request
 * it reads in full and answers 200, the first `answerDelaysMs.length` requests only after their
 * delay (a slow receiver: the request is received, its answer is late).
 */
export async function startRecordingWebhookReceiver(options: { answerDelaysMs?: readonly number[] } = {}) {
  const received: ReceivedWebhookRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const record: ReceivedWebhookRequest = { headers: request.headers, body: Buffer.concat(chunks).toString('utf8'), receivedAt: Date.now() };
      const delayMs = options.answerDelaysMs?.[received.length] ?? 0;
      received.push(record);
      const answer = () => {
        record.answeredAt = Date.now();
        response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      };
      if (delayMs <= 0) return answer();
      const timer = setTimeout(() => {
        timers.delete(timer);
        answer();
      }, delayMs);
      timers.add(timer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    /** The requests carrying `header` = `value` (an escalation's or an event's id). */
    receivedWith: (header: string, value: string) => received.filter((request) => request.headers[header] === value),
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
