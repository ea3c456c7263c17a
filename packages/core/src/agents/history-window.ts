import type { HistoryMessage } from '../capabilities/capabilities.ts';

/**
 * The conversation history given to an agent, bounded by an estimated token budget
 * (HISTORY_TOKEN_BUDGET): the most recent messages are kept whole, older ones dropped; a window never
 * starts with an assistant message whose question was dropped. The estimate needs no tokenizer: about
 * 3.5 characters per token for French text (BPE tokenizers of the Claude/GPT families), plus a few
 * tokens of per-message overhead; it errs on the side of more tokens.
 */

export const CHARACTERS_PER_TOKEN = 3.5;
export const MESSAGE_OVERHEAD_TOKENS = 4;

export function estimateTokens(text: string): number {
  if (text === '') return 0;
  return Math.ceil(Array.from(text).length / CHARACTERS_PER_TOKEN);
}

export const estimateMessageTokens = (message: Pick<HistoryMessage, 'content'>) =>
  estimateTokens(message.content) + MESSAGE_OVERHEAD_TOKENS;

export interface HistoryWindow {
  messages: HistoryMessage[];
  estimatedTokens: number;
  /** Messages left out (older than the window). */
  dropped: number;
}

/** The newest messages of `history` (oldest first) that fit in `tokenBudget`. */
export function windowHistoryByTokens(history: readonly HistoryMessage[], tokenBudget: number): HistoryWindow {
  const kept: HistoryMessage[] = [];
  let used = 0;
  for (let index = history.length - 1; index >= 0; index -= 1) {
    const message = history[index]!;
    const cost = estimateMessageTokens(message);
    if (used + cost > tokenBudget) break;
    kept.unshift(message);
    used += cost;
  }
  // An answer without its question reads as an unprompted statement: drop it.
  while (kept.length > 0 && kept[0]!.role === 'assistant' && kept.length < history.length) {
    used -= estimateMessageTokens(kept.shift()!);
  }
  return { messages: kept, estimatedTokens: used, dropped: history.length - kept.length };
}
