/**
 * The product on a Redis Cluster (issue 13): a local cluster of three masters and three replicas
 * (`redis-server` processes in a temporary folder, joined by `redis-cli --cluster create`), the
 * product started by `pnpm start` with REDIS_CLUSTER_NODES, and three real worker processes.
 * Skipped where redis-server / redis-cli are not installed.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  loadConfig,
  type AppConfig,
  createLogger,
  createChatQueue,
  type ChatQueue,
  ChatSubmitter,
  ConversationAdmission,
  ConversationRateLimiter,
  createRedisConnection,
  setCommandTimeout,
  type RedisClient,
  RedisKeys,
} from '@lac/core';
import {
  type RecordedEvent,
  spawnRecordingWorker,
  stopWorker,
  type WorkerProcess,
  redisClusterToolsAvailable,
  startLocalRedisCluster,
  type LocalRedisCluster,
} from '@lac/core/testing';
import { startLocalProduct, type LocalProduct } from '../../packages/widget/src/testing/local-product-process.ts';
// Assertions built on vitest's expect: imported directly, not through @lac/core/testing (which benchmarks load too).
import { assertSerialInOrder, waitForRecordedEnds } from '@lac/core/testing/vitest';

const repositoryRoot = path.resolve(import.meta.dirname, '../..');
const toolsAvailable = await redisClusterToolsAvailable();
const logger = createLogger({ level: 'silent', name: 'test-redis-cluster' });

describe.skipIf(!toolsAvailable)('on a local Redis Cluster (3 masters, 3 replicas)', () => {
  let cluster: LocalRedisCluster;
  let product: LocalProduct;
  // The in-test side: a submitter and worker processes of their own (own prefix), on the same cluster.
  const prefix = `test-cluster-${randomBytes(4).toString('hex')}`;
  let config: AppConfig;
  let redis: RedisClient;
  let queue: ChatQueue;
  let submitter: ChatSubmitter;
  let workers: WorkerProcess[] = [];
  const recordKey = `${prefix}:record`;

  beforeAll(async () => {
    cluster = await startLocalRedisCluster({ masters: 3, replicasPerMaster: 1 });
    config = loadConfig({ NODE_ENV: 'test', REDIS_CLUSTER_NODES: cluster.seeds, QUEUE_PREFIX: prefix, STALL_WINDOW_MS: '3000', LOG_LEVEL: 'silent' });
    redis = createRedisConnection(config, { connectionName: 'test-cluster', forBullWorker: true, logger });
    queue = createChatQueue({ connection: redis, config });
    const rateLimiter = new ConversationRateLimiter(redis, new RedisKeys(config.QUEUE_PREFIX), { limit: 1000, windowSeconds: 60 });
    submitter = new ChatSubmitter({ redis, queue, keys: new RedisKeys(config.QUEUE_PREFIX), rateLimiter, config, logger });
    const workerEnv = {
      REDIS_CLUSTER_NODES: cluster.seeds,
      QUEUE_PREFIX: prefix,
      STALL_WINDOW_MS: '3000',
      WORKER_CONCURRENCY: '4',
      RECORD_KEY: recordKey,
      STORE_PREFIX: `${prefix}:store`,
      SLEEP_MS: '60',
      JOB_DEADLINE_MS: '20000',
      SHUTDOWN_GRACE_MS: '5000',
      LOG_LEVEL: 'warn',
    };
    [product, ...workers] = await Promise.all([
      startLocalProduct({
        repositoryRoot,
        name: 'cluster',
        // Every post of this file comes from one address: the per-client limits would refuse most.
        env: { REDIS_CLUSTER_NODES: cluster.seeds, RATE_LIMIT_CLIENT_MESSAGES: '0', RATE_LIMIT_CLIENT_MESSAGES_PER_DAY: '0', MAX_REQUESTS_IN_PROGRESS_PER_CLIENT: '0', RATE_LIMIT_NEW_CONVERSATIONS_PER_HOUR: '0' },
        readyTimeoutMs: 240_000,
      }),
      ...['w1', 'w2', 'w3'].map((label) => spawnRecordingWorker(label, workerEnv)),
    ]);
  }, 330_000);

  afterAll(async () => {
    await Promise.all(workers.map((worker) => stopWorker(worker)));
    await product?.stop();
    await queue?.close();
    redis?.disconnect();
    await cluster?.stop();
  }, 120_000);

  async function post(message: string, conversationId: string, headers: Record<string, string> = {}) {
    const response = await fetch(`${product.baseUrl}/api/v2/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ user_id: 'cluster-user', conversation_id: conversationId, message }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, any> };
  }

  async function submitMany(conversationId: string, count: number) {
    const outcomes = await Promise.all(
      Array.from({ length: count }, (_, index) =>
        submitter.submit({ user_id: 'u', conversation_id: conversationId, message: `${conversationId} #${index}` }, { requestId: randomUUID() }),
      ),
    );
    return outcomes.map((outcome) => {
      if (outcome.kind !== 'accepted' || outcome.sequence === undefined) throw new Error(`unexpected ${outcome.kind}`);
      return { jobId: outcome.jobId, sequence: outcome.sequence };
    });
  }

  it('answers /health and the seed\'s two messages end to end (Kajabi → audrey, Reel → carole)', async () => {
    const health = await fetch(`${product.baseUrl}/health`);
    expect(health.status).toBe(200);
    const kajabi = await post('Comment automatiser mes emails de bienvenue avec Kajabi?', `cluster-seed-1-${prefix}`, { prefer: 'wait=25' });
    expect(kajabi.status).toBe(200);
    expect(kajabi.body.result.agent).toBe('audrey');
    expect(kajabi.body.result.sources.length).toBeGreaterThan(0);
    const reel = await post('Aide-moi à créer un reel Instagram qui engage ma communauté', `cluster-seed-2-${prefix}`, { prefer: 'wait=25' });
    expect(reel.status).toBe(200);
    expect(reel.body.result.agent).toBe('carole');
    expect(reel.body.result.sources.length).toBeGreaterThan(0);
  }, 90_000);

  it('50 concurrent posts to one conversation: exactly 10 accepted, 40 refused, never a 500', async () => {
    const conversationId = `cluster-burst-${prefix}`;
    // The conversation is opened first; its token goes with every post.
    const opened = await fetch(`${product.baseUrl}/api/v2/conversations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user_id: 'cluster-user', conversation_id: conversationId }),
    });
    expect(opened.status).toBe(201);
    const { conversation_token: token } = (await opened.json()) as { conversation_token: string };
    // A 503 (a dependency slow to answer on a loaded machine) is retried with the same Idempotency-Key, as the widget does.
    let retried = 0;
    const postRetrying = async (index: number) => {
      for (let attempt = 1; ; attempt++) {
        const response = await post(`Question ${index}`, conversationId, { authorization: `Bearer ${token}`, 'idempotency-key': `burst-${index}` });
        if (response.status !== 503 || attempt >= 10) return response;
        retried += 1;
        await sleep(500);
      }
    };
    const responses = await Promise.all(Array.from({ length: 50 }, (_, index) => postRetrying(index)));
    process.stdout.write(`50 concurrent posts on the cluster: ${retried} retried after a 503\n`);
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 202)).toHaveLength(10);
    expect(statuses.filter((status) => status === 429)).toHaveLength(40);
  }, 60_000);

  it('30 concurrent messages of one conversation over 3 worker processes, answered once each, in order', async () => {
    const accepted = await submitMany('cluster-thirty', 30);
    const events = await waitForRecordedEnds(redis, recordKey, accepted.map((job) => job.jobId), 60_000);
    assertSerialInOrder(events, accepted);
    for (const job of accepted) expect(events.filter((event) => event.event === 'answer' && event.jobId === job.jobId)).toHaveLength(1);
    expect(new Set(events.filter((event) => event.conversationId === 'cluster-thirty').map((event) => event.worker)).size).toBeGreaterThan(1);
  }, 90_000);

  it('CLUSTER FAILOVERs during traffic lose nothing, double nothing, and the API answers no 5xx', async () => {
    // The masters holding BullMQ's keys (the hash tags of the product's and of this test's queue
    // prefix) hand over to their replicas one after the other, mid-traffic.
    const anyMaster = (await cluster.masterPorts())[0]!;
    const slotOf = async (key: string) => Number((await cluster.cli(anyMaster, 'CLUSTER', 'KEYSLOT', key)).trim());
    const replicas = new Set<number>();
    for (const slot of [await slotOf(`{${product.queuePrefix}}`), await slotOf(config.QUEUE_PREFIX)]) {
      const { replica } = await cluster.ownerOfSlot(slot);
      if (replica === undefined) throw new Error(`the master of slot ${slot} has no replica`);
      replicas.add(replica);
    }
    const conversations = Array.from({ length: 6 }, (_, index) => `cluster-failover-${index}`);
    const accepted = new Map<string, Array<{ jobId: string; sequence: number }>>(conversations.map((id) => [id, []]));
    const apiStatuses: number[] = [];
    const apiJobs: string[] = [];
    let submitErrors = 0;
    let failoverDone = false;
    let roundsAfterFailover = 0;
    // Rounds of one message per conversation (in-test submitter) and two posts to the product's API,
    // until three rounds after the last new master took over.
    const traffic = (async () => {
      for (let round = 0; round < 80 && roundsAfterFailover < 3; round++) {
        if (failoverDone) roundsAfterFailover += 1;
        await Promise.all([
          ...conversations.map(async (conversationId) => {
            try {
              accepted.get(conversationId)!.push(...(await submitMany(conversationId, 1)));
            } catch {
              submitErrors += 1;
            }
          }),
          ...[0, 1].map(async (index) => {
            const { status, body } = await post('Comment automatiser mes emails ?', `cluster-api-failover-${round}-${index}`).catch(() => ({ status: 0, body: {} as Record<string, any> }));
            apiStatuses.push(status);
            if (status === 202) apiJobs.push(String(body.job_id));
          }),
        ]);
        await sleep(100);
      }
    })();
    await sleep(500);
    const failoverStartedAt = Date.now();
    for (const replica of replicas) await cluster.failover(replica);
    const failoverMs = Date.now() - failoverStartedAt;
    failoverDone = true;
    await traffic;

    const allJobs = [...accepted.values()].flat();
    const events = await waitForRecordedEnds(redis, recordKey, allJobs.map((job) => job.jobId), 90_000);
    const answers = (jobId: string) => events.filter((event: RecordedEvent) => event.event === 'answer' && event.jobId === jobId).length;
    const lost = allJobs.filter((job) => answers(job.jobId) === 0).length;
    const doubled = allJobs.filter((job) => answers(job.jobId) > 1).length;
    // Every message the API accepted is answered.
    const apiEnds = await Promise.all(
      apiJobs.map(async (jobId) => {
        for (let poll = 0; poll < 20; poll++) {
          const view = (await (await fetch(`${product.baseUrl}/api/v2/chat/jobs/${jobId}?wait=5`)).json()) as { status?: string };
          if (view.status === 'completed' || view.status === 'failed') return view.status;
        }
        return 'timeout';
      }),
    );
    const apiUnanswered = apiEnds.filter((status) => status !== 'completed').length;
    const statusCounts = apiStatuses.reduce<Record<string, number>>((counts, status) => ({ ...counts, [status]: (counts[status] ?? 0) + 1 }), {});
    process.stdout.write(
      `cluster failover of ${replicas.size} master(s) in ${failoverMs} ms: submitter ${allJobs.length} messages over ${conversations.length} conversations, ` +
        `submit errors ${submitErrors}, lost ${lost}, doubled ${doubled}; API statuses ${JSON.stringify(statusCounts)}, unanswered ${apiUnanswered}\n`,
    );
    expect(submitErrors).toBe(0);
    expect(roundsAfterFailover).toBe(3);
    expect(lost).toBe(0);
    expect(doubled).toBe(0);
    expect(apiStatuses.every((status) => status === 202)).toBe(true);
    expect(apiUnanswered).toBe(0);
    // Per conversation, the answers were written in acceptance order.
    for (const [conversationId, jobs] of accepted) {
      const answerOrder = events.filter((event) => event.event === 'answer' && event.conversationId === conversationId).map((event) => event.jobId);
      expect(answerOrder).toEqual([...jobs].sort((a, b) => a.sequence - b.sequence).map((job) => job.jobId));
    }
    for (const replica of replicas) expect(await cluster.masterPorts()).toContain(replica);
  }, 240_000);

  it('spreads the conversation keys of 1,000 conversations over all three masters', async () => {
    const keys = new RedisKeys(config.QUEUE_PREFIX);
    const admission = new ConversationAdmission(redis, keys, new ConversationRateLimiter(redis, keys, { limit: 10, windowSeconds: 60 }));
    for (let batch = 0; batch < 10; batch++) {
      await Promise.all(Array.from({ length: 100 }, (_, index) => admission.admit(`spread-${batch * 100 + index}`, randomUUID())));
    }
    // After the failover test, a demoted master may take a moment to say it is a replica.
    let masters = await cluster.masterPorts();
    for (let attempt = 0; masters.length !== 3 && attempt < 100; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      masters = await cluster.masterPorts();
    }
    const perMaster = new Map<number, number>();
    for (const port of masters) {
      const found = (await cluster.cli(port, '--scan', '--pattern', `${keys.namespace}:order:{c:spread-*`)).split('\n').filter(Boolean);
      perMaster.set(port, found.length);
    }
    process.stdout.write(`conversation ORDER keys per master: ${JSON.stringify(Object.fromEntries(perMaster))}\n`);
    expect(perMaster.size).toBe(3);
    expect([...perMaster.values()].reduce((sum, count) => sum + count, 0)).toBe(1000);
    for (const count of perMaster.values()) expect(count).toBeGreaterThan(200);
  }, 60_000);

  it('switches a fail-fast cluster connection from its start-up deadline to the request-path deadline on every node', async () => {
    const api = createRedisConnection(config, { connectionName: 'test-cluster-deadline', logger, commandTimeoutMs: 30_000 });
    const emptyList = `{${prefix}}:never-filled`;
    // A blocking pop on an empty list answers nil after its own 1 s: the start-up deadline lets it.
    await expect(api.blpop(emptyList, 1)).resolves.toBeNull();
    setCommandTimeout(api, 100);
    await expect(api.blpop(emptyList, 1)).rejects.toThrow('Command timed out');
    api.disconnect();
  }, 60_000);
});
