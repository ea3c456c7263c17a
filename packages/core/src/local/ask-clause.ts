/**
 * A message's sentences as the router reads its ask: split after ".", "!", "?" or "…" and at line
 * breaks, and a question that tells its story in the same sentence, joined by a comma, split before
 * the clause that asks ("…sur ma page de vente, on m'a parlé de mockup, comment on fait dans Canva ?",
 * blind round 14): the story is then the sentence before the ask, as it is when the visitor puts a
 * full stop. Only the clause that opens with a question word after a comma, in the question that
 * ends the message; "Comment je fais X, Y et Z ?" stays whole (no question word after its comma).
 */
const CLAUSE_THAT_ASKS = /,\s+(?=(?:et |mais |du coup |alors )?(?:(?:comment|pourquoi|combien|quels?|quelles?|c['’]est quoi|où|je fais comment|on fait comment)(?![\p{L}\p{N}])|est-ce qu|qu['’]est-ce qu))/giu;

export function sentencesWithTheirAsk(message: string): string[] {
  const sentences = message.split(/(?<=[.!?…])\s+|\n+/).map((sentence) => sentence.trim()).filter((sentence) => sentence !== '');
  const last = sentences.at(-1);
  if (last === undefined || !last.endsWith('?')) return sentences;
  const boundaries = [...last.matchAll(CLAUSE_THAT_ASKS)];
  const boundary = boundaries.at(-1);
  if (boundary?.index === undefined) return sentences;
  const story = last.slice(0, boundary.index).trim();
  const ask = last.slice(boundary.index + boundary[0].length).trim();
  return story === '' || ask === '' ? sentences : [...sentences.slice(0, -1), story, ask];
}
