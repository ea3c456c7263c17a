import { startOpenAICompatibleStandin } from '@lac/standins';
import { standinAroundTests } from '@lac/standins/standin-around-tests';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/config.ts';
import { createLogger } from '../logging/logger.ts';
import { createCapabilities } from '../providers/create-capabilities.ts';

const logger = createLogger({ level: 'silent' });
const openai = standinAroundTests(() => startOpenAICompatibleStandin());

const routerWith = async (env: Record<string, string>) =>
  (
    await createCapabilities({
      config: loadConfig({
        OPENROUTER_API_KEY: 'or-key',
        OPENROUTER_BASE_URL: openai().baseUrl,
        PROVIDER_MAX_ATTEMPTS: '1',
        PROVIDER_CALL_TIMEOUT_MS: '2000',
        ...env,
      }),
      logger,
    })
  ).router;
const llmCalls = () => openai().requests.filter((request) => request.kind === 'chat').length;
const json = (value: object) => JSON.stringify(value);

describe('LocalFirstRouter (ROUTER_MODE=local_first, through createCapabilities and the OpenRouter stand-in)', () => {
  const router = () => routerWith({ ROUTER_MODE: 'local_first', ROUTER_LLM_CONFIDENCE_THRESHOLD: '0.6' });

  it('keeps confident local decisions local: no LLM call', async () => {
    const decision = await (await router()).route({ message: 'Comment faire un Reel Instagram qui engage ?', history: [] });
    expect(decision).toMatchObject({ agent: 'carole', method: 'local' });
    expect(decision.confidence).toBeGreaterThanOrEqual(0.6);
    expect(llmCalls()).toBe(0);
  });

  it('never sends a clear escalation to the LLM (recall first)', async () => {
    const decision = await (await router()).route({ message: 'Je veux être remboursée immédiatement', history: [] });
    expect(decision).toMatchObject({ agent: 'escalate', method: 'local' });
    expect(llmCalls()).toBe(0);
  });

  it('asks the LLM router when the local router is unsure, and reads its clarification flag', async () => {
    openai().enqueue({ kind: 'chat', text: json({ agent: 'carole', confidence: 0.55, reasoning: 'trop vague', clarify: true }) });
    const decision = await (await router()).route({ message: 'Bonjour, je me pose une question', history: [] });
    expect(llmCalls()).toBe(1);
    expect(decision).toMatchObject({ kind: 'clarify', agent: 'carole', method: 'llm', reasoning: 'trop vague' });
  });

  it('reads the category of an LLM escalation', async () => {
    openai().enqueue({ kind: 'chat', text: json({ agent: 'escalate', confidence: 0.9, reasoning: 'hors sujet', category: 'out_of_scope' }) });
    const decision = await (await router()).route({ message: 'Tu connais un bon restaurant à Lyon ?', history: [] });
    expect(decision).toMatchObject({ kind: 'escalate', agent: 'escalate', category: 'out_of_scope', method: 'llm', reasoning: 'hors sujet' });
  });

  it('gives the LLM the conversation for an unsure follow-up', async () => {
    openai().enqueue({ kind: 'chat', text: json({ agent: 'audrey', confidence: 0.8, reasoning: 'suite du tunnel' }) });
    const decision = await (await router()).route({
      message: 'Et comment je mets en avant mon offre de vente sur mes visuels ?',
      history: [
        { role: 'user', content: 'Comment créer mon tunnel de vente ?', agent: null },
        { role: 'assistant', content: 'Étape 1 : ta page de capture…', agent: 'audrey' },
      ],
    });
    expect(decision.method).toBe('llm');
    const sent = JSON.stringify(openai().requests.at(-1)?.body);
    expect(sent).toContain('Derniers échanges');
    expect(sent).toContain('tunnel de vente');
  });

  it('falls back to the local decision when the LLM router fails', async () => {
    openai().enqueue({ kind: 'chat', status: 503, times: 10 });
    const decision = await (await router()).route({ message: 'Tu peux m’aider ?', history: [] });
    expect(decision.method).toBe('fallback');
    expect(decision.kind).toBe('clarify');
    expect(decision.agent).not.toBe('escalate');
  });
});

describe('ROUTER_MODE', () => {
  it('local_only never calls the LLM, even for a vague message', async () => {
    const decision = await (await routerWith({ ROUTER_MODE: 'local_only' })).route({ message: 'Bonjour', history: [] });
    expect(decision.method).toBe('local');
    expect(llmCalls()).toBe(0);
  });

  it('always_llm calls the LLM for every message', async () => {
    const router = await routerWith({ ROUTER_MODE: 'always_llm' });
    await router.route({ message: 'Comment faire un Reel Instagram ?', history: [] });
    await router.route({ message: 'Je veux être remboursée', history: [] });
    expect(llmCalls()).toBe(2);
  });

  it('always_llm still leaves distress and emergencies to the local router, which hands them over', async () => {
    const router = await routerWith({ ROUTER_MODE: 'always_llm' });
    const before = llmCalls();
    const decision = await router.route({ message: "Je n'en peux plus, je pense à en finir", history: [] });
    expect(decision).toMatchObject({ kind: 'escalate', category: 'human', method: 'local' });
    expect(llmCalls()).toBe(before);
  });

  it('without an OpenRouter key every mode is local', async () => {
    const capabilities = await createCapabilities({ config: loadConfig({ ROUTER_MODE: 'always_llm' }), logger });
    expect((await capabilities.router.route({ message: 'Bonjour', history: [] })).method).toBe('local');
  });
});
