import { contentStems, foldFrench, frenchStopWords } from '../french-text/french-text.ts';
import { MARKDOWN_HEADING_LINE } from '../local/answer-passages.ts';

/**
 * Two cues that a chunk answers a short message although its heading does not name the message's
 * topic (clarify-unless-knowledge-answers.ts):
 * - a name: the one word the question is about is written with a capital inside the sentence
 *   ("C'est qui Margaux ?", "Vous utilisez Brevo ?"), so it names someone or something, and a chunk
 *   that holds it speaks of that very one;
 * - a term of two words: two topic words of the message side by side ("c'est quoi un order bump",
 *   or with one function word between: "payer par virement") found so in the chunk name one
 *   thing, as two scattered words do not.
 */

const WORDS = /[\p{L}\p{N}'’-]+/gu;

/** Whether the message writes `stem` (its one-word topic) as a name: capitalised, not opening a sentence ("Bonjour. Horaires ?"). */
export function oneWordTopicIsAName(message: string, stem: string): boolean {
  return message.split(/[.!?…\n]+/).some((sentence) => {
    const words = sentence.match(WORDS) ?? [];
    return words.some((word, index) => index > 0 && /^\p{Lu}[\p{Ll}\p{Lu}]/u.test(word) && contentStems(word)[0] === stem);
  });
}

/**
 * Whether `content` writes the word of `stem` as a name: every time it writes it, with a capital
 * ("Malik Benali | Vidéaste", "Malik, notre vidéaste, anime…"). A visitor asking who someone is in
 * lower case ("c qui malik") is then asking about that name.
 */
export function contentWritesAsAName(content: string, stem: string): boolean {
  const written = (content.match(WORDS) ?? []).filter((word) => contentStems(word)[0] === stem);
  return written.length > 0 && written.every((word) => /^\p{Lu}[\p{Ll}\p{Lu}]/u.test(word));
}

/** "c qui malik", "qui est julien ?", "who is Malik": a question about a person. */
export const ASKS_WHO = /^\s*(?:c est qui|c qui|c ki|qui est|qui c est|qui c|who is|who s)\b/;

/**
 * Pairs of topic words side by side in the message, or with one function word between ("order
 * bump", "payer par virement"), folded, to look for in a chunk as written.
 */
export function twoWordTermsOf(message: string, topicStems: ReadonlySet<string>): string[] {
  const words = foldFrench(message).replace(/['’]/g, ' ').match(WORDS) ?? [];
  const isTopic = (word: string) => {
    const stem = contentStems(word)[0];
    return stem !== undefined && topicStems.has(stem);
  };
  const terms: string[] = [];
  for (let index = 0; index < words.length - 1; index += 1) {
    if (!isTopic(words[index]!)) continue;
    if (isTopic(words[index + 1]!)) terms.push(`${words[index]} ${words[index + 1]}`);
    else if (index + 2 < words.length && frenchStopWords.has(words[index + 1]!) && isTopic(words[index + 2]!)) terms.push(words.slice(index, index + 3).join(' '));
  }
  return terms;
}

/** Whether a chunk's folded text holds one of the terms as whole words. */
export function holdsATerm(chunkText: string, terms: readonly string[]): boolean {
  if (terms.length === 0) return false;
  const folded = ` ${foldFrench(chunkText).replace(/['’]/g, ' ').replace(/[^\p{L}\p{N}-]+/gu, ' ')} `;
  return terms.some((term) => folded.includes(` ${term} `));
}

/** A Markdown table's separator row: `|---|:---:|`, `---|---` (at least one pipe, cells of dashes and colons). */
const TABLE_SEPARATOR_ROW = /^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)+\|?\s*$|^\s*\|\s*:?-+:?\s*\|\s*$/;

export interface InnerSection {
  headingStems: Set<string>;
  bodyStems: Set<string>;
}

/**
 * The sections inside a chunk that may answer as a chunk of its own would: each Markdown heading
 * with the lines under it (the text before the first heading is not one), and each row of a
 * Markdown table with the table's header row as its heading: the header names what each column
 * answers ("| Légume | Semis | Récolte |" then "| Courgette | avril | juillet |" answers "Quand
 * récolter les courgettes ?"; a document that is only a table has no other heading).
 */
export function innerSectionsOf(content: string): InnerSection[] {
  const lines = content.split('\n');
  const sections: Array<{ heading: string; body: string[] }> = [];
  for (const line of lines) {
    const heading = MARKDOWN_HEADING_LINE.exec(line);
    if (heading) sections.push({ heading: heading[1]!, body: [] });
    else sections.at(-1)?.body.push(line);
  }
  return [...sections.map((section) => stemsOf(section.heading, section.body)), ...tableRowsOf(lines)];
}

const stemsOf = (heading: string, body: string[]): InnerSection => ({ headingStems: new Set(contentStems(heading)), bodyStems: new Set(contentStems(body.join(' '))) });

/** Each row of each Markdown table in the lines, with its table's header row as heading. */
function tableRowsOf(lines: readonly string[]): InnerSection[] {
  const rows: InnerSection[] = [];
  for (let index = 1; index < lines.length; index += 1) {
    const header = lines[index - 1]!;
    if (!header.includes('|') || !TABLE_SEPARATOR_ROW.test(lines[index]!)) continue;
    for (let row = index + 1; row < lines.length && lines[row]!.includes('|'); row += 1) rows.push(stemsOf(header, [lines[row]!]));
  }
  return rows;
}

/**
 * Whether a row of a table in the chunk holds `minWords` of the topic words, one of them in the
 * table's header row: "Quand récolter la pastèque ?" and "| Pastèque | mai | septembre |" under
 * "| Fruit | Plantation | Récolte |". A row of a long table is a small part of its chunk, whose
 * vector stays under the similarity floor: the knowledge check also searches by words for it.
 */
export function answersThroughATableRow(content: string, topicStems: ReadonlySet<string>, minWords: number): boolean {
  return tableRowsOf(content.split('\n')).some((row) => {
    const inHeader = [...topicStems].filter((stem) => row.headingStems.has(stem)).length;
    const inRow = [...topicStems].filter((stem) => row.headingStems.has(stem) || row.bodyStems.has(stem)).length;
    return inHeader > 0 && inRow >= minWords;
  });
}

/**
 * Words of a heading naming the agency's offer: "L'offre de l'agence", "Nos prestations", "Formules et tarifs". A question
 * whether the agency offers something is also searched with them: "ateliers" alone ranked five guides mentioning workshops
 * before the offer page.
 */
export const OFFER_PAGE_WORDS = 'offre offres prestation prestations service services formule formules tarif tarifs catalogue';
const OFFER_HEADING_STEMS: ReadonlySet<string> = new Set(contentStems(OFFER_PAGE_WORDS));

/** A Markdown list item or heading line: where an offer page names what it offers. */
const LIST_ITEM_OR_HEADING_LINE = /^\s*(?:[-*+•]|\d+[.)]|#{1,6})\s+(.*)$/gmu;

/**
 * Whether a chunk is a page on the agency's offer (its title or heading says so) naming one of the words the visitor asks
 * whether the agency offers: "vous proposez des ateliers ?" and "- Les ateliers collectifs en visio, avec replay." under
 * "L'offre de l'agence…" (a probe of `pnpm start`, 2026-12-05: the clarifying question was asked, the word being in the
 * page's body, not in a heading). The page names its offers in its list items and headings: not in the sentence saying
 * whom the agency serves ("… (naturopathes, praticiennes en massage, professeures de yoga…)"), which answered "vous
 * proposez des massages ?" and "vous faites du yoga ?" as if the agency did (a review of round 20's changes).
 */
export function offerPageNames(headingStems: ReadonlySet<string>, chunkContent: string, askedOfTheOffer: readonly string[]): boolean {
  if (askedOfTheOffer.length === 0 || ![...headingStems].some((stem) => OFFER_HEADING_STEMS.has(stem))) return false;
  const listed = new Set([...headingStems, ...[...chunkContent.matchAll(LIST_ITEM_OR_HEADING_LINE)].flatMap((line) => contentStems(line[1]!))]);
  return askedOfTheOffer.some((stem) => listed.has(stem));
}
