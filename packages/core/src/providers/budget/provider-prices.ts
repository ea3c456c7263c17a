/**
 * Prices used to reserve the worst case before a call and to cost calls whose response carries no
 * cost. Chat prices come from CHAT_MODEL_PRICES_USD_PER_MTOK (`model=input/output,...`, USD per
 * million tokens, config/chat-price-settings.ts); embeddings per 1k tokens; rerank per search unit.
 */
import { parseChatPrice, parseChatPriceTable, type ChatPrice } from '../../config/chat-price-settings.ts';
export type { ChatPrice };

export class ChatPriceTable {
  private readonly prices: Map<string, ChatPrice>;
  private readonly defaultPrice: ChatPrice;

  constructor(table: string, defaultPrice: string) {
    this.prices = parseChatPriceTable(table);
    this.defaultPrice = parseChatPrice(defaultPrice, 'CHAT_DEFAULT_PRICE_USD_PER_MTOK');
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
