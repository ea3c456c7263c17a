import { sharedRedisUrl, startFaultStack, stopFaultStacks, type FaultStack } from './fault-stack.ts';
import { startToxicProxy, type ToxicProxy, type Toxics } from './toxic-proxy.ts';

const proxies: ToxicProxy[] = [];

/**
 * An API + worker (fault-stack.ts) that reach Redis (the machine's, under a unique prefix) and the
 * database only through toxic proxies, with `toxics` set on both once the stack is up (its start
 * and warm-up run on a clean network).
 */
export async function startStackBehindToxicProxies(options: { name: string; toxics: Toxics; env?: Record<string, string> }): Promise<{ stack: FaultStack; redisProxy: ToxicProxy; databaseProxy: ToxicProxy }> {
  const proxyTo = async (target: { host: string; port: number }) => {
    const proxy = await startToxicProxy(target);
    proxies.push(proxy);
    return proxy;
  };
  const shared = new URL(sharedRedisUrl);
  const redisProxy = await proxyTo({ host: shared.hostname, port: Number(shared.port || 6379) });
  const proxiedRedis = new URL(sharedRedisUrl);
  proxiedRedis.hostname = '127.0.0.1';
  proxiedRedis.port = String(redisProxy.port);
  let databaseProxy: ToxicProxy | undefined;
  const stack = await startFaultStack({
    name: options.name,
    redisUrl: proxiedRedis.toString(),
    redisIsShared: true,
    databasePortFor: async (databasePort) => (databaseProxy = await proxyTo({ host: '127.0.0.1', port: databasePort })).port,
    ...(options.env ? { env: options.env } : {}),
  });
  redisProxy.setToxics(options.toxics);
  databaseProxy!.setToxics(options.toxics);
  return { stack, redisProxy, databaseProxy: databaseProxy! };
}

/** Stops the stacks and closes the proxies (a test file's afterAll). */
export async function stopStacksBehindToxicProxies(): Promise<void> {
  await stopFaultStacks();
  for (const proxy of proxies.splice(0)) await proxy.close();
}
