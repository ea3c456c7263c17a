import type { RetrievedChunk } from '../capabilities/capabilities.ts';
import { splitSentences } from '../french-text/french-text.ts';
import { tableRowPassages } from './table-row-passages.ts';
import { sensIsInItsHeading } from './heading-naming-what-follows.ts';
import { endsASentence, followsOnPrevious, isWholeSentence, leansOnPrevious, plainMarkdown, trimEmojis } from './sentence-shape.ts';

/**
 * The passages an offline answer may quote from a source: whole sentences only, never a piece of
 * one. A passage is one or more consecutive sentences of one paragraph:
 *
 * - a whole sentence opens with a capital letter or a digit (after any emoji, quote or bold mark)
 *   and ends with . ! ? … (closing quotes, brackets and emojis may follow) or with an emoji;
 * - a sentence that leans on the one before it ("Mais…", "Donc…", "Elle…", "C'est…") is quoted
 *   only together with it; first in its chunk, it is not quoted at all, unless it gives a name ("Ces plans
 *   d'illustration s'appellent le b-roll." after a list); one that follows on from
 *   it ("Par exemple…", "En effet…") comes with it when both fit, and alone otherwise;
 * - a list whose items are pieces of one sentence ("…les formats qui marchent bien sont :" then
 *   "- 3 conseils rapides… ;") is one passage with its introduction; its items are never quoted
 *   alone, and the introduction is never quoted without them. Items that are whole sentences
 *   (steps, "**Label** : explanation.") are passages of their own, and so is their introduction, its colon made
 *   a period, for the amount it may state ("Trois à cinq emails suffisent pour commencer."); so are the items of a list that
 *   no sentence introduces (its heading does) when they open as a sentence does ("Téléphone : 04…",
 *   "3 à 5 couleurs"), ended with a period;
 * - a Markdown table gives one passage per row: "First cell : the other cells." ("Seuil de franchise
 *   de TVA : 37 500 €."), the other cells separated by " ; "; a first cell that is only a number is
 *   quoted after its column's header ("Email 2 : 24 h ; …", quotedPassage); the other cells are quoted
 *   after their columns' names when there are two or more (table-row-passages.ts);
 * - under a heading that is a question (an FAQ), the paragraph right after it is its answer: one
 *   passage when it fits ("Oui. Fais signer une autorisation…", "Entre 7 et 10 jours… L'émotion…"),
 *   even of one sentence that leans on the question ("Ce n'est pas obligatoire si…");
 * - headings are not passages (they give the passage its heading, for scoring), except one that
 *   states a figure after a label ("## Offre « Chef de Rang » : 1 890 € HT") or closes on an amount
 *   ("## Le Cercle Racines (27 € par mois)"), which is also one;
 * - Markdown marks are removed (bold, links), emojis are kept.
 */

export interface AnswerPassage {
  text: string;
  heading: string;
  /** Rank of the source the passage comes from (0: best). */
  sourceRank: number;
  /** Order of the passage inside its source. */
  position: number;
  wordCount: number;
  /**
   * A sentence that only gives a name, leaning on the list before it ("Ces plans d'illustration s'appellent le b-roll."):
   * quoted only for a question what the term is (passage-ranking.ts), it says nothing else.
   */
  namesATerm?: boolean;
  /**
   * The sentence introducing a list of whole sentences, its colon made a period ("Trois à cinq emails suffisent pour
   * commencer." before "- **Email 1 (immédiat)** : remercie…"): quoted only for the amount it states, when one is asked.
   */
  introducesAList?: true;
  /** A heading quoted for the amount it states ("Le Cercle Racines (27 € par mois)."): worth quoting when an amount is asked. */
  statesAHeadingsFigure?: true;
  /** The number of a numbered list's item ("2. **Questionnaire** à remplir…"): its place in a procedure. */
  step?: number;
  /** A table row numbered in its first cell: the header of that column, quoted before it ("Email" → "Email 2 : 24 h ; …"). */
  numberedBy?: string;
  /** A table row quoted with its columns' names (table-row-passages.ts): quoted instead of `text`. */
  withColumnNames?: string;
  /** A table row's first cell: what the row is about (table-row-subjects.ts). */
  rowSubject?: string;
}

const LIST_ITEM = /^\s*(?:[-*+•]|\d+[.)])\s+/;
/** A numbered list's item marker ("2. ", "3) "): its number (group 1). */
const NUMBERED_ITEM = /^\s*(\d+)[.)]\s+/;
const TABLE_ROW = /^\s*\|/;
/** A Markdown heading line; group 1 is its text. */
export const MARKDOWN_HEADING_LINE = /^\s*#{1,6}\s+(.+?)\s*#*\s*$/;

