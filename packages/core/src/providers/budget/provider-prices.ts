/**
 * Prices used to reserve the worst case before a call and to cost calls whose response carries no
 * cost. Chat prices come from CHAT_MODEL_PRICES_USD_PER_MTOK (`model=input/output,...`, USD per
 * million tokens); embeddings per 1k tokens; rerank per search unit.
 */
export interface ChatPrice {
  inputPerMillion: number;
  outputPerMillion: number;
}

function parsePricePair(text: string, where: string): ChatPrice {
  const [input, output] = text.split('/').map((part) => Number(part.trim()));
  if (input === undefined || output === undefined || !Number.isFinite(input) || !Number.isFinite(output) || input < 0 || output < 0) {
    throw new Error(`${where}: expected "input/output" USD per million tokens, got "${text}"`);
  }
  return { inputPerMillion: input, outputPerMillion: output };
}

export class ChatPriceTable {
  private readonly prices = new Map<string, ChatPrice>();
  private readonly defaultPrice: ChatPrice;

  constructor(table: string, defaultPrice: string) {
    for (const entry of table.split(',').map((part) => part.trim()).filter(Boolean)) {
      const separator = entry.lastIndexOf('=');
      if (separator <= 0) throw new Error(`CHAT_MODEL_PRICES_USD_PER_MTOK: expected model=input/output, got "${entry}"`);
      this.prices.set(entry.slice(0, separator).trim(), parsePricePair(entry.slice(separator + 1), 'CHAT_MODEL_PRICES_USD_PER_MTOK'));
    }
    this.defaultPrice = parsePricePair(defaultPrice, 'CHAT_DEFAULT_PRICE_USD_PER_MTOK');
  }

  priceOf(model: string): ChatPrice {
    return this.prices.get(model) ?? this.defaultPrice;
  }

  costOf(model: string, promptTokens: number, completionTokens: number): number {
    const price = this.priceOf(model);
    return (promptTokens * price.inputPerMillion + completionTokens * price.outputPerMillion) / 1e6;
  }

  /** Worst case of one call: the prompt (estimated from its characters, generously) and a full answer. */
  worstCaseOf(model: string, promptCharacters: number, maxCompletionTokens: number): number {
    return this.costOf(model, estimateTokensFromCharacters(promptCharacters), maxCompletionTokens);
  }
}

/** A generous token estimate: 1 token per 2.5 characters (French text runs ~3.5-4 characters per token). */
export function estimateTokensFromCharacters(characters: number): number {
  return Math.ceil(characters / 2.5) + 16;
}

export function embeddingCostUsd(tokens: number, pricePer1kTokens: number): number {
  return (tokens / 1000) * pricePer1kTokens;
}

export function rerankCostUsd(searchUnits: number, pricePerSearchUnit: number): number {
  return searchUnits * pricePerSearchUnit;
}

/** Cohere bills one search unit per query with up to 100 documents (each up to 500 tokens). */
export function estimateRerankSearchUnits(documentCount: number): number {
  return Math.max(1, Math.ceil(documentCount / 100));
}
