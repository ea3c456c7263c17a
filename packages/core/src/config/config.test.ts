import { describe, expect, it } from 'vitest';
import { redisTargetOf } from '../redis/redis-connection.ts';
import { RedisKeys } from '../redis/redis-keys.ts';
import { ConfigError, databaseModeOf, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('has a documented default for every setting', () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(8000);
    expect(config.REDIS_URL).toBe('redis://127.0.0.1:6379');
    expect(config.RATE_LIMIT_MESSAGES).toBe(10);
    expect(config.RATE_LIMIT_WINDOW_SECONDS).toBe(60);
    expect(config.RAG_SIMILARITY_THRESHOLD).toBe(0.7);
    expect(config.RAG_INITIAL_RESULTS).toBe(20);
    expect(config.RAG_RERANK_TOP_N).toBe(3);
    expect(databaseModeOf(config)).toBe('embedded');
  });

  it('reads the shutdown deadlines of the API and the worker: 10 s of drain, 10 s for the closes, a second at least', () => {
    expect(loadConfig({})).toMatchObject({ API_SHUTDOWN_DRAIN_MS: 10_000, SHUTDOWN_CLOSE_MARGIN_MS: 10_000 });
    expect(loadConfig({ API_SHUTDOWN_DRAIN_MS: '2000', SHUTDOWN_CLOSE_MARGIN_MS: '3000' })).toMatchObject({ API_SHUTDOWN_DRAIN_MS: 2_000, SHUTDOWN_CLOSE_MARGIN_MS: 3_000 });
    expect(() => loadConfig({ SHUTDOWN_CLOSE_MARGIN_MS: '0' })).toThrow(/SHUTDOWN_CLOSE_MARGIN_MS/);
  });

  it("keeps today's API_PORT and API_HOST working, PORT and HOST win", () => {
    expect(loadConfig({ API_PORT: '9000', API_HOST: '127.0.0.1' })).toMatchObject({ PORT: 9000, HOST: '127.0.0.1' });
    expect(loadConfig({ API_PORT: '9000', PORT: '9100' }).PORT).toBe(9100);
  });

  it('parses booleans explicitly: "false" is false', () => {
    expect(loadConfig({ SEED_KNOWLEDGE_BASE: 'false' }).SEED_KNOWLEDGE_BASE).toBe(false);
    expect(loadConfig({ SEED_KNOWLEDGE_BASE: '0' }).SEED_KNOWLEDGE_BASE).toBe(false);
    expect(loadConfig({ SEED_KNOWLEDGE_BASE: 'yes' }).SEED_KNOWLEDGE_BASE).toBe(true);
    expect(() => loadConfig({ SEED_KNOWLEDGE_BASE: 'maybe' })).toThrow(ConfigError);
  });

  it('names the setting that is wrong', () => {
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(/PORT/);
    expect(() => loadConfig({ RATE_LIMIT_MESSAGES: '0' })).toThrow(/RATE_LIMIT_MESSAGES/);
  });

  it('refuses at start, naming the setting, a value that would leave a process half-broken', () => {
    const refused: Array<[setting: string, value: string]> = [
      ['DATABASE_URL', 'notaurl'],
      ['ESCALATION_WEBHOOK_URL', 'notaurl'],
      ['REDIS_URL', 'redis//127.0.0.1:6379'],
      ['REDIS_URL', 'http://127.0.0.1:6379'],
      ['ALLOWED_ORIGINS', 'www.example.fr'],
      ['TRUST_PROXY', 'maybe'],
      ['TRUST_PROXY', '10.0.0.0/40'],
      ['CHAT_MODEL_PRICES_USD_PER_MTOK', 'garbage'],
      ['CHAT_DEFAULT_PRICE_USD_PER_MTOK', '3'],
      ['EMBEDDING_DIMENSIONS', '768'],
    ];
    for (const [setting, value] of refused) expect(() => loadConfig({ [setting]: value }), `${setting}=${value}`).toThrow(new RegExp(setting));
    const accepted = loadConfig({
      DATABASE_URL: 'postgresql://lac@db:5432/lac',
      ESCALATION_WEBHOOK_URL: 'https://hooks.example.fr/lac',
      REDIS_URL: 'rediss://:pw@redis:6380',
      ALLOWED_ORIGINS: 'https://www.example.fr/, http://localhost:3000',
      TRUST_PROXY: 'loopback, 172.16.0.0/12, fd00::/8',
    });
    expect(accepted.TRUST_PROXY).toBe('loopback, 172.16.0.0/12, fd00::/8');
    expect(loadConfig({ TRUST_PROXY: '1' }).TRUST_PROXY).toBe('1');
  });

  it('METRICS_BEARER_TOKEN: unset by default, at least 16 characters, and no blank inside (a scrape could never bear it: /metrics would answer 401 for ever)', () => {
    expect(loadConfig({}).METRICS_BEARER_TOKEN).toBeUndefined();
    expect(loadConfig({ METRICS_BEARER_TOKEN: ' jeton-de-scrape-0123456789 ' }).METRICS_BEARER_TOKEN).toBe('jeton-de-scrape-0123456789');
    for (const value of ['trop-court', 'jeton de scrape 0123456789', 'jeton-de-scrape\t0123456789']) {
      expect(() => loadConfig({ METRICS_BEARER_TOKEN: value }), value).toThrow(/METRICS_BEARER_TOKEN/);
    }
  });

  it('API_REQUEST_BUDGET_MS: 0 (none) or at least one API_DEPENDENCY_TIMEOUT_MS, else every post would be refused 503 with healthy dependencies', () => {
    expect(loadConfig({}).API_REQUEST_BUDGET_MS).toBe(6_000);
    expect(loadConfig({ API_REQUEST_BUDGET_MS: '0' }).API_REQUEST_BUDGET_MS).toBe(0);
    expect(loadConfig({ API_REQUEST_BUDGET_MS: '800', API_DEPENDENCY_TIMEOUT_MS: '800' }).API_REQUEST_BUDGET_MS).toBe(800);
    expect(() => loadConfig({ API_REQUEST_BUDGET_MS: '500' })).toThrow(/API_REQUEST_BUDGET_MS/);
    expect(() => loadConfig({ API_REQUEST_BUDGET_MS: '3000', API_DEPENDENCY_TIMEOUT_MS: '5000' })).toThrow(/API_REQUEST_BUDGET_MS/);
  });

  it('DASHBOARD_TIME_ZONE: an IANA zone, Europe/Paris by default; an unknown zone or an offset is refused, naming the setting', () => {
    expect(loadConfig({}).DASHBOARD_TIME_ZONE).toBe('Europe/Paris');
    expect(loadConfig({ DASHBOARD_TIME_ZONE: ' America/Montreal ' }).DASHBOARD_TIME_ZONE).toBe('America/Montreal');
    expect(loadConfig({ DASHBOARD_TIME_ZONE: 'UTC' }).DASHBOARD_TIME_ZONE).toBe('UTC');
    for (const value of ['Europe/Pariss', 'Paris', '+01:00', 'UTC+1', '']) {
      expect(() => loadConfig({ DASHBOARD_TIME_ZONE: value }), value).toThrow(/DASHBOARD_TIME_ZONE: doit être un fuseau horaire IANA/);
    }
  });

  it('picks the database by precedence: DATABASE_URL, then Supabase, then embedded', () => {
    expect(databaseModeOf(loadConfig({ SUPABASE_URL: 'https://x.supabase.co', SUPABASE_SERVICE_KEY: 'k' }))).toBe('supabase');
    expect(
      databaseModeOf(loadConfig({ DATABASE_URL: 'postgres://u@h/db', SUPABASE_URL: 'https://x.supabase.co', SUPABASE_SERVICE_KEY: 'k' })),
    ).toBe('postgres');
    expect(databaseModeOf(loadConfig({ DATABASE_URL: '  ' }))).toBe('embedded');
  });
});

