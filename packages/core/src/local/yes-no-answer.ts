import { contentStems } from '../french-text/french-text.ts';
import { QUESTION_HEADING } from './answer-passages.ts';
import type { ScoredPassage } from './passage-ranking.ts';

/** An answer that opens on a bare yes or no ("Oui. Désactive alors…", "Non si tu coches…"). */
const OPENS_ON_YES_OR_NO = /^(?:oui|non)(?![\p{L}\p{N}])/iu;

/**
 * Whether the passage is an FAQ answer that opens on a bare yes or no under a question the visitor
 * did not ask: its heading is a question and shares no word with the message but the document's
 * title's. Quoted first, it answers another question ("mon flow shopify ne s'envoie pas" opened
 * with "Oui. Désactive alors les flows Shopify équivalents…", the answer to "Puis-je utiliser Klaviyo
 * à la place ?", blind round 14); "combien de hashtags ?" still opens with "Oui, mais peu." under
 * "Faut-il encore des hashtags ?".
 */
export function answersOnlyItsOwnHeading(passage: Pick<ScoredPassage, 'text' | 'heading'>, message: string, title: string): boolean {
  if (!OPENS_ON_YES_OR_NO.test(passage.text.trim()) || !QUESTION_HEADING.test(passage.heading)) return false;
  const asked = new Set(contentStems(message));
  const titleStems = new Set(contentStems(title));
  return !contentStems(passage.heading).some((stem) => asked.has(stem) && !titleStems.has(stem));
}
