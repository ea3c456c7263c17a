/**
 * Issue 15, "done when" (1): after a scripted burst of traffic through the real product (API and
 * worker processes, live mode against the vendor stand-ins) — answers from both agents, an
 * escalation, a failed job, provider usage with costs — GET /admin/stats returns the figures counted
 * by hand here, in the Postgres mode and in the Supabase (REST) mode. The Chromium half of the
 * issue uses the Postgres run: see owner-dashboard-browser.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ownerStatsSchema, zonedDay, type OwnerStats } from '@lac/core';
import { countTokens } from '../../packages/standins/src/http-helpers.ts';
import { checkDashboardInChromium } from './support/owner-dashboard-browser.ts';
import { startLiveProductOnStandins, type LiveProduct, type StoreMode } from './support/live-product-on-standins.ts';

const CHAT_COST_USD = 0.0125;
const EMBEDDING_PRICE_PER_1K_TOKENS_USD = 0.00002;
const RERANK_PRICE_PER_SEARCH_UNIT_USD = 0.002;
const AUDREY_MESSAGES = ['Comment automatiser mes emails de bienvenue avec Kajabi?', 'Comment construire un tunnel de vente pour mon ebook avec Kajabi ?'];
const CAROLE_MESSAGES = ['Aide-moi à créer un reel Instagram qui engage ma communauté', 'Comment écrire une légende Instagram avec les bons hashtags ?'];
const ESCALATION_MESSAGE = 'Je veux être remboursée de ma formation, je veux parler à une personne';

/** percentile_cont: linear interpolation between the two nearest ranks. */
function percentileCont(values: number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * fraction;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  return sorted[lower]! + (sorted[upper]! - sorted[lower]!) * (position - lower);
}

