import type { HistoryMessage } from '../capabilities/capabilities.ts';

/**
 * The conversation history given to an agent, bounded by an estimated token budget
 * (HISTORY_TOKEN_BUDGET): the most recent messages are kept whole, older ones dropped; a window never
 * starts with an assistant message whose question was dropped. When not even the latest exchange
 * fits whole (a long answer), it is kept shortened rather than dropped: its question, then the
 * beginning of each message after it, so that a follow-up ("et ensuite ?") still has its context.
 * The estimate needs no tokenizer: about 3.5 characters per token for French text (BPE tokenizers
 * of the Claude/GPT families), plus a few tokens of per-message overhead; it errs on the side of
 * more tokens.
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
  if (kept.length === 0 && history.length > 0) {
    const shortened = shortenedLatestExchange(history, tokenBudget);
    if (shortened !== null) return shortened;
  }
  return { messages: kept, estimatedTokens: used, dropped: history.length - kept.length };
}

/** The shortest a shortened message may be (characters): below it, it says nothing useful. */
const MINIMUM_SHORTENED_CHARACTERS = 40;

/**
 * The latest question and every message after it, each cut to its share of the budget, or null when
 * a share is too small. The messages after the question keep their whole text when it fits in two
 * thirds of the budget (the question gets the rest); otherwise the question gets at most a third
 * and the messages after it share what it leaves.
 */
function shortenedLatestExchange(history: readonly HistoryMessage[], tokenBudget: number): HistoryWindow | null {
  let questionIndex = history.length - 1;
  while (questionIndex >= 0 && history[questionIndex]!.role !== 'user') questionIndex -= 1;
  if (questionIndex < 0) return null;
  const [question, ...after] = history.slice(questionIndex) as [HistoryMessage, ...HistoryMessage[]];
  const afterWhole = after.reduce((sum, message) => sum + estimateMessageTokens(message), 0);
  let shortenedQuestion: HistoryMessage | null;
  let shortenedAfter: Array<HistoryMessage | null>;
  if (afterWhole <= Math.floor((tokenBudget * 2) / 3)) {
    shortenedQuestion = shortenedMessage(question, tokenBudget - afterWhole);
    shortenedAfter = after;
  } else {
    shortenedQuestion = shortenedMessage(question, Math.min(estimateMessageTokens(question), Math.floor(tokenBudget / 3)));
    const left = tokenBudget - (shortenedQuestion === null ? 0 : estimateMessageTokens(shortenedQuestion));
    shortenedAfter = after.map((message) => shortenedMessage(message, Math.floor(left / after.length)));
  }
  if (shortenedQuestion === null || shortenedAfter.some((message) => message === null)) return null;
  const messages = [shortenedQuestion, ...(shortenedAfter as HistoryMessage[])];
  const estimatedTokens = messages.reduce((sum, message) => sum + estimateMessageTokens(message), 0);
  return { messages, estimatedTokens, dropped: questionIndex };
}

/** `message` within `tokens` estimated tokens (overhead included), or null when too little of it fits. */
function shortenedMessage(message: HistoryMessage, tokens: number): HistoryMessage | null {
  const content = shortenedTo(message.content, tokens - MESSAGE_OVERHEAD_TOKENS);
  return content === null ? null : { ...message, content };
}

const graphemes = new Intl.Segmenter('fr', { granularity: 'grapheme' });

/** `text` within `tokens` estimated tokens: whole, or its beginning cut at a word and marked " …"; null when too few fit. */
function shortenedTo(text: string, tokens: number): string | null {
  if (estimateTokens(text) <= tokens) return text;
  const maxCharacters = Math.floor(tokens * CHARACTERS_PER_TOKEN) - 2;
  if (maxCharacters < MINIMUM_SHORTENED_CHARACTERS) return null;
  // Whole characters as seen (an emoji of several joined code points is kept or dropped whole),
  // counted in code points as estimateTokens counts them.
  let cut = '';
  let codePoints = 0;
  for (const { segment } of graphemes.segment(text)) {
    const length = Array.from(segment).length;
    if (codePoints + length > maxCharacters) break;
    cut += segment;
    codePoints += length;
  }
  const lastSpace = cut.lastIndexOf(' ');
  if (lastSpace > maxCharacters / 2) cut = cut.slice(0, lastSpace);
  return `${cut.trimEnd()} …`;
}