describe('Redis Cluster settings', () => {
  it('REDIS_CLUSTER_NODES wins over REDIS_URL and gives QUEUE_PREFIX the hash tag BullMQ needs', () => {
    const config = loadConfig({ REDIS_CLUSTER_NODES: '10.0.0.1:7000, 10.0.0.2:7001', REDIS_URL: 'rediss://:pw@10.0.0.1:7000' });
    expect(config.QUEUE_PREFIX).toBe('{lac}');
    expect(redisTargetOf(config)).toEqual({
      kind: 'cluster',
      nodes: [
        { host: '10.0.0.1', port: 7000 },
        { host: '10.0.0.2', port: 7001 },
      ],
      url: 'rediss://:pw@10.0.0.1:7000',
    });
    expect(loadConfig({ REDIS_CLUSTER_NODES: 'redis-a:7000', QUEUE_PREFIX: '{mine}' }).QUEUE_PREFIX).toBe('{mine}');
    expect(loadConfig({ QUEUE_PREFIX: 'lac' }).QUEUE_PREFIX).toBe('lac');
    expect(redisTargetOf(loadConfig({ REDIS_CLUSTER_NODES: ' ' }))).toEqual({ kind: 'single', url: 'redis://127.0.0.1:6379' });
  });

  it('names REDIS_CLUSTER_NODES when a seed is not host:port', () => {
    expect(() => loadConfig({ REDIS_CLUSTER_NODES: '10.0.0.1' })).toThrow(/REDIS_CLUSTER_NODES/);
    expect(() => loadConfig({ REDIS_CLUSTER_NODES: 'a:1,,b:2' })).toThrow(/REDIS_CLUSTER_NODES/);
  });

  it('keeps conversation keys out of the queue prefix hash tag, so conversations spread over slots', () => {
    const keys = new RedisKeys('{lac}');
    expect(keys.conversationOrder('c-1')).toBe('lac:order:{c:c-1}');
    expect(keys.idempotency('c-1', 'k')).toBe('lac:idem:{c:c-1}:k');
    expect(keys.rateLimit('a{b}:c')).toBe(`lac:rl:{c:${encodeURIComponent('a{b}:c')}}`);
  });
});