describe.each<StoreMode>(['postgres', 'supabase'])('GET /admin/stats after a burst of traffic (%s store)', (mode) => {
  let product: LiveProduct;
  let stats: OwnerStats;
  const conversationSuffix = Date.now().toString(36);
  const outcomes: Array<{ status: string; agent?: string }> = [];

  /** Every 5xx the test itself received (a loaded machine can make the API answer 503): the hand count of 5xx. */
  let serverErrorsSeen = 0;
  async function countedFetch(url: string, init?: RequestInit): Promise<Response> {
    const response = await fetch(url, init);
    if (response.status >= 500) serverErrorsSeen += 1;
    return response;
  }

  /** Conversation tokens handed out by the first message of each conversation. */
  const conversationTokens = new Map<string, string>();

  async function ask(conversation: string, message: string): Promise<{ status: string; agent?: string }> {
    const token = conversationTokens.get(conversation);
    const submit = () =>
      countedFetch(`${product.baseUrl}/api/v2/chat`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ user_id: `visitor-${conversation}`, conversation_id: `${conversation}-${conversationSuffix}`, message }),
      });
    let submitted = await submit();
    while (submitted.status === 503) submitted = await submit(); // nothing was stored: send it again
    expect(submitted.status).toBe(202);
    const accepted = (await submitted.json()) as { job_id: string; conversation_token?: string };
    if (accepted.conversation_token) conversationTokens.set(conversation, accepted.conversation_token);
    const authorization = conversationTokens.get(conversation);
    for (;;) {
      const response = await countedFetch(`${product.baseUrl}/api/v2/chat/jobs/${accepted.job_id}?wait=20`, {
        headers: authorization ? { authorization: `Bearer ${authorization}` } : {},
      });
      if (response.status >= 500) continue;
      const view = (await response.json()) as { status: string; result?: { agent: string } };
      if (view.status === 'completed' || view.status === 'failed') return { status: view.status, agent: view.result?.agent };
    }
  }

  async function readStats(range: string, authorization = product.adminAuthorization): Promise<Response> {
    return countedFetch(`${product.baseUrl}/admin/stats?range=${range}`, { headers: { authorization } });
  }

  beforeAll(async () => {
    product = await startLiveProductOnStandins({
      mode,
      name: `owner-stats-${mode}`,
      // One attempt, a short job deadline: the stalled answer below fails its job for good.
      env: { JOB_ATTEMPTS: '1', JOB_DEADLINE_MS: '6000', PROVIDER_CALL_TIMEOUT_MS: '30000', DAILY_BUDGET_USD: '1' },
    });
    // Every answer of the burst costs exactly CHAT_COST_USD (OpenRouter's usage.cost).
    product.openai.enqueue({ kind: 'chat', costUsd: CHAT_COST_USD, times: AUDREY_MESSAGES.length + CAROLE_MESSAGES.length });
    for (const message of AUDREY_MESSAGES) outcomes.push(await ask('conv-audrey', message));
    for (const message of CAROLE_MESSAGES) outcomes.push(await ask('conv-carole', message));
    outcomes.push(await ask('conv-escalate', ESCALATION_MESSAGE));
    // The next answer never comes: the job passes its deadline and fails (nothing is stored for it).
    product.openai.enqueue({ kind: 'chat', stall: true });
    outcomes.push(await ask('conv-failed', 'Comment relier Zapier à mon CRM pour mes emails ?'));
    let response = await readStats('24h');
    while (response.status >= 500) response = await readStats('24h');
    expect(response.status).toBe(200);
    stats = ownerStatsSchema.parse(await response.json());
  }, 420_000);

  afterAll(async () => {
    await product?.stop();
  }, 60_000);

  it('ran the burst as scripted: two answers from each agent, one escalation, one failed job', () => {
    expect(outcomes).toEqual([
      { status: 'completed', agent: 'audrey' },
      { status: 'completed', agent: 'audrey' },
      { status: 'completed', agent: 'carole' },
      { status: 'completed', agent: 'carole' },
      { status: 'completed', agent: 'escalate' },
      { status: 'failed', agent: undefined },
    ]);
  });

  it('counts conversations, messages, agents and escalations by hand', () => {
    // The product's days are the agency's (DASHBOARD_TIME_ZONE, Europe/Paris by default).
    const today = zonedDay(Date.now(), 'Europe/Paris');
    expect(stats.time_zone).toBe('Europe/Paris');
    expect(stats.range).toBe('24h');
    expect(stats.days.at(-1)).toBe(today);
    expect(stats.conversations.total).toBe(3);
    expect(stats.messages.visitor).toBe(5);
    expect(stats.messages.answered).toBe(5);
    expect(stats.messages.per_day.find((row) => row.day === today)).toEqual({ day: today, visitor: 5, answered: 5, audrey: 2, carole: 2, escalate: 1 });
    expect(stats.agents.audrey).toMatchObject({ answers: 2, share: 0.4 });
    expect(stats.agents.carole).toMatchObject({ answers: 2, share: 0.4 });
    expect(stats.agents.escalate).toMatchObject({ answers: 1, share: 0.2 });
    expect(stats.escalations).toEqual({ cases: 1, escalated_answers: 1, rate: 0.2 });
  });

  it('gives answer time p50/p95 overall and per agent from the stored answers', async () => {
    const rows = await product.database.pool.query<{ agent: string; latency_ms: number }>(
      `SELECT agent, latency_ms FROM messages WHERE role = 'assistant' AND conversation_id LIKE $1`,
      [`%-${conversationSuffix}`],
    );
    const latencies = rows.rows.map((row) => row.latency_ms);
    expect(latencies).toHaveLength(5);
    expect(stats.answer_time.samples).toBe(5);
    expect(stats.answer_time.p50_ms).toBeCloseTo(percentileCont(latencies, 0.5), 0);
    expect(stats.answer_time.p95_ms).toBeCloseTo(percentileCont(latencies, 0.95), 0);
    for (const agent of ['audrey', 'carole'] as const) {
      const own = rows.rows.filter((row) => row.agent === agent).map((row) => row.latency_ms);
      expect(stats.agents[agent].answer_time.p50_ms).toBeCloseTo(percentileCont(own, 0.5), 0);
      expect(stats.agents[agent].answer_time.p95_ms).toBeCloseTo(percentileCont(own, 0.95), 0);
    }
  });

  it('counts the failed job, the error rate and the 5xx answers', () => {
    expect(stats.failures.failed_jobs).toBe(1);
    expect(stats.failures.error_rate).toBeCloseTo(1 / 6, 10);
    expect(stats.failures.http_5xx).toBe(serverErrorsSeen);
    expect(stats.live.queue).toMatchObject({ waiting: 0, active: 0, failed: 1 });
    expect(stats.live.workers_seen).toBe(1);
  });

  it('gives the cost per provider per day as the stand-ins billed it, against DAILY_BUDGET_USD', async () => {
    const chatCalls = product.openai.requests.slice(product.requestsBeforeStart.openai).filter((request) => request.kind === 'chat');
    const embeddingCalls = product.openai.requests.slice(product.requestsBeforeStart.openai).filter((request) => request.kind === 'embeddings');
    const rerankCalls = product.cohere.requests.slice(product.requestsBeforeStart.cohere).filter((request) => request.kind === 'rerank');
    expect(chatCalls).toHaveLength(5); // four answers and the stalled one (billed nothing)
    expect(embeddingCalls).toHaveLength(6); // every message's query embedding
    expect(rerankCalls).toHaveLength(5); // the sources of every agent answer, the failed one's included
    const embeddingTokens = embeddingCalls
      .flatMap((request) => [(request.body as { input: string | string[] }).input].flat())
      .reduce((sum, input) => sum + countTokens(input), 0);
    const expected = {
      openrouter: 4 * CHAT_COST_USD,
      openai: (embeddingTokens / 1000) * EMBEDDING_PRICE_PER_1K_TOKENS_USD,
      cohere: rerankCalls.length * RERANK_PRICE_PER_SEARCH_UNIT_USD,
    };
    expect(Object.keys(stats.cost.by_provider).sort()).toEqual(['cohere', 'openai', 'openrouter']);
    for (const [provider, cost] of Object.entries(expected)) expect(stats.cost.by_provider[provider]!.cost_usd).toBeCloseTo(cost, 8);
    expect(stats.cost.by_provider.openrouter!.calls).toBe(5);
    const total = expected.openrouter + expected.openai + expected.cohere;
    expect(stats.cost.total_usd).toBeCloseTo(total, 8);
    expect(stats.cost.daily_budget_usd).toBe(1);
    expect(stats.cost.today.spent_usd).toBeCloseTo(total, 8);
    expect(stats.cost.today.budget_share).toBeCloseTo(total / 1, 8);
    const today = stats.cost.per_day.at(-1)!;
    expect(today.providers.openrouter).toBeCloseTo(expected.openrouter, 8);
    // The day counters were copied to the database, where they outlive Redis's 8 days.
    const stored = await product.database.pool.query<{ provider: string; cost_usd: string }>(
      'SELECT provider, cost_usd FROM provider_daily_costs WHERE day = $1::date',
      [today.day],
    );
    expect(Object.fromEntries(stored.rows.map((row) => [row.provider, Number(row.cost_usd)]))).toEqual({
      openrouter: expect.closeTo(expected.openrouter, 8),
      openai: expect.closeTo(expected.openai, 8),
      cohere: expect.closeTo(expected.cohere, 8),
    });
  });

  it('turns the figures into the checklist traffic lights', () => {
    const lights = Object.fromEntries(stats.checklist.map((item) => [item.id, item.status]));
    expect(lights).toMatchObject({ escalations: 'red', agent_balance: 'green', spend: 'green' });
    expect(lights.server_errors).toBe(serverErrorsSeen === 0 ? 'green' : 'red');
    expect(['green', 'orange', 'red']).toContain(lights.answer_time);
  });

  it('gives the same totals over 7 and 30 days, refuses an unknown range (400) and answers 401 without credentials', async () => {
    for (const range of ['7d', '30d']) {
      const wider = ownerStatsSchema.parse(await (await readStats(range)).json());
      expect(wider.days).toHaveLength(range === '7d' ? 7 : 30);
      expect([wider.messages.visitor, wider.failures.failed_jobs, wider.cost.total_usd]).toEqual([5, 1, stats.cost.total_usd]);
    }
    expect((await readStats('1y')).status).toBe(400);
    const anonymous = await fetch(`${product.baseUrl}/admin/stats`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toMatch(/^Basic/);
    expect((await readStats('24h', `Basic ${Buffer.from('owner:wrong').toString('base64')}`)).status).toBe(401);
  });

  it.runIf(mode === 'postgres')('shows the same figures on /admin/dashboard in Chromium (phone and desktop screenshots)', async () => {
    await checkDashboardInChromium({ baseUrl: product.baseUrl, user: 'owner', password: product.env.ADMIN_PASSWORD!, readStats: async () => (await readStats('24h')).json() });
  }, 120_000);
});
