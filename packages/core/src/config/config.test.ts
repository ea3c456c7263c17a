import { describe, expect, it } from 'vitest';
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

  it('picks the database by precedence: DATABASE_URL, then Supabase, then embedded', () => {
    expect(databaseModeOf(loadConfig({ SUPABASE_URL: 'https://x.supabase.co', SUPABASE_SERVICE_KEY: 'k' }))).toBe('supabase');
    expect(
      databaseModeOf(loadConfig({ DATABASE_URL: 'postgres://u@h/db', SUPABASE_URL: 'https://x.supabase.co', SUPABASE_SERVICE_KEY: 'k' })),
    ).toBe('postgres');
    expect(databaseModeOf(loadConfig({ DATABASE_URL: '  ' }))).toBe('embedded');
  });
});
