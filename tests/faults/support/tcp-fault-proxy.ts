import net from 'node:net';

/**
 * A TCP proxy that injects network faults between a process and a dependency (Redis, Postgres),
 * as a fault-injection proxy such as Toxiproxy does in production drills:
 * - `pass`: bytes flow both ways;
 * - `hold`: connections stay open but no byte goes through in either direction (a black-holed
 *   network, Toxiproxy's `timeout` toxic with timeout 0); held bytes flow once it passes again;
 * - `reset`: every open connection is reset and new ones are reset at once (a dependency that
 *   restarts, Toxiproxy's `reset_peer`, or the proxy disabled);
 * - `latency(ms)`: every chunk is delayed by `ms` in both directions.
 * Only this proxy's own connections are touched: the dependency behind it is never disturbed.
 */

export type ProxyMode = { kind: 'pass' } | { kind: 'hold' } | { kind: 'reset' } | { kind: 'latency'; delayMs: number };

export interface TcpFaultProxy {
  port: number;
  /** Connections accepted since the start. */
  connectionsAccepted(): number;
  setMode(mode: ProxyMode): void;
  close(): Promise<void>;
}

interface Pair {
  client: net.Socket;
  upstream: net.Socket;
  /** Chunks held while the mode is `hold`, in order, per direction. */
  held: Array<{ to: net.Socket; chunk: Buffer }>;
}

export async function startTcpFaultProxy(target: { host: string; port: number }): Promise<TcpFaultProxy> {
  let mode: ProxyMode = { kind: 'pass' };
  let accepted = 0;
  const pairs = new Set<Pair>();

  const forward = (pair: Pair, to: net.Socket, chunk: Buffer) => {
    if (mode.kind === 'hold' || pair.held.length > 0) {
      // Keep the byte order: once something is held, everything after it waits too.
      pair.held.push({ to, chunk });
      if (mode.kind !== 'hold') flush(pair);
      return;
    }
    if (mode.kind === 'latency') {
      const delayMs = mode.delayMs;
      setTimeout(() => to.destroyed || to.write(chunk), delayMs);
      return;
    }
    if (!to.destroyed) to.write(chunk);
  };
  const flush = (pair: Pair) => {
    for (const { to, chunk } of pair.held.splice(0)) if (!to.destroyed) to.write(chunk);
  };
  const destroyPair = (pair: Pair) => {
    pairs.delete(pair);
    pair.client.resetAndDestroy();
    pair.upstream.resetAndDestroy();
  };

  const server = net.createServer((client) => {
    accepted += 1;
    if (mode.kind === 'reset') {
      client.resetAndDestroy();
      return;
    }
    const upstream = net.connect(target.port, target.host);
    const pair: Pair = { client, upstream, held: [] };
    pairs.add(pair);
    client.on('data', (chunk: Buffer) => forward(pair, upstream, chunk));
    upstream.on('data', (chunk: Buffer) => forward(pair, client, chunk));
    const end = () => {
      if (pairs.has(pair)) destroyPair(pair);
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });

  return {
    port: (server.address() as net.AddressInfo).port,
    connectionsAccepted: () => accepted,
    setMode(next) {
      mode = next;
      if (next.kind === 'reset') for (const pair of [...pairs]) destroyPair(pair);
      if (next.kind === 'pass' || next.kind === 'latency') for (const pair of pairs) flush(pair);
    },
    async close() {
      for (const pair of [...pairs]) destroyPair(pair);
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