/** The Markdown headings of a chunk's content, as the passages are read under them ("## Nos horaires" → "Nos horaires"). */
export const markdownHeadingsOf = (content: string): string[] => content.split('\n').flatMap((line) => MARKDOWN_HEADING_LINE.exec(line)?.[1] ?? []);
/** A passage longer than this is not quoted (it would crowd out the rest of an answer); it is never cut. */
export const MAX_WORDS_PER_PASSAGE = 90;

export const countWords = (text: string): number => (text.match(/\S+/g) ?? []).length;

interface Paragraph {
  heading: string;
  lines: string[];
  /** 'figure-heading': a heading that states a figure, as its own one-line paragraph. */
  kind: 'prose' | 'list' | 'table' | 'figure-heading';
  /** The paragraph comes right after a heading line of the chunk (blank lines aside). */
  afterHeading: boolean;
  /** A list's item numbers, line by line (null: not a numbered item). */
  steps: Array<number | null>;
}

/**
 * A heading that states a figure after a label ("Offre « Chef de Rang » : 1 890 € HT", "Tarif : 59 €"),
 * or closes on an amount with its unit in brackets or after a dash ("Le Cercle Racines (27 € par
 * mois)"): a passage of its own as well, since the figure is often written nowhere else. A heading
 * whose figure comes before the colon ("Étape 1 : créer le compte"), or whose brackets hold no
 * amount ("Module 3 (bonus)", "Nos tarifs (2026)"), is a title, not a fact.
 */
const STATES_A_FIGURE_AFTER_A_LABEL = /^\p{Lu}[^:]{2,80}\s:\s[^:]*\d[^:]*$/u;
/** An amount with its unit: a price, a share, a length of time, a number of sessions. */
const AMOUNT_WITH_A_UNIT = /\d[\d\s.,]*\s?(?:€|\$|£|%|(?:eur|euros?|ht|ttc|min|minutes?|h|heures?|jours?|semaines?|mois|ans?|séances?|seances?)(?![\p{L}\p{N}]))/iu;
/** "Le Cercle Racines (27 € par mois)", "Atelier photo — 59 €": the figure closes the heading, in brackets or after a dash. */
const CLOSES_ON_A_FIGURE = /^\p{Lu}.{2,80}?(?:\(([^()]+)\)|\s[—–-]\s([^—–]+))\s*$/u;

const statesAFigure = (heading: string): boolean => {
  if (STATES_A_FIGURE_AFTER_A_LABEL.test(heading)) return true;
  const closing = CLOSES_ON_A_FIGURE.exec(heading);
  return closing !== null && AMOUNT_WITH_A_UNIT.test(closing[1] ?? closing[2]!);
};

/** A heading that asks a question: the paragraph after it answers it. */
export const QUESTION_HEADING = /\?\s*$/u;

const kindOfLine = (line: string): Paragraph['kind'] => (TABLE_ROW.test(line) ? 'table' : LIST_ITEM.test(line) ? 'list' : 'prose');

function paragraphsOf(content: string, section: string | null): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  let heading = section?.split(' > ').pop() ?? '';
  let current: Paragraph | null = null;
  let headingJustRead = false;
  for (const line of content.split('\n')) {
    const headingMatch = MARKDOWN_HEADING_LINE.exec(line);
    const kind = kindOfLine(line);
    // A hard-wrapped line continues the line before when that one did not end a sentence (one idea
    // per line, as in "✨ …\n💡 …", stays apart), or its list item when indented. A table row never does.
    const continues =
      current !== null && current.kind !== 'table' && (current.kind === 'list' ? /^\s/.test(line) : !endsASentence(current.lines.at(-1)!));
    if (continues && !headingMatch && kind === 'prose' && line.trim() !== '') {
      const last = current!.lines.length - 1;
      current!.lines[last] = `${current!.lines[last]} ${plainMarkdown(line)}`;
      continue;
    }
    if (headingMatch || line.trim() === '' || (current !== null && current.kind !== kind)) current = null;
    if (headingMatch) {
      heading = plainMarkdown(headingMatch[1]!);
      headingJustRead = true;
      // "## Offre « Chef de Rang » : 1 890 € HT", "## Le Cercle (27 € par mois)": the heading is the only place that states it.
      if (statesAFigure(heading)) paragraphs.push({ heading, lines: [`${heading.replace(/[\s.;,]+$/u, '')}.`], kind: 'figure-heading', afterHeading: false, steps: [] });
      continue;
    }
    if (line.trim() === '') continue;
    if (current === null) {
      current = { heading, lines: [], kind, afterHeading: headingJustRead, steps: [] };
      paragraphs.push(current);
    }
    headingJustRead = false;
    current.lines.push(kind === 'table' ? line : plainMarkdown(line.replace(LIST_ITEM, '')));
    if (kind === 'list') current.steps.push(Number(NUMBERED_ITEM.exec(line)?.[1] ?? Number.NaN) || null);
  }
  return paragraphs;
}

