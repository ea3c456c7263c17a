import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * A TCP proxy that degrades the network between a process and a dependency (Redis, Postgres)
 * without cutting it, as Toxiproxy's toxics do in a production drill. Each direction
 * (`downstream`: dependency → process, `upstream`: process → dependency) has its own toxics:
 * - `latencyMs` (± `jitterMs`): every chunk leaves that long after it arrived; bytes keep their
 *   order (a chunk never overtakes the one before it, as in Toxiproxy);
 * - `bytesPerSecond`: a bandwidth limit;
 * - `sliceBytes` / `sliceDelayMs`: every chunk cut into pieces of that size, sent that far apart;
 * - `limitBytes`: the connection is closed once that many bytes went through this direction
 *   (Toxiproxy's `limit_data`: a reply cut mid-way);
 * - `slowCloseMs` (either direction): a side that closes is closed on the other side that much later.
 * Toxics apply to bytes that arrive after they are set. Only this proxy's connections are touched.
 */

export interface DirectionToxics {
  latencyMs?: number;
  jitterMs?: number;
  bytesPerSecond?: number;
  sliceBytes?: number;
  sliceDelayMs?: number;
  limitBytes?: number;
}

export interface Toxics {
  downstream?: DirectionToxics;
  upstream?: DirectionToxics;
  slowCloseMs?: number;
}

export interface ToxicProxy {
  port: number;
  connectionsAccepted(): number;
  /** Connections the proxy closed because of `limitBytes`. */
  connectionsCut(): number;
  setToxics(toxics: Toxics): void;
  close(): Promise<void>;
}

/** One direction of one connection: chunks go out one after the other, through the toxics. */
class ToxicStream {
  private readonly queue: Array<{ chunk: Buffer; arrivedAt: number }> = [];
  private pumping = false;
  private bytesSent = 0;
  private idle: Array<() => void> = [];

  constructor(
    private readonly to: net.Socket,
    private readonly toxics: () => DirectionToxics,
    private readonly cut: () => void,
  ) {}

  push(chunk: Buffer): void {
    this.queue.push({ chunk, arrivedAt: Date.now() });
    if (!this.pumping) void this.pump();
  }

  /** Resolves once every chunk received so far has been written. */
  drained(): Promise<void> {
    if (!this.pumping && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  private async pump(): Promise<void> {
    this.pumping = true;
    while (this.queue.length > 0 && !this.to.destroyed) {
      const { chunk, arrivedAt } = this.queue.shift()!;
      const toxics = this.toxics();
      if (toxics.latencyMs) {
        const jitter = toxics.jitterMs ? (Math.random() * 2 - 1) * toxics.jitterMs : 0;
        const waitMs = arrivedAt + Math.max(0, toxics.latencyMs + jitter) - Date.now();
        if (waitMs > 0) await sleep(waitMs);
      }
      const size = toxics.sliceBytes && toxics.sliceBytes > 0 ? toxics.sliceBytes : chunk.length;
      for (let offset = 0; offset < chunk.length && !this.to.destroyed; offset += size) {
        let piece = chunk.subarray(offset, offset + size);
        const limit = this.toxics().limitBytes;
        if (limit !== undefined && this.bytesSent + piece.length >= limit) {
          piece = piece.subarray(0, Math.max(0, limit - this.bytesSent));
          if (piece.length > 0) this.to.write(piece);
          this.bytesSent += piece.length;
          this.queue.length = 0;
          this.cut();
          break;
        }
        if (toxics.bytesPerSecond) await sleep((piece.length / toxics.bytesPerSecond) * 1000);
        if (this.to.destroyed) break;
        this.to.write(piece);
        this.bytesSent += piece.length;
        if (toxics.sliceDelayMs && offset + size < chunk.length) await sleep(toxics.sliceDelayMs);
      }
    }
    this.pumping = false;
    for (const resolve of this.idle.splice(0)) resolve();
  }
}

export async function startToxicProxy(target: { host: string; port: number }): Promise<ToxicProxy> {
  let toxics: Toxics = {};
  let accepted = 0;
  let cut = 0;
  const open = new Set<{ client: net.Socket; upstream: net.Socket }>();

  const server = net.createServer((client) => {
    accepted += 1;
    const upstream = net.connect(target.port, target.host);
    const pair = { client, upstream };
    open.add(pair);
    let closing = false;
    const destroy = () => {
      open.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    const cutConnection = () => {
      cut += 1;
      destroy();
    };
    const toServer = new ToxicStream(upstream, () => toxics.upstream ?? {}, cutConnection);
    const toClient = new ToxicStream(client, () => toxics.downstream ?? {}, cutConnection);
    client.on('data', (chunk: Buffer) => toServer.push(chunk));
    upstream.on('data', (chunk: Buffer) => toClient.push(chunk));
    // One side closed: what it sent still goes through the toxics, then (slow_close) the other side closes.
    const closeLater = () => {
      if (closing) return;
      closing = true;
      void Promise.all([toServer.drained(), toClient.drained()])
        .then(() => sleep(toxics.slowCloseMs ?? 0))
        .then(destroy);
    };
    client.on('error', destroy).on('close', closeLater);
    upstream.on('error', destroy).on('close', closeLater);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return {
    port: (server.address() as net.AddressInfo).port,
    connectionsAccepted: () => accepted,
    connectionsCut: () => cut,
    setToxics(next) {
      toxics = next;
    },
    async close() {
      for (const pair of [...open]) {
        pair.client.destroy();
        pair.upstream.destroy();
      }
      open.clear();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
