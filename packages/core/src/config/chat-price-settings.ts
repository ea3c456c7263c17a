/**
 * The grammar of CHAT_MODEL_PRICES_USD_PER_MTOK (`model=input/output,...`) and
 * CHAT_DEFAULT_PRICE_USD_PER_MTOK (`input/output`), USD per million tokens: read by the settings'
 * schema (a bad value refused at start, naming the setting) and by the providers' price table, one
 * reading for both.
 */
export interface ChatPrice {
  inputPerMillion: number;
  outputPerMillion: number;
}

/** "3/15", "0.25 / 1.25": two non-negative decimals. */
const PRICE_PAIR = /^\s*(\d+(?:\.\d+)?)\s*\/\s*(\d+(?:\.\d+)?)\s*$/;

/** `input/output`; throws naming `setting` when the text is not one. */
export function parseChatPrice(text: string, setting: string): ChatPrice {
  const match = PRICE_PAIR.exec(text);
  if (match === null) throw new Error(`${setting}: expected "input/output" USD per million tokens, got "${text}"`);
  return { inputPerMillion: Number(match[1]), outputPerMillion: Number(match[2]) };
}

/** `model=input/output,...` (empty entries skipped); throws naming the setting at the first bad entry. */
export function parseChatPriceTable(table: string): Map<string, ChatPrice> {
  const setting = 'CHAT_MODEL_PRICES_USD_PER_MTOK';
  const prices = new Map<string, ChatPrice>();
  for (const entry of table.split(',').map((part) => part.trim()).filter(Boolean)) {
    const separator = entry.indexOf('=');
    if (separator <= 0) throw new Error(`${setting}: expected model=input/output, got "${entry}"`);
    prices.set(entry.slice(0, separator).trim(), parseChatPrice(entry.slice(separator + 1), setting));
  }
  return prices;
}
