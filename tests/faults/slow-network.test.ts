/**
 * A slow network, not an outage: the API and the worker reach Redis and the database only through
 * a latency proxy (Toxiproxy's `latency` toxic: 300 ms ± 50 ms on every chunk coming back from
 * the dependency), under visitor traffic. Moderate latency is within every deadline of the request
 * path (API_DEPENDENCY_TIMEOUT_MS, 800 ms per command or query): everything must still work, only
 * slower. No 5xx, every accepted message answered exactly once, in order (long-polled, followed on
 * its event stream, or waited for in the post with `Prefer: wait`), while the network is
 * still slow, and /health says Redis and the database are up, since requests through them work.
 * The figures (latencies, statuses) are printed; no assertion is about a duration.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { checkStore, sendTraffic, timedFetch, waitForEveryConversationAccepted, waitForJobEnd, type SentMessage, type TimedResponse } from './support/chat-traffic.ts';
import { stillRunning } from './support/fault-processes.ts';
import { startStackBehindToxicProxies, stopStacksBehindToxicProxies } from './support/stack-behind-toxic-proxies.ts';
import type { Toxics } from './support/toxic-proxy.ts';

afterAll(stopStacksBehindToxicProxies, 120_000);

const moderateLatency: Toxics = { downstream: { latencyMs: 300, jitterMs: 50 } };

const statusesOf = (responses: Array<{ status: number }>) => [...new Set(responses.map((response) => response.status))].sort();
const slowestOf = (responses: Array<{ latencyMs: number }>) => Math.max(0, ...responses.map((response) => response.latencyMs));

describe('Redis and the database behind a slow network (300 ms ± 50 ms per reply)', () => {
  it('everything works, slower: no 5xx, /health up, every accepted message answered once, in order, without the network healing', async () => {
    const { stack } = await startStackBehindToxicProxies({ name: 'slow-network', toxics: moderateLatency });
    const conversations = Array.from({ length: 3 }, (_, index) => `${stack.prefix}-conv-${index}`);

    const sent: SentMessage[] = [];
    let stopTraffic = false;
    const traffic = sendTraffic({ baseUrl: stack.baseUrl, conversations, intervalMs: 1000, until: () => stopTraffic, sent });
    // Beside it, a visitor who waits for each answer in the post itself (`Prefer: wait`).
    const waitingConversation = `${stack.prefix}-waiting`;
    const waitingPosts: TimedResponse[] = [];
    const waitingVisitor = (async () => {
      for (let index = 1; !stopTraffic; index += 1) {
        waitingPosts.push(
          await timedFetch(`${stack.baseUrl}/api/v2/chat`, {
            method: 'POST',
            // The longest wait the API grants (MAX_WAIT_SECONDS): a loaded machine's answers may take seconds.
            headers: { 'content-type': 'application/json', prefer: 'wait=30' },
            body: JSON.stringify({ user_id: 'fault-visitor', conversation_id: waitingConversation, message: `Question ${index} : combien coûte le coaching ?` }),
          }, 45_000),
        );
      }
    })();
    await waitForEveryConversationAccepted(sent, conversations);
    // While the traffic flows: /health and a conversation read, one after the other, a few times.
    const health: TimedResponse[] = [];
    const reads: TimedResponse[] = [];
    for (let probe = 0; probe < 6; probe += 1) {
      health.push(await timedFetch(`${stack.baseUrl}/health`, undefined, 15_000));
      reads.push(await timedFetch(`${stack.baseUrl}/api/v2/conversations/${encodeURIComponent(conversations[0]!)}/messages`, undefined, 15_000));
      await sleep(500);
    }
    stopTraffic = true;
    await Promise.all([traffic, waitingVisitor]);

    // Answered while the network is still slow: nothing waits for it to heal. The last message of
    // each conversation is followed on its event stream, the others long-polled.
    const accepted = sent.filter((message) => message.status === 202 && message.jobId);
    const lastOfEach = new Set(conversations.map((conversationId) => accepted.filter((message) => message.conversationId === conversationId).at(-1)!.jobId!));
    const streams = await Promise.all([...lastOfEach].map(async (jobId) => {
      const response = await timedFetch(`${stack.baseUrl}/api/v2/chat/jobs/${jobId}/events`, undefined, 120_000);
      return { status: response.status, final: /event: (completed|failed)/.exec(String(response.body))?.[1] ?? 'none' };
    }));
    const ends = await Promise.all(accepted.map((message) => waitForJobEnd(stack.baseUrl, message.jobId!, 120_000)));
    const store = await checkStore(stack.baseUrl, accepted);
    const healthStates = health.map((response) => {
      const services = (response.body as { services?: Record<string, { status?: string }> } | undefined)?.services;
      return `${response.status} redis ${services?.redis?.status} database ${services?.database?.status}`;
    });
    const waitingStore = await checkStore(stack.baseUrl, waitingPosts.map((post, index) => ({ conversationId: waitingConversation, text: `Question ${index + 1} : combien coûte le coaching ?`, status: post.status, sentAt: post.at, latencyMs: post.latencyMs })));
    const waitingAnswers = waitingPosts.map((post) => (post.body as { status?: string } | undefined)?.status);
    process.stdout.write(
      `[fault] Redis and the database 300 ± 50 ms away: ${waitingPosts.length} Prefer: wait posts (statuses ${statusesOf(waitingPosts).join('/')}, slowest ${slowestOf(waitingPosts)} ms); ` +
        `event streams ${streams.map((stream) => `${stream.status} ${stream.final}`).join(', ')}; ` +
        `${sent.length} messages sent (statuses ${statusesOf(sent).join('/')}, slowest ${slowestOf(sent)} ms), ` +
        `${accepted.length} accepted, ends ${[...new Set(ends.map((end) => end.status))].join('/')}; reads ${statusesOf(reads).join('/')} (slowest ${slowestOf(reads)} ms); ` +
        `/health ${[...new Set(healthStates)].join(', ')} (slowest ${slowestOf(health)} ms); lost ${store.lost}, doubled ${store.doubled}, out of order ${store.outOfOrder}, replies missing ${store.repliesMissing}\n`,
    );
    expect(statusesOf(sent)).toEqual([202]);
    expect(statusesOf(waitingPosts)).toEqual([200]);
    expect(new Set(waitingAnswers)).toEqual(new Set(['completed']));
    expect(waitingStore).toEqual({ lost: 0, doubled: 0, outOfOrder: 0, repliesMissing: 0 });
    expect(streams.map((stream) => `${stream.status} ${stream.final}`)).toEqual(streams.map(() => '200 completed'));
    expect(ends.filter((end) => end.status !== 'completed')).toEqual([]);
    expect(store).toEqual({ lost: 0, doubled: 0, outOfOrder: 0, repliesMissing: 0 });
    expect(statusesOf(reads)).toEqual([200]);
    expect([...new Set(healthStates)]).toEqual(['200 redis up database up']);
    expect(stillRunning(stack.api) && stillRunning(stack.workers[0]!)).toBe(true);
  }, 300_000);
});
