import type { RetrievedChunk } from '../capabilities/capabilities.ts';
import { contentStems } from '../french-text/french-text.ts';
import { questionTopicStems } from '../french-text/question-words.ts';
import { withFixedExpressionsJoined } from '../french-text/fixed-expressions.ts';
import { isTheGlossaryEntryOf } from './glossary-entry.ts';
import { selfDescriptionStems } from '../french-text/self-description.ts';
import { isInjectedInstruction } from '../agents/prompt-injection-guard.ts';
import { MAX_WORDS_PER_PASSAGE, passagesOfSource, type AnswerPassage } from './answer-passages.ts';
import { favourTheAnswersUnderTheVisitorsQuestion, repeatsTheVisitorsQuestion } from './faq-heading-question.ts';
import { firstPositionPerSection, sectionOf } from './passage-sections.ts';
import { questionKindOf, type QuestionKind } from './question-kind.ts';
import { asksForARemedy, favourTheLinesThatTellWhatToDo, leadWithTheSectionsInstruction } from './remedy-question.ts';
import { storyStemsBeforeTheQuestion } from './story-before-the-question.ts';
import { asksWhereToStart, leadWithTheFirstThingToDo } from './where-to-start-question.ts';
import { asksWhatItIs } from './definition-question.ts';
import { quantityAskedBy, statesQuantity, dimensionsWordsAsFigures, type QuantityAsked } from './quantity-question.ts';
import { isTheItemAsked, type OrdinalAsked } from './ordinal-question.ts';
import { comparisonShare, sectionStemsOf, type AlternativesAsked } from './comparison-question.ts';
import { tellsWhatToReply, type ReplyVerb } from './reply-question.ts';

/**
 * How the offline answerer (extractive-answerer.ts) ranks the passages of its sources for a
 * question: by the question's words, each weighed by how few of the sources' documents hold it,
 * with the cues of what the question asks (an amount, a definition) and what it only mentions (the
 * visitor's self-description).
 */

const MIN_WORDS_PER_PASSAGE = 4;

export interface ScoredPassage extends AnswerPassage {
  documentId: string;
  /** Weighted overlap with the question's content words, light verbs aside (0: shares none with it). */
  overlap: number;
  /** How many distinct topic words of the question the passage holds, in its text or its heading. */
  matchedWords: number;
  /**
   * It answers what was asked: the first passage under an FAQ question heading the visitor's message repeats, under the
   * heading of the thing a definition asks, or the line telling what to reply. It is quoted however little it overlaps.
   */
  answersTheVisitorsQuestion: boolean;
  score: number;
}

/** A source whose relevance is below this fraction of the best source's is not quoted. */
const MIN_RELATIVE_SOURCE_SCORE = 0.25;
/** A passage sharing less than this fraction of the best passage's overlap with the question is filler. */
export const MIN_RELATIVE_OVERLAP = 0.4;
/**
 * Question words found in the heading a passage sits under count this much (those in the passage
 * count 1): a section headed "L'outil" is about the tool in every sentence ("Nous recommandons
 * Brevo…" answers "quel outil pour ma newsletter ?").
 */
const HEADING_WEIGHT = 1;
/**
 * Question words found only in the title of the passage's document count this much: the title says
 * what every passage of it is about, but at full weight it lent a word to every sentence of the
 * document and blurred the one that writes it ("le groupe privé c'est sur Facebook ?" lost the line
 * naming Discord to the others of "Ton espace élève (…, groupe privé)"). 0.75 beat 1 and 0.5 on the
 * evaluation sets and on two probe knowledge bases (2026-12-03).
 */
const TITLE_WEIGHT = 0.75;
/*
 * A passage of a chunk with no section sits under its document's title (answer-passages.ts): that
 * heading is the title, and weighs as the title does. At the heading's full weight every passage of
 * a page without subheadings matched "adresse" as strongly as the one line that gives it ("c'est quoi
 * votre adresse ?" against "Horaires, adresse et contact" quoted the closing dates; a blind probe, 2026-12-04).
 */

/**
 * What the visitor says of themself ("je suis naturopathe, …", french-text/self-description.ts)
 * weighs this much of its rarity: context, it must not outrank what is asked (the agency's
 * introduction, which names naturopaths, opened "je suis naturopathe, comment trouver des idées de
 * posts ?"), yet it still tells two passages on the topic apart.
 */
