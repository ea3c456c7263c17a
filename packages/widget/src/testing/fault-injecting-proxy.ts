import { createServer, connect, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy in front of a real server that loses answers on purpose: the first
 * `dropResponses` requests matching `requestLinePrefix` reach the server, then the
 * client's connection is cut before any byte of the answer comes back (the
 * "request made it, response lost" case that idempotency keys exist for), or, with
 * `fault: 'hold'`, the answer is held back until the server ends it (a proxy that buffers).
 * Records every matching request as received, for assertions.
 */
export interface FaultInjectingProxy {
  url: string;
  /** Raw text of each matching request the proxy saw, in order. */
  matchingRequests: string[];
  close(): Promise<void>;
}

export async function startFaultInjectingProxy(options: {
  targetPort: number;
  requestLinePrefix: string;
  dropResponses: number;
  /** `drop` (default): the answer is cut; `hold`: it is kept back until the server closes (a buffering proxy). */
  fault?: 'drop' | 'hold';
}): Promise<FaultInjectingProxy> {
  let remainingDrops = options.dropResponses;
  const matchingRequests: string[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    sockets.add(client);
    const upstream = connect(options.targetPort, '127.0.0.1');
    sockets.add(upstream);
    let dropThisResponse = false;
    client.on('data', (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      if (text.startsWith(options.requestLinePrefix)) {
        matchingRequests.push(text);
        if (remainingDrops > 0) {
          remainingDrops -= 1;
          dropThisResponse = true;
        }
      } else if (matchingRequests.length > 0 && !/^[A-Z]+ \//.test(text)) {
        // Continuation of a request body sent in a second packet.
        matchingRequests[matchingRequests.length - 1] += text;
      }
      upstream.write(chunk);
    });
    const held: Buffer[] = [];
    upstream.on('data', (chunk: Buffer) => {
      if (dropThisResponse && options.fault === 'hold') {
        held.push(chunk);
        return;
      }
      if (dropThisResponse) {
        client.destroy();
        upstream.destroy();
        return;
      }
      client.write(chunk);
    });
    upstream.on('end', () => {
      if (held.length > 0 && !client.destroyed) client.end(Buffer.concat(held.splice(0)));
    });
    const closeBoth = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('close', closeBoth);
    upstream.on('close', closeBoth);
    client.on('error', closeBoth);
    upstream.on('error', closeBoth);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    matchingRequests,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Header value of a raw HTTP request text (case-insensitive name). */
export function headerOfRawRequest(rawRequest: string, name: string): string | undefined {
  const head = rawRequest.split('\r\n\r\n')[0] ?? '';
  for (const line of head.split('\r\n').slice(1)) {
    const separator = line.indexOf(':');
    if (separator > 0 && line.slice(0, separator).trim().toLowerCase() === name.toLowerCase()) return line.slice(separator + 1).trim();
  }
  return undefined;
}

export function bodyOfRawRequest(rawRequest: string): string {
  const separator = rawRequest.indexOf('\r\n\r\n');
  return separator < 0 ? '' : rawRequest.slice(separator + 4);
}
