import net from 'node:net';

/** One connection through the proxy: the client's socket and the proxy's socket to the target. */
export interface ProxiedConnection {
  client: net.Socket;
  upstream: net.Socket;
}

export interface TcpTestProxy {
  /** `redis://127.0.0.1:<port>`-style address of the proxy, for the protocol given. */
  url(protocol: string): string;
  /** Connections accepted since the start. */
  accepted(): number;
  connections(): readonly ProxiedConnection[];
  close(): Promise<void>;
}

/**
 * A TCP proxy for tests that play a network fault between a client and a real server (Redis,
 * Postgres): each chunk goes through `relay`, which may pass it (`forward()`), hold it, delay it or
 * drop it. Without a relay, bytes flow both ways unchanged.
 */
export async function startTcpTestProxy(
  target: { host: string; port: number },
  relay: (connection: ProxiedConnection, direction: 'to_server' | 'to_client', chunk: Buffer, forward: () => void) => void = (_c, _d, _chunk, forward) => forward(),
): Promise<TcpTestProxy> {
  const connections: ProxiedConnection[] = [];
  let accepted = 0;
  const server = net.createServer((client) => {
    accepted += 1;
    const upstream = net.connect(target.port, target.host);
    const connection = { client, upstream };
    connections.push(connection);
    client.on('data', (chunk: Buffer) => relay(connection, 'to_server', chunk, () => upstream.destroyed || upstream.write(chunk)));
    upstream.on('data', (chunk: Buffer) => relay(connection, 'to_client', chunk, () => client.destroyed || client.write(chunk)));
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    url: (protocol) => `${protocol}://127.0.0.1:${port}`,
    accepted: () => accepted,
    connections: () => connections,
    close: async () => {
      for (const { client, upstream } of connections) {
        client.destroy();
        upstream.destroy();
      }
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * A proxy whose replies from the server come in `sliceBytes` slices `gapMs` apart on each
 * connection (Toxiproxy's `slicer`), bytes in order; requests pass at once. A handshake of
 * several round trips then takes several gaps, each one well within a per-round-trip deadline.
 */
export function startSlicingTcpTestProxy(target: { host: string; port: number }, options: { sliceBytes: number; gapMs: number }): Promise<TcpTestProxy> {
  const lastSliceAt = new WeakMap<ProxiedConnection, number>();
  return startTcpTestProxy(target, (connection, direction, chunk, forward) => {
    if (direction === 'to_server') {
      forward();
      return;
    }
    for (let offset = 0; offset < chunk.length; offset += options.sliceBytes) {
      const piece = chunk.subarray(offset, offset + options.sliceBytes);
      const sendAt = Math.max(Date.now(), (lastSliceAt.get(connection) ?? 0) + options.gapMs);
      lastSliceAt.set(connection, sendAt);
      setTimeout(() => connection.client.destroyed || connection.client.write(piece), sendAt - Date.now());
    }
  });
}

/**
 * A relay for startTcpTestProxy: each reply (server to client) leaves `delayMs()` after it came (read
 * when it comes), and a connection's replies leave in the order they came. One timer per chunk
 * could reorder them: timers of different durations due the same millisecond fire in no set order,
 * and a reply out of order gives a client another command's answer.
 */
export function repliesDelayedInOrder(delayMs: () => number) {
  const sent = new WeakMap<ProxiedConnection, Promise<void>>();
  return (connection: ProxiedConnection, direction: 'to_server' | 'to_client', _chunk: Buffer, forward: () => void): void => {
    if (direction === 'to_server') return forward();
    const dueAt = Date.now() + delayMs();
    const previous = sent.get(connection) ?? Promise.resolve();
    sent.set(
      connection,
      previous.then(() => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, dueAt - Date.now())))).then(forward),
    );
  };
}