const SELF_DESCRIPTION_WEIGHT = 0.25;
/** The story a message tells before it asks (story-before-the-question.ts) weighs this much of its rarity. */
const STORY_WEIGHT = 0.5;

/** Added to a passage that states the amount the question asks for (quantity-question.ts), times its share of the best overlap. */
const QUANTITY_BONUS = 1;

/** Added to the first passage under the heading that names what the question asks to define (definition-question.ts), times its share of the best overlap. */
const DEFINITION_BONUS = 1;

/** Added to a passage that names the alternatives the question weighs, times its comparison share and its share of the best overlap. */
const COMPARISON_BONUS = 1;

/** Added to the passage that is the item of a numbered series the question asks for ("le 4e mail"). */
const ORDINAL_BONUS = 1;

/** A heading that asks what the thing is, or whose words are the thing's only (figures aside). */
const definesTheThing = (heading: string, thingStems: readonly string[]): boolean =>
  asksWhatItIs(heading) || contentStems(withFixedExpressionsJoined(heading)).every((stem) => thingStems.includes(stem) || /^\d/.test(stem));

/** Passages of one document's chunks are numbered chunk by chunk, this far apart. */
export const COMPANION_POSITION_STRIDE = 1_000;

/** Whether a passage says `stem` itself, under its heading or in its document's title. */
const mentions = (passage: { stems: Set<string>; headingStems: Set<string>; titleStems: Set<string> }, stem: string): boolean =>
  passage.stems.has(stem) || passage.headingStems.has(stem) || passage.titleStems.has(stem);

/**
 * Passages of the sources ranked by relevance to the question (best first): question words found
 * in fewer of the sources' documents count more, words of the heading a passage sits under count
 * half, and better-ranked sources get a bonus. A passage repeated by two overlapping chunks counts
 * once. `companions` (other chunks of the sources' documents) give passages under their
 * document's source: in the document's order when the chunks carry their `chunkIndex`, after the
 * source chunk's own otherwise.
 */
