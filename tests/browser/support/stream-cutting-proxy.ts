import { connect, createServer, type Socket } from 'node:net';

/**
 * A TCP proxy in front of the API for the inbox's browser tests, which can do to the operators'
 * event streams going through it what a network or a proxy does: `cutStreams()` ends them (the
 * browser sees the stream fail), `silenceStreams()` keeps them open but passes nothing more on (a
 * proxy blackholing them: no error, no event). Other requests, and streams opened afterwards, go
 * through untouched. A connection is a stream's once its request line is `GET <streamPath>`.
 */
export interface StreamCuttingProxy {
  url: string;
  /** How many streams were opened through the proxy so far. */
  streamsOpened(): number;
  cutStreams(): void;
  silenceStreams(): void;
  close(): Promise<void>;
}

export async function startStreamCuttingProxy(options: { targetPort: number; streamPath: string }): Promise<StreamCuttingProxy> {
  const connections = new Set<{ client: Socket; upstream: Socket; stream: boolean; silenced: boolean }>();
  let streamsOpened = 0;
  const server = createServer((client) => {
    const upstream = connect(options.targetPort, '127.0.0.1');
    const connection = { client, upstream, stream: false, silenced: false };
    connections.add(connection);
    client.on('data', (chunk: Buffer) => {
      if (!connection.stream && chunk.toString('latin1').startsWith(`GET ${options.streamPath} `)) {
        connection.stream = true;
        streamsOpened += 1;
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      if (!connection.silenced) client.write(chunk);
    });
    const closeBoth = () => {
      client.destroy();
      upstream.destroy();
      connections.delete(connection);
    };
    for (const socket of [client, upstream]) {
      socket.on('close', closeBoth);
      socket.on('error', closeBoth);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  const streams = () => [...connections].filter((connection) => connection.stream);
  return {
    url: `http://127.0.0.1:${port}`,
    streamsOpened: () => streamsOpened,
    cutStreams() {
      for (const connection of streams()) {
        connection.client.destroy();
        connection.upstream.destroy();
      }
    },
    silenceStreams() {
      for (const connection of streams()) connection.silenced = true;
    },
    close: async () => {
      for (const connection of connections) {
        connection.client.destroy();
        connection.upstream.destroy();
      }
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