/** The text with its first letter in upper case ("un audit…" → "Un audit…"). */
const capitalized = (text: string): string => text.replace(/^\p{Ll}/u, (letter) => letter.toUpperCase());

/** Every passage of one source, in the source's order. */
/** An e-mail address or a web address at the end of a text. */
const ENDS_WITH_AN_ADDRESS = /(?:\S+@\S+\.\p{L}{2,}|https?:\/\/\S+|www\.\S+)$/u;

export function passagesOfSource(source: RetrievedChunk, sourceRank: number): AnswerPassage[] {
  const passages: Array<Omit<AnswerPassage, 'wordCount' | 'position'>> = [];
  /** A prose paragraph's last sentence when it announces a list (ends with ":"). */
  let pendingIntroduction: { text: string; heading: string } | null = null;
  // A chunk without a section (a document with no subheading) sits under its document's title.
  for (const [paragraphIndex, paragraph] of paragraphsOf(source.content, source.section ?? source.title).entries()) {
    if (paragraph.kind === 'figure-heading') {
      passages.push({ text: paragraph.lines[0]!, heading: paragraph.heading, sourceRank, statesAHeadingsFigure: true });
      pendingIntroduction = null;
      continue;
    }
    if (paragraph.kind === 'table') {
      for (const row of tableRowPassages(paragraph.lines)) passages.push({ ...row, heading: paragraph.heading, sourceRank });
      pendingIntroduction = null;
      continue;
    }
    if (paragraph.kind === 'list') {
      const items = paragraph.lines;
      const stepOf = (index: number) => (paragraph.steps[index] ? { step: paragraph.steps[index] } : {});
      if (items.every(isWholeSentence)) {
        // "Trois à cinq emails suffisent pour commencer :" before emails described one by one: the only line giving their
        // number (a probe, 2026-12-05: "combien d'emails dans une séquence de bienvenue ?" quoted the items, never it).
        const introduction = pendingIntroduction === null ? '' : pendingIntroduction.text.replace(/\s*:\s*$/u, '.');
        if (introduction !== '' && isWholeSentence(introduction)) passages.push({ text: introduction, heading: pendingIntroduction!.heading, sourceRank, introducesAList: true });
        for (const [index, item] of items.entries()) passages.push({ text: item, heading: paragraph.heading, sourceRank, ...stepOf(index) });
      } else if (pendingIntroduction !== null) {
        const body = items.map((item) => item.replace(/[\s;,.]+$/u, '')).join(' ; ');
        passages.push({ text: `${pendingIntroduction.text} ${body}.`, heading: pendingIntroduction.heading, sourceRank });
      } else {
        // No sentence introduces it: its heading does ("## Nous contacter", "- Téléphone : 04 72…").
        // Each item is one passage, ended with a period. One that opens in lower case ("- un audit de
        // 90 minutes ;", what an offer includes) gets a capital when the list follows a heading or a
        // paragraph of the chunk; not at the chunk's start (its introduction is in the chunk before),
        // nor an item that carries on the one before it ("- et une police…").
        const mayCapitalize = paragraph.afterHeading || paragraphIndex > 0;
        for (const [index, item] of items.entries()) {
          const trimmed = item.replace(/[\s;,:]+$/u, '');
          const bare = mayCapitalize && !leansOnPrevious(trimmed) ? capitalized(trimmed) : trimmed;
          const place = { heading: paragraph.heading, sourceRank, ...stepOf(index) };
          if (isWholeSentence(item)) passages.push({ text: item, ...place });
          else if (isWholeSentence(bare)) passages.push({ text: bare, ...place });
          // No period after an address someone may copy ("bonjour@exemple.fr", a link).
          else if (isWholeSentence(`${bare}.`)) passages.push({ text: ENDS_WITH_AN_ADDRESS.test(bare) ? bare : `${bare}.`, ...place });
        }
      }
      pendingIntroduction = null;
      continue;
    }
    pendingIntroduction = null;
    const sentences = paragraph.lines.flatMap((line) => splitSentences(line));
    // An FAQ answer: the whole paragraph under its question, when it is all whole sentences and fits. A one-sentence answer
    // too: "Ce n'est pas obligatoire si…" under "Faut-il prévenir mes abonnées ?" leans on the question, not on a sentence
    // before it, and was dropped as a sentence leaning on nothing (blind round 16).
    if (paragraph.afterHeading && QUESTION_HEADING.test(paragraph.heading) && sentences.length > 0 && sentences.every(isWholeSentence)) {
      const answer = sentences.join(' ');
      if (countWords(answer) <= MAX_WORDS_PER_PASSAGE) {
        passages.push({ text: answer, heading: paragraph.heading, sourceRank });
        continue;
      }
    }
    let previous: (typeof passages)[number] | null = null;
    for (const [index, sentence] of sentences.entries()) {
      const announcesList = /:\s*$/.test(sentence);
      if (announcesList) {
        if (index === sentences.length - 1 && /^[A-ZÀ-Ý0-9«"]/u.test(trimEmojis(sentence, false).rest)) {
          pendingIntroduction = { text: previous !== null && leansOnPrevious(sentence) ? `${previous.text} ${sentence}` : sentence, heading: paragraph.heading };
          if (previous !== null && leansOnPrevious(sentence)) passages.splice(passages.indexOf(previous), 1);
        }
        previous = null;
        continue;
      }
      if (!isWholeSentence(sentence)) {
        previous = null;
        continue;
      }
      if (leansOnPrevious(sentence)) {
        if (previous !== null) previous.text = `${previous.text} ${sentence}`;
        // Naming what the block before it showed ("Ces plans d'illustration s'appellent le b-roll." after a list, blind round
        // 17): first in its paragraph it has no sentence to join, yet it says what the term is; it is quoted alone.
        else if (NAMES_A_TERM.test(sentence)) {
          previous = { text: sentence, heading: paragraph.heading, sourceRank, namesATerm: true };
          passages.push(previous);
        }
        continue;
      }
      if (previous !== null && followsOnPrevious(sentence) && countWords(previous.text) + countWords(sentence) <= MAX_WORDS_PER_PASSAGE) {
        previous.text = `${previous.text} ${sentence}`;
        continue;
      }
      previous = { text: sentence, heading: paragraph.heading, sourceRank };
      passages.push(previous);
    }
  }
  return passages.map((passage, position) => ({ ...passage, position, wordCount: countWords(passage.text) }));
}

/** A sentence that gives a name ("s'appellent le b-roll", "on les appelle", "se nomme"). */
const NAMES_A_TERM = /\b(?:s['’]appell?ent|s['’]appelle|se nomment?|on (?:les |l['’]|le |la )?appelle|portent le nom)\b/iu;

/** A passage that opens on a label of one or two words ("Tarif : 59 € TTC.", "Durée : 6 mois"): it says what, not of what. */
const OPENS_ON_A_LABEL = /^\p{Lu}[\p{L}'’-]{1,20}(?: [\p{L}'’-]{1,20})?\s?:\s/u;

/** Labels that introduce a remark, not a fact of the heading's subject ("Attention :", "Exemple :"). */
const REMARK_LABEL = /^(?:attention|exemple|par exemple|astuce|note|nota|important|conseil|remarque|rappel|a noter|à noter|bon a savoir|bon à savoir|info|ps)\s?:/iu;

/**
 * The passage as quoted: one that opens on a label gets the heading it sits under first
 * ("Atelier Canva Express — Tarif : 59 € TTC."), or two offers' prices would read alike; not an
 * item of a numbered list, a part of what its heading lists.
 */
export function quotedPassage(passage: AnswerPassage): string {
  if (passage.numberedBy !== undefined) return `${passage.numberedBy} ${passage.text}`;
  if (passage.withColumnNames !== undefined) return passage.withColumnNames;
  const heading = passage.heading.trim();
  // An item of a numbered list ("3. Votre offre : ce qu'elle contient…" under "La structure") is a
  // part of what the heading lists, not a fact of the heading's subject: "La structure — Votre offre : …" reads wrong.
  // A line whose sense is in a heading naming what follows ("Ce qu'elle ne consulte jamais — Les notes de séance, …").
  if (passage.step === undefined && heading.length <= 60 && sensIsInItsHeading(passage)) return `${heading} — ${passage.text}`;
  if (heading === '' || heading.length > 60 || heading.endsWith('?') || passage.step !== undefined || !OPENS_ON_A_LABEL.test(passage.text) || REMARK_LABEL.test(passage.text) || passage.text.startsWith(heading)) {
    return passage.text;
  }
  return `${heading} — ${passage.text}`;
}