export function rankSourcePassages(
  question: string,
  sources: readonly RetrievedChunk[],
  companions: readonly RetrievedChunk[] = [],
  /** The amount the visitor asks for: that of `question` unless said (a follow-up's search text joins several questions). */
  quantity: QuantityAsked | null = quantityAskedBy(question),
  /**
   * The visitor asks what a thing is (definition-question.ts): the first passage of the section its name heads is favoured.
   * The thing's own words when known (`thingAskedToDefine`): that section's heading need hold only them, not every word of
   * the message; of them, those no passage holds ("concrètement") are not looked for.
   */
  definition: boolean | string = asksWhatItIs(question),
  /** The item of a numbered series the visitor asks for ("le 4e mail", ordinal-question.ts): it comes first among the passages that match. */
  ordinal: OrdinalAsked | null = null,
  /** The two things the visitor asks to choose between (comparison-question.ts): a passage naming and comparing them leads. */
  alternatives: AlternativesAsked | null = null,
  /** The visitor asks what to reply, say or write (reply-question.ts): the line that tells it, in the best document, leads. */
  reply: ReplyVerb | null = null,
  /** The kind of question the visitor asks (question-kind.ts: how to, what to do), read from the message's own framing. */
  questionKind: QuestionKind | null = questionKindOf(question),
  /** The visitor reports a problem or asks what to do about it (remedy-question.ts): the lines that tell what to do are favoured. */
  remedy: boolean = asksForARemedy(question),
): ScoredPassage[] {
  // The question's framing ("Que mettre…", "Je veux…", "combien de temps") is not matched: french-text/question-words.ts;
  // nor a word of a fixed expression apart from it ("en ligne" against "ligne éditoriale"): french-text/fixed-expressions.ts.
  const queryStems = new Set(questionTopicStems(withFixedExpressionsJoined(question)));
  const context = selfDescriptionStems(question);
  const story = storyStemsBeforeTheQuestion(question);
  const bestSourceScore = Math.max(0, ...sources.map((source) => source.score));
  const seenTexts = new Set<string>();
  const candidates: Array<AnswerPassage & { documentId: string; leadsTheSource: boolean; stems: Set<string>; headingStems: Set<string>; headingIsTheTitle: boolean; titleStems: Set<string>; sourceScore: number }> = [];
  sources.forEach((source, sourceRank) => {
    if (bestSourceScore > 0 && source.score < MIN_RELATIVE_SOURCE_SCORE * bestSourceScore) return;
    const chunks = [source, ...companions.filter((companion) => companion.documentId === source.documentId && companion.chunkId !== source.chunkId)];
    // In the document's order when every chunk knows its place; the source first otherwise.
    if (chunks.every((chunk) => chunk.chunkIndex !== undefined)) chunks.sort((left, right) => left.chunkIndex! - right.chunkIndex!);
    // One set for every passage of the document (read only).
    const titleStems = dimensionsWordsAsFigures(new Set(contentStems(withFixedExpressionsJoined(source.title))), '', queryStems, quantity);
    chunks.forEach((chunk, chunkRank) => {
      for (const passage of passagesOfSource(chunk, sourceRank)) {
        if (passage.wordCount < MIN_WORDS_PER_PASSAGE || passage.wordCount > MAX_WORDS_PER_PASSAGE) continue;
        // A heading quoted for its figure is a title to any other question: short, it would outrank the passages under it.
        if (passage.statesAHeadingsFigure && quantity === null && !definition) continue;
        // A sentence that only names a term answers what the term is, nothing else (blind round 17: it led "idées de plans à filmer").
        if (passage.namesATerm && !definition) continue;
        // A list's introduction ("Trois à cinq emails suffisent pour commencer.") says what follows; alone, only its amount is worth quoting.
        if (passage.introducesAList && (quantity === null || !statesQuantity(passage.text, quantity))) continue;
        if (isInjectedInstruction(passage.text) || seenTexts.has(passage.text)) continue;
        seenTexts.add(passage.text);
        candidates.push({
          ...passage,
          position: chunkRank * COMPANION_POSITION_STRIDE + passage.position,
          leadsTheSource: chunk === source && passage.position === 0,
          documentId: source.documentId,
          stems: dimensionsWordsAsFigures(new Set(contentStems(withFixedExpressionsJoined(passage.text))), passage.text, queryStems, quantity),
          headingStems: dimensionsWordsAsFigures(new Set(contentStems(withFixedExpressionsJoined(passage.heading))), '', queryStems, quantity),
          headingIsTheTitle: passage.heading.trim() === source.title.trim(),
          titleStems,
          sourceScore: bestSourceScore > 0 ? source.score / bestSourceScore : 1 / (1 + sourceRank),
        });
      }
    });
  });
  // By document: a word every passage of the best document repeats ("hashtags" in the hashtags
  // guide) is its topic, not noise; a word of one passage of each other document is the weaker cue.
  // With a single document, by passage (by document, every word would weigh the same).
  const documentCount = new Set(candidates.map((candidate) => candidate.documentId)).size;
  const inverseFrequency = new Map<string, number>();
  const documentRarity = new Map<string, number>();
  for (const stem of queryStems) {
    const holding = candidates.filter((candidate) => mentions(candidate, stem));
    const holdingDocuments = new Set(holding.map((candidate) => candidate.documentId)).size;
    const [containing, outOf] = documentCount > 1 ? [holdingDocuments, documentCount] : [holding.length, candidates.length];
    const weight = context.has(stem) ? SELF_DESCRIPTION_WEIGHT : story.has(stem) ? STORY_WEIGHT : 1;
    inverseFrequency.set(stem, (containing === 0 ? 0 : Math.log(1 + outOf / containing)) * weight);
    documentRarity.set(stem, (holdingDocuments === 0 ? 0 : Math.log(1 + documentCount / holdingDocuments)) * weight);
  }
  // The question's most specific word: the rarest among the candidates' documents, by document
  // even with a single document. By passage, the one line holding a word the search added
  // ("fermée", for "vos horaires ?") was the only one "about" the question, and the line giving
  // the hours, under the page's title "Horaires…", lost the time-of-day cue (a blind probe, 2026-12-04).
  const definedStems =
    typeof definition === 'string' ? questionTopicStems(withFixedExpressionsJoined(definition)).filter((stem) => candidates.some((candidate) => mentions(candidate, stem))) : [...queryStems];
  const rarestWeight = Math.max(0, ...documentRarity.values());
  const rarestStems = [...queryStems].filter((stem) => rarestWeight > 0 && documentRarity.get(stem) === rarestWeight);
  const scored = candidates.map(({ stems, headingStems, headingIsTheTitle, titleStems, sourceScore, leadsTheSource, ...candidate }) => {
    let overlap = 0;
    let matchedWords = 0;
    for (const stem of queryStems) {
      if (stems.has(stem)) overlap += inverseFrequency.get(stem)!;
      else if (headingStems.has(stem)) overlap += (headingIsTheTitle ? TITLE_WEIGHT : HEADING_WEIGHT) * inverseFrequency.get(stem)!;
      else if (titleStems.has(stem)) overlap += TITLE_WEIGHT * inverseFrequency.get(stem)!;
      else continue;
      matchedWords += 1;
    }
    const lengthPenalty = 1 / Math.sqrt(Math.max(1, stems.size / 8));
    const sourceBonus = 0.6 * sourceScore;
    const leadBonus = leadsTheSource ? 0.1 : 0;
    const holdsTheRarestWord = rarestStems.some((stem) => mentions({ stems, headingStems, titleStems }, stem));
    // Its heading holds every word asked: the section about what a definition question names.
    const headedByTheQuestion = definedStems.length > 0 && definedStems.every((stem) => headingStems.has(stem));
    // A section on the thing: its heading holds every word asked or is mostly the thing's words; not one on a side of it
    // ("Combien coûte Notion", "Quand tu approches du seuil de TVA": "Surveille ton chiffre d'affaires chaque mois." led
    // "c'est quoi la TVA pour une coach…"). The document's opening section is on what its title names (below).
    const headingWordsOfTheThing = [...headingStems].filter((stem) => definedStems.includes(stem)).length;
    const sectionOnTheThing = headedByTheQuestion && ([...queryStems].every((stem) => headingStems.has(stem)) || headingWordsOfTheThing * 2 > headingStems.size);
    // An FAQ question the message repeats: most of its heading's words are the message's (faq-heading-question.ts).
    const headedByTheVisitorsQuestion = !headingIsTheTitle && repeatsTheVisitorsQuestion(candidate.heading, headingStems, queryStems, questionKind);
    return { ...candidate, textStems: stems, overlap, matchedWords, answersTheVisitorsQuestion: false, holdsTheRarestWord, headedByTheQuestion, sectionOnTheThing, headedByTheVisitorsQuestion, lengthPenaltyTaken: overlap * (1 - lengthPenalty), headingIsASection: !headingIsTheTitle, score: overlap * lengthPenalty + sourceBonus + leadBonus };
  });
  // "C'est combien Forêt ?": of the passages on the question's most specific word, the ones that
  // state an amount, in proportion to how well they match.
  const bestOverlap = Math.max(0, ...scored.map((passage) => passage.overlap));
  // A count a section's heading states ("## Les trois emails", "## 5 étapes") is stated by the first
  // passage under it, which starts what it counts (blind round 11: "combien d'emails dans la séquence
  // de relance ?" quoted a percentage). Not the document's title: every passage sits under it.
  if (quantity !== null && bestOverlap > 0) {
    const firstUnder = new Map<string, number>();
    for (const passage of scored) {
      const section = `${passage.sourceRank}|${passage.heading}`;
      firstUnder.set(section, Math.min(firstUnder.get(section) ?? Infinity, passage.position));
    }
    const headingStatesIt = (passage: (typeof scored)[number]) =>
      quantity.kind === 'count' && passage.headingIsASection && firstUnder.get(`${passage.sourceRank}|${passage.heading}`) === passage.position && statesQuantity(passage.heading, quantity);
    for (const passage of scored) {
      if (passage.holdsTheRarestWord && (statesQuantity(passage.text, quantity) || headingStatesIt(passage))) passage.score += QUANTITY_BONUS * (passage.overlap / bestOverlap);
    }
  }
  // "Et le 4e mail ?": the item asked, among the passages that match (ordinal-question.ts).
  if (ordinal !== null) {
    for (const passage of scored) if (passage.overlap > 0 && isTheItemAsked(passage, ordinal)) passage.score += ORDINAL_BONUS;
  }
  // "Sondage ou quiz ?": the passages that name the alternatives in their own words, more when they compare them.
  if (alternatives !== null && bestOverlap > 0) {
    const sectionStems = sectionStemsOf(scored);
    for (const passage of scored) passage.score += COMPARISON_BONUS * comparisonShare(passage.text, passage.textStems, alternatives, sectionStems(passage)) * (passage.overlap / bestOverlap);
  }
  // A definition's first passage of a section: the heading's own figure ("Audit express — 150 €.") is quoted beside it, not in its place.
  const firstDefiningPosition = firstPositionPerSection(scored.filter((passage) => !passage.statesAHeadingsFigure));
  const opensItsDefiningSection = (passage: (typeof scored)[number]) => !passage.statesAHeadingsFigure && firstDefiningPosition.get(sectionOf(passage)) === passage.position;
  // "C'est quoi l'audit express ?": the first passage of the section headed by every word asked.
  if (definition && bestOverlap > 0) {
    const opening = new Map<number, { position: number; heading: string }>();
    for (const passage of scored) if (passage.position < (opening.get(passage.sourceRank)?.position ?? Infinity)) opening.set(passage.sourceRank, passage);
    for (const passage of scored) {
      if (passage.headedByTheQuestion && (passage.sectionOnTheThing || opening.get(passage.sourceRank)!.heading === passage.heading) && opensItsDefiningSection(passage)) passage.score += DEFINITION_BONUS * (passage.overlap / bestOverlap);
    }
  }
  // "Mes légendes perdent leurs sauts de ligne": the lines that tell what to do.
  if (remedy && bestOverlap > 0) {
    favourTheLinesThatTellWhatToDo(scored, bestOverlap);
    leadWithTheSectionsInstruction(scored);
  }
  // "Par quoi je commence ?": the first thing to do (where-to-start-question.ts); not a choice between two things to start with.
  if (asksWhereToStart(question) && alternatives === null && bestOverlap > 0) leadWithTheFirstThingToDo(scored);
  // "Mon zap s'est arrêté tout seul": the first answer under the FAQ question that asks it.
  if (bestOverlap > 0) favourTheAnswersUnderTheVisitorsQuestion(scored, bestOverlap);
  // "C quoi un webhook concretement ? on m'a dit que…": the first passage under a heading that names only the thing asked
  // ("## Audit express — 150 €") or asks what it is ("## C'est quoi un webhook ?") says what it is: it leads, whatever
  // else the message says ("dit" made "Pourquoi Stripe dit que mon webhook a échoué ?" an FAQ the visitor repeats).
  if (typeof definition === 'string' && bestOverlap > 0) {
    const firstPerSection = scored.filter((passage) => passage.headedByTheQuestion && passage.headingIsASection && opensItsDefiningSection(passage) && definesTheThing(passage.heading, definedStems));
    const topScore = Math.max(...scored.map((passage) => passage.score));
    for (const passage of firstPerSection) {
      passage.score = topScore + passage.score;
      passage.answersTheVisitorsQuestion = true;
    }
  }
  // "C'est quoi un déclencheur ?": a glossary's entry for the thing ("Déclencheur : l'événement qui démarre…") says what it is.
  if (typeof definition === 'string' && bestOverlap > 0) {
    const entries = scored.filter((passage) => passage.overlap > 0 && isTheGlossaryEntryOf(passage.text, definedStems));
    const topScore = Math.max(...scored.map((passage) => passage.score));
    for (const passage of entries) {
      passage.score = topScore + passage.score;
      passage.answersTheVisitorsQuestion = true;
    }
  }
  // "Je lui réponds quoi ?": the best document's line that tells what to reply ("Réponds personnellement…") leads.
  if (reply !== null && bestOverlap > 0) {
    const top = scored.reduce((best, passage) => (passage.score > best.score ? passage : best));
    const topScore = top.score;
    for (const passage of scored) {
      if (passage.overlap === 0 || passage.documentId !== top.documentId || !tellsWhatToReply(passage.text, reply, question)) continue;
      passage.score += topScore;
      passage.answersTheVisitorsQuestion = true;
    }
  }
  return scored.map(({ textStems: _textStems, holdsTheRarestWord: _holdsTheRarestWord, headedByTheQuestion: _headedByTheQuestion, sectionOnTheThing: _sectionOnTheThing, headedByTheVisitorsQuestion: _headedByTheVisitorsQuestion, lengthPenaltyTaken: _lengthPenaltyTaken, headingIsASection: _headingIsASection, ...passage }) => passage).sort((left, right) => right.score - left.score || left.sourceRank - right.sourceRank || left.position - right.position);
}
