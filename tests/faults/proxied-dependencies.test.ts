/**
 * Network faults injected through a TCP proxy, as a fault-injection proxy (Toxiproxy) would in a
 * production drill: the API and the worker reach the database, then Redis, only through the
 * proxy, which black-holes the connections (they stay open, no byte passes), then resets them,
 * under traffic. Nothing is restarted: the processes must notice, answer the visitors quickly
 * (503 with Retry-After, or 202 when only the queue is needed), and once bytes flow again answer
 * every accepted message exactly once, in order. The dependencies behind the proxy are never
 * touched (the machine's Redis under a unique prefix, the embedded database in its own process).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { checkStore, sendTraffic, timedFetch, waitForEveryConversationAccepted, waitForJobEnd, waitUntilRecovered, type SentMessage, type TimedResponse } from './support/chat-traffic.ts';
import { stillRunning } from './support/fault-processes.ts';
import { sharedRedisUrl, startFaultStack, stopFaultStacks } from './support/fault-stack.ts';
import { readRequestDurations, slowerThan } from './support/request-durations.ts';
import { startTcpFaultProxy, type ProxyMode, type TcpFaultProxy } from './support/tcp-fault-proxy.ts';

const proxies: TcpFaultProxy[] = [];

afterAll(async () => {
  await stopFaultStacks();
  for (const proxy of proxies) await proxy.close();
}, 120_000);

/** API + worker whose `dependency` is reached only through a fault proxy. */
async function startProxiedStack(name: string, dependency: 'database' | 'redis') {
  let proxy: TcpFaultProxy | undefined;
  const startProxy = async (target: { host: string; port: number }) => {
    proxy = await startTcpFaultProxy(target);
    proxies.push(proxy);
    return proxy.port;
  };
  const shared = new URL(sharedRedisUrl);
  let redisUrl: string | undefined;
  if (dependency === 'redis') {
    const proxied = new URL(sharedRedisUrl);
    proxied.hostname = '127.0.0.1';
    proxied.port = String(await startProxy({ host: shared.hostname, port: Number(shared.port || 6379) }));
    redisUrl = proxied.toString();
  }
  const stack = await startFaultStack({
    name,
    ...(redisUrl ? { redisUrl, redisIsShared: true } : {}),
    ...(dependency === 'database' ? { databasePortFor: (databasePort: number) => startProxy({ host: '127.0.0.1', port: databasePort }) } : {}),
  });
  return { ...stack, worker: stack.workers[0]!, proxy: proxy! };
}

/** Probes the API every 250 ms while a fault lasts: /health, a job read and a conversation read. */
async function probeWhile(baseUrl: string, jobId: string, conversationId: string, durationMs: number): Promise<TimedResponse[]> {
  const responses: TimedResponse[] = [];
  const until = Date.now() + durationMs;
  while (Date.now() < until) {
    responses.push(
      ...(await Promise.all([
        timedFetch(`${baseUrl}/health`, undefined, 10_000),
        timedFetch(`${baseUrl}/api/v2/chat/jobs/${jobId}`, undefined, 10_000),
        timedFetch(`${baseUrl}/api/v2/conversations/${encodeURIComponent(conversationId)}/messages`, undefined, 10_000),
      ])),
    );
    await sleep(250);
  }
  return responses;
}

