/**
 * The settings that put the product in live mode against running stand-ins: every provider key set
 * (any value: the stand-ins accept any key unless told otherwise) and every base URL pointed at them.
 */
export function liveProviderEnvFor(openai: { baseUrl: string }, cohere: { baseUrl: string }): Record<string, string> {
  return {
    OPENROUTER_API_KEY: 'standin-key',
    OPENAI_API_KEY: 'standin-key',
    COHERE_API_KEY: 'standin-key',
    OPENROUTER_BASE_URL: openai.baseUrl,
    OPENAI_BASE_URL: openai.baseUrl,
    COHERE_BASE_URL: cohere.baseUrl,
  };
}
