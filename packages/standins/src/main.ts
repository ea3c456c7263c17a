import { startCohereRerankStandin } from './cohere-rerank-standin.ts';
import { startOpenAICompatibleStandin } from './openai-compatible-standin.ts';

/**
 * Runs both stand-ins, for `pnpm start` pointed at them:
 *
 *   tsx packages/standins/src/main.ts
 *   OPENROUTER_API_KEY=x OPENAI_API_KEY=x COHERE_API_KEY=x \
 *   OPENROUTER_BASE_URL=http://127.0.0.1:4010/v1 OPENAI_BASE_URL=http://127.0.0.1:4010/v1 \
 *   COHERE_BASE_URL=http://127.0.0.1:4020 pnpm start
 *
 * Settings (environment): STANDIN_HOST (127.0.0.1), STANDIN_OPENAI_PORT (4010), STANDIN_COHERE_PORT (4020),
 * latencies in ms: STANDIN_ROUTER_LATENCY_MS, STANDIN_CHAT_LATENCY_MS, STANDIN_FIRST_TOKEN_MS,
 * STANDIN_STREAM_DURATION_MS, STANDIN_EMBEDDING_LATENCY_MS, STANDIN_RERANK_LATENCY_MS (all 0 by default).
 * Behaviours can be scripted while it runs through each server's /__control/ API.
 */
const numberFromEnv = (name: string, fallback: number): number => {
  const value = process.env[name];
  const parsed = value === undefined || value === '' ? fallback : Number(value);
  if (!Number.isFinite(parsed) || parsed < 0) throw new Error(`${name} must be a non-negative number`);
  return parsed;
};

const host = process.env.STANDIN_HOST ?? '127.0.0.1';
const openai = await startOpenAICompatibleStandin({
  host,
  port: numberFromEnv('STANDIN_OPENAI_PORT', 4010),
  defaults: {
    routerLatencyMs: numberFromEnv('STANDIN_ROUTER_LATENCY_MS', 0),
    chatLatencyMs: numberFromEnv('STANDIN_CHAT_LATENCY_MS', 0),
    firstTokenLatencyMs: numberFromEnv('STANDIN_FIRST_TOKEN_MS', 0),
    streamDurationMs: numberFromEnv('STANDIN_STREAM_DURATION_MS', 0),
    embeddingLatencyMs: numberFromEnv('STANDIN_EMBEDDING_LATENCY_MS', 0),
  },
});
const cohere = await startCohereRerankStandin({
  host,
  port: numberFromEnv('STANDIN_COHERE_PORT', 4020),
  defaults: { rerankLatencyMs: numberFromEnv('STANDIN_RERANK_LATENCY_MS', 0) },
});

process.stdout.write(
  `${JSON.stringify({ message: 'stand-ins listening', openai_compatible_base_url: openai.baseUrl, cohere_base_url: cohere.baseUrl })}\n`,
);

const stop = async () => {
  await Promise.all([openai.close(), cohere.close()]);
  process.exit(0);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
