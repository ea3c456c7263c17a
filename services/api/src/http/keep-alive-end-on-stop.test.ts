import { Agent, createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { endKeepAliveOnStop, type KeepAliveEndOnStop } from './keep-alive-end-on-stop.ts';

let server: Server | undefined;
const agent = new Agent({ keepAlive: true, maxSockets: 1 });

afterEach(async () => {
  agent.destroy();
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
});

/** A server whose /slow and /stream end their answers once `release` is called, its other paths at once. */
async function startServer(): Promise<{ port: number; keepAlive: KeepAliveEndOnStop; slowArrived: Promise<void>; release: () => void }> {
  let release = (): void => undefined;
  let arrived = (): void => undefined;
  const slowArrived = new Promise<void>((resolve) => (arrived = resolve));
  server = createServer((req, res) => {
    if (req.url === '/slow' || req.url === '/stream') {
      // A stream has started its answer (headers and a first event) before the stop.
      if (req.url === '/stream') res.write('data: first\n\n');
      release = () => res.end('slow');
      arrived();
      return;
    }
    res.end('fast');
  });
  const keepAlive = endKeepAliveOnStop(server);
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as { port: number }).port, keepAlive, slowArrived, release: () => release() };
}

function get(port: number, path: string): Promise<{ headers: IncomingHttpHeaders; body: string; localPort: number | undefined }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, agent }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ headers: res.headers, body, localPort: req.socket?.localPort }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('endKeepAliveOnStop', () => {
  it('keeps connections alive while the API runs', async () => {
    const { port } = await startServer();
    const first = await get(port, '/fast');
    const second = await get(port, '/fast');
    expect(first.headers.connection).toBe('keep-alive');
    expect(second.localPort).toBe(first.localPort);
  });

  it('an answer in progress when the API stops closes its connection, and the next request comes on a new one', async () => {
    const { port, keepAlive, slowArrived, release } = await startServer();
    const before = await get(port, '/fast');
    const slow = get(port, '/slow');
    await slowArrived;
    keepAlive.stopKeepingAlive();
    release();
    const inProgress = await slow;
    expect(inProgress.body).toBe('slow');
    expect(inProgress.headers.connection).toBe('close');
    const after = await get(port, '/fast');
    expect(after.localPort).not.toBe(before.localPort);
    expect(after.headers.connection).toBe('close');
  });

  it('a stream already started when the API stops has its connection ended once it is written', async () => {
    const { port, keepAlive, slowArrived, release } = await startServer();
    const stream = get(port, '/stream');
    await slowArrived;
    keepAlive.stopKeepingAlive();
    release();
    const started = await stream;
    expect(started.body).toBe('data: first\n\nslow');
    // Its headers said keep-alive (sent before the stop): the client pooled the connection, and drops
    // it once the server's end arrives; a request sent before that would race the end.
    await expect.poll(() => Object.values(agent.freeSockets).flat().length, { timeout: 5_000 }).toBe(0);
    const after = await get(port, '/fast');
    expect(after.localPort).not.toBe(started.localPort);
    expect(after.headers.connection).toBe('close');
  });
});