async function faultsUnderTraffic(name: string, dependency: 'database' | 'redis', faults: Array<{ mode: ProxyMode; durationMs: number }>) {
  const stack = await startProxiedStack(name, dependency);
  const conversations = Array.from({ length: 4 }, (_, index) => `${stack.prefix}-conv-${index}`);
  const sent: SentMessage[] = [];
  let stopTraffic = false;
  const traffic = sendTraffic({ baseUrl: stack.baseUrl, conversations, intervalMs: 1000, until: () => stopTraffic, sent });
  // The fault starts once every conversation exists (a message of each accepted; a job probed below), not after a fixed pause.
  const probeJob = (await waitForEveryConversationAccepted(sent, conversations))[0]!.jobId!;

  const figures: string[] = [];
  let slowestProbeMs = 0;
  let probeStatuses = new Set<number>();
  let healedAt = 0;
  let overTwoAndAHalfSeconds = 0;
  for (const fault of faults) {
    const durationsBefore = await readRequestDurations(stack.baseUrl);
    stack.proxy.setMode(fault.mode);
    const probes = await probeWhile(stack.baseUrl, probeJob, conversations[0]!, fault.durationMs);
    stack.proxy.setMode({ kind: 'pass' });
    healedAt = Date.now();
    const durationsAfter = await readRequestDurations(stack.baseUrl);
    const byApiClock = slowerThan(durationsBefore, durationsAfter, 1);
    overTwoAndAHalfSeconds += slowerThan(durationsBefore, durationsAfter, 2.5).slower;
    const slowest = Math.max(...probes.map((probe) => probe.latencyMs));
    slowestProbeMs = Math.max(slowestProbeMs, slowest);
    probeStatuses = new Set([...probeStatuses, ...probes.map((probe) => probe.status)]);
    figures.push(`${fault.mode.kind} ${fault.durationMs / 1000} s: ${probes.length} probes, slowest ${slowest} ms (API clock: ${byApiClock.slower} of ${byApiClock.total} requests over 1 s${byApiClock.slowSeries.length > 0 ? `: ${byApiClock.slowSeries.join(', ')}` : ''}), statuses ${[...new Set(probes.map((probe) => probe.status))].sort().join('/')}`);
    // Recovered before the next fault (or the end of the traffic): dependencies up, a message sent since accepted.
    await waitUntilRecovered(stack.baseUrl, sent, healedAt);
  }
  stopTraffic = true;
  await traffic;

  const accepted = sent.filter((message) => message.status === 202 && message.jobId);
  const ends = await Promise.all(accepted.map((message) => waitForJobEnd(stack.baseUrl, message.jobId!, 180_000)));
  const notCompleted = ends.filter((end) => end.status !== 'completed').length;
  const lastAnswerAfterHealMs = Math.max(0, ...ends.map((end) => end.endedAt - healedAt));
  const store = await checkStore(stack.baseUrl, accepted);
  const serverErrors = sent.filter((message) => message.status >= 500 && message.status !== 503).length;
  process.stdout.write(
    `[fault] ${dependency} behind a fault proxy under traffic (${figures.join('; ')}): ${sent.length} messages sent, ${accepted.length} accepted; ` +
      `lost ${store.lost + notCompleted}, doubled ${store.doubled}, out of order ${store.outOfOrder}, replies missing ${store.repliesMissing}; ` +
      `last answer ${lastAnswerAfterHealMs} ms after the network healed; processes still running: ${stillRunning(stack.worker) && stillRunning(stack.api)}\n`,
  );
  expect(stillRunning(stack.worker)).toBe(true);
  expect(stillRunning(stack.api)).toBe(true);
  expect(notCompleted).toBe(0);
  expect(store).toEqual({ lost: 0, doubled: 0, outOfOrder: 0, repliesMissing: 0 });
  expect(serverErrors).toBe(0);
  expect(probeStatuses.has(500)).toBe(false);
  // Every probe got an answer (no client-side timeout) and none waited for the network to heal.
  expect(probeStatuses.has(0)).toBe(false);
  // ...and by the API's own clock none waited for the network: a black-holed dependency costs one
  // 800 ms deadline (the count over 1 s is printed; its margin is the machine's load, not the product's).
  expect(overTwoAndAHalfSeconds).toBe(0);
  return { slowestProbeMs, accepted, sent };
}

// The cases run at once: each has a stack and a proxy of its own, and most of their time is the
// faults held and the recoveries awaited.
describe.concurrent('dependencies behind a fault-injection proxy', () => {
  it('the database black-holed for 12 s, then its connections reset for 6 s: messages still accepted, every one answered once, in order', async () => {
    const { sent, slowestProbeMs } = await faultsUnderTraffic('proxy-db', 'database', [
      { mode: { kind: 'hold' }, durationMs: 12_000 },
      { mode: { kind: 'reset' }, durationMs: 6_000 },
    ]);
    // Submitting needs only Redis: nothing was refused while the database was unreachable.
    expect(sent.filter((message) => message.status !== 202)).toEqual([]);
    expect(slowestProbeMs).toBeLessThan(5_000);
  }, 600_000);

  it('Redis black-holed for 6 s, then its connections reset for 6 s: quick 503s meanwhile, then every accepted message answered once, in order', async () => {
    const { sent, slowestProbeMs } = await faultsUnderTraffic('proxy-redis', 'redis', [
      { mode: { kind: 'hold' }, durationMs: 6_000 },
      { mode: { kind: 'reset' }, durationMs: 6_000 },
    ]);
    expect(sent.every((message) => message.status === 202 || message.status === 503)).toBe(true);
    expect(slowestProbeMs).toBeLessThan(5_000);
  }, 600_000);
});
