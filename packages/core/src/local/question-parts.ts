/**
 * The questions of a message that asks two or more ("Quel format pour les stories et combien de temps
 * doit durer un reel ?", "Comment relancer les paniers abandonnés ? Et quelle taille pour les
 * photos ?"): split where a question ends with more text after it, or where "et" (also "mais",
 * "aussi") opens a new question word, or "c'est quoi" ("…, et c'est quoi la bonne taille ?"). Each part is ranked on its own by the offline answerer, so
 * that the better-matched one does not take every passage. One part (or none) for a single question.
 */
const NEW_QUESTION_AFTER_AND = /\s+(?:et|mais|aussi|and)\s+(?=(?:est[- ]ce|c['’ ]?est quoi|comment|pourquoi|quel(?:le)?s?|combien|où|ou|quand|qui|que|qu['’]|peut[- ]on|puis[- ]je|on peut|je peux|faut[- ]il|y a[- ]t[- ]il|how|what|which|when|where|why|can|do|is)\b)/giu;
const MIN_PART_WORDS = 3;

/** A question word anywhere in a text ("…? capcut ou inshot" asks; "…? j'utilise Zapier et Calendly" does not). */
const ASKS = /(?:^|[^\p{L}])(?:est[- ]ce|c['’ ]?est quoi|comment|pourquoi|quel(?:le)?s?|combien|où|quand|qui|que|qu['’]|peut[- ]on|puis[- ]je|on peut|je peux|faut[- ]il|y a[- ]t[- ]il|how|what|which|when|where|why|can|ou)(?![\p{L}])/iu;

export const asksSomething = (text: string): boolean => ASKS.test(text);

export function questionPartsOf(message: string): string[] {
  const pieces = message.split(/\?+/u);
  // The text after the last question mark that asks nothing ("…quand il a payé ? j'utilise Zapier et Calendly", "…? rgpd
  // tout ça") is context of the question, not a second one (story-before-the-question.ts weighs its words half).
  const last = pieces.at(-1)!;
  if (pieces.length >= 2 && last.trim() !== '' && !asksSomething(last)) pieces.pop();
  const parts = pieces
    .flatMap((piece) => piece.split(NEW_QUESTION_AFTER_AND))
    .map((part) => part.trim())
    .filter((part) => part.split(/\s+/).length >= MIN_PART_WORDS);
  return parts.length >= 2 ? parts : [];
}

/**
 * The best passage for each part of a many-question message (`bestFor(part)` ranks the sources for
 * one part), in the order of the parts, without repeats. Empty for a single question.
 */
export function bestPassagePerPart<Passage>(message: string, bestFor: (part: string) => Passage | undefined): Passage[] {
  const chosen: Passage[] = [];
  for (const part of questionPartsOf(message)) {
    const best = bestFor(part);
    if (best !== undefined && !chosen.includes(best)) chosen.push(best);
  }
  return chosen;
}
