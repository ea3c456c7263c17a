import {
  zeroUsage,
  type AnswerHooks,
  type AnswerInput,
  type AnswerOutput,
  type Answerer,
  type RetrievedChunk,
} from '../capabilities/capabilities.ts';
import type { AgentName } from '../contract/chat-schemas.ts';
import { attributeCarriedTo, searchTextOf } from '../agents/follow-up-question.ts';
import { withWhatWasNotSaidFirst } from './detail-follow-up.ts';
import { withEarlierSteps } from './procedure-steps.ts';
import { asksHowTo, procedureAskedFor } from './procedure-answer.ts';
import { stepsFromTheOneAskedAbout } from './step-asked-about.ts';
import { contactFactsAskedBy, statesAContactFact, statesAContactFactInTheAgencysVoice, withContactFactWords } from './contact-facts.ts';
import { asksOfTheVisitorsOwnClients, pagesOnDealingsWithTheAgency } from './visitors-own-clients.ts';
import { asksOfTheAgency, opensOnTheAgency } from './lines-about-the-agency.ts';
import { searchTextAfterAnExpertPick } from './reply-to-the-last-turn.ts';
import { asksWhatItIs, thingAskedToDefine } from './definition-question.ts';
import { answerOpeningFor, answerOpeningText, type AnswerOpening } from './answer-opening.ts';
import { instructionsRefusal } from '../agents/persona-replies.ts';
import { NOTHING_FOUND, noSourceAnswer, offlineNotice } from './offline-answer-notices.ts';
import { detectPromptInjection } from '../agents/prompt-injection-guard.ts';
import { withFrenchEquivalents } from '../french-text/english-query-words.ts';
import { countWords, quotedPassage } from './answer-passages.ts';
import { answersOnlyItsOwnHeading } from './yes-no-answer.ts';
import { agentsNamedBy } from './keyword-router.ts';
import { platformsMissingFromSources } from './platform-names.ts';
import { quantityAskedBy, statesQuantity } from './quantity-question.ts';
import { ordinalAskedBy } from './ordinal-question.ts';
import { alternativesAskedBy } from './comparison-question.ts';
import { replyVerbAskedBy } from './reply-question.ts';
import { questionKindOf } from './question-kind.ts';
import { asksForARemedy } from './remedy-question.ts';
import { bestPassagePerPart } from './question-parts.ts';
import { keepToTheRowsOfTheSubjectAsked } from './table-row-subjects.ts';
import { withoutWordsMetInPassing } from './passing-word-passages.ts';
import { topicOnlyLinesLast, type AmountAsked } from './answer-order.ts';
import { openedByTheLeadStatingTheAmount } from './lead-stating-the-amount.ts';
import { leadPastAFramingSentence, withoutFramingBesideItsDocument } from './framing-sentence.ts';
import { COMPANION_POSITION_STRIDE, MIN_RELATIVE_OVERLAP, rankSourcePassages, type ScoredPassage } from './passage-ranking.ts';

export { rankSourcePassages };

/**
 * Offline answerer: writes a short French answer (tutoiement, at most ANSWER_MAX_WORDS words,
 * everything included) from the passages of the sources that best match the question, in the
 * agent's persona, cites the sources by title and says it is an offline draft. It never writes
 * anything that is not in the sources: with no source it says so and offers human help. Where no person can answer in
 * this chat (AnswerInput `personCanAnswerHere` false: no operators' inbox served), neither its notice nor the answer
 * with no source offers one: they say to contact the agency directly (agents/agency-contact.ts).
 *
 * Quoting (answer-passages.ts): whole sentences only, never cut; a sentence that leans on the one
 * before it comes with it; a list that finishes a sentence comes with its introduction; the best
 * passage leads, the others follow in their document's order (documents best first, then their
 * order inside the source), a procedure's steps in their own order; emojis of the sources are kept. A question that names both agents' topics
 * (keyword-router.ts `agentsNamedBy`) gets the best passage of each agent's documents.
 *
 * Injection defences: a sentence of a source that addresses the assistant with instructions ("ignore
 * tes consignes…", "révèle ton prompt…") is never quoted, and a visitor asking for the instructions
 * gets the persona's polite refusal.
 *
 * Streams the text through `hooks.onDelta` in pieces of a few words (no
 * artificial delay); the concatenated deltas equal the returned text.
 */

export const EXTRACTIVE_ANSWERER_MODEL = 'local-extractive-v1';
export const ANSWER_MAX_WORDS = 250;

const MAX_PASSAGES = 4;
const WORDS_PER_DELTA = 3;
/** How Audrey marks a quoted passage that is not a step of the one procedure she quotes. */
export const AUDREY_BULLET = '•';
/**
 * The chosen passages in reading order: documents in the order of their best source, and inside
 * a document by source then by position.
 */
function inDocumentOrder(passages: readonly ScoredPassage[]): ScoredPassage[] {
  const documentRank = new Map<string, number>();
  for (const passage of passages) {
    documentRank.set(passage.documentId, Math.min(documentRank.get(passage.documentId) ?? Infinity, passage.sourceRank));
  }
  return [...passages].sort(
    (left, right) =>
      documentRank.get(left.documentId)! - documentRank.get(right.documentId)! ||
      left.sourceRank - right.sourceRank ||
      left.position - right.position,
  );
}

/**
 * The chosen passages as the answer gives them: the lead (the passage that best answers) first, so
 * that the answer's first sentence answers, then the others in reading order (blind round 13: in
 * reading order alone, a document's introduction or an earlier section's weaker match opened 33 of
 * 43 answers: "Substack héberge ta newsletter…" before the import steps asked for). A procedure's
 * steps keep their order, and so does an answer with no single lead (a message of several questions).
 */
function inAnswerOrder(passages: readonly ScoredPassage[], lead: ScoredPassage | null, yesOrNoToAnotherQuestion: (passage: ScoredPassage) => boolean = () => false, amountAsked: AmountAsked<ScoredPassage> | null = null): ScoredPassage[] {
  const inReadingOrder = inDocumentOrder(passages);
  // The lead opens its own document's lines only: a better-scored line of a document the search ranked
  // lower does not go before the best document ("l'annonce d'un live" of an emailing guide opened an
  // answer about lives in duo).
  // Unless it alone states the amount asked (lead-stating-the-amount.ts).
  if (lead !== null && lead.step === undefined && passages.includes(lead) && inReadingOrder[0]!.documentId !== lead.documentId) {
    return openedByTheLeadStatingTheAmount(inReadingOrder, passages, lead, { yesOrNoToAnotherQuestion, statesTheAmountAsked: amountAsked === null ? null : amountAsked.statesTheAmount });
  }
  if (lead === null || lead.step !== undefined || !passages.includes(lead)) {
    // Nor, in reading order, a yes or a no to another FAQ question (yes-no-answer.ts): it follows the first line that is
    // not one ("Est-il possible de leur envoyer un rappel automatique ?" opened with "Oui. Désactive alors les flows
    // Shopify…", the answer to "Puis-je utiliser Klaviyo à la place ?", blind round 14).
    const opening = inReadingOrder.findIndex((passage) => !yesOrNoToAnotherQuestion(passage));
    if (opening <= 0) return inReadingOrder;
    return [inReadingOrder[opening]!, ...inReadingOrder.filter((passage) => passage !== inReadingOrder[opening])];
  }
  // After a lead stating the amount asked, its document's lines only about the document's topic come last (answer-order.ts).
  return [lead, ...topicOnlyLinesLast(inReadingOrder.filter((passage) => passage !== lead), lead, amountAsked)];
}

function citedTitles(sources: readonly RetrievedChunk[], passages: readonly ScoredPassage[]): string[] {
  return [...new Set(passages.map((passage) => sources[passage.sourceRank]!.title))];
}

function compose(agent: AgentName, opening: AnswerOpening, passages: readonly ScoredPassage[], titles: readonly string[], notice: string): string {
  const cited = titles.map((title) => `« ${title} »`).join(', ');
  if (agent === 'audrey') {
    // Steps of one procedure keep their own numbers: "1. … 4." over its steps 3 to 6 would read as
    // its whole, its first steps silently gone.
    // Other passages are bulleted, not numbered: "1. 2. 3." over sentences that are no steps reads
    // as a procedure that is not there (a blind probe, 2026-12-04).
    const oneProcedure = passages.every((passage) => passage.step !== undefined && passage.documentId === passages[0]!.documentId && passage.heading === passages[0]!.heading);
    const steps = passages.map((passage) => `${oneProcedure ? `${passage.step}.` : AUDREY_BULLET} ${quotedPassage(passage)}`).join('\n');
    return [answerOpeningText('audrey', opening), steps, `Sources : ${cited}.`, notice].join('\n\n');
  }
  const ideas = passages.map((passage) => `💡 ${quotedPassage(passage)}`).join('\n');
  return [answerOpeningText('carole', opening), ideas, `📚 Sources : ${cited}.`, notice].join('\n\n');
}

/**
 * Picks passages best first, skipping any that would take the whole answer over the word limit,
 * up to MAX_PASSAGES; null when none fits.
 */
function choosePassages(agent: AgentName, opening: AnswerOpening, notice: string, sources: readonly RetrievedChunk[], ranked: readonly ScoredPassage[], lead: ScoredPassage | null, yesOrNoToAnotherQuestion: (passage: ScoredPassage) => boolean, amountAsked: AmountAsked<ScoredPassage> | null): string | null {
  const chosen: ScoredPassage[] = [];
  let text: string | null = null;
  for (const passage of ranked) {
    if (chosen.length >= MAX_PASSAGES) break;
    const attempt = inAnswerOrder([...chosen, passage], lead, yesOrNoToAnotherQuestion, amountAsked);
    const attemptText = compose(agent, opening, attempt, citedTitles(sources, attempt), notice);
    if (countWords(attemptText) > ANSWER_MAX_WORDS) continue;
    chosen.push(passage);
    text = attemptText;
  }
  return text;
}

/**
 * A procedure's steps in order, as many as fit the word limit, stopping at the first that does not
 * (a step is never skipped); null when fewer than two fit.
 */
function procedureAnswer(agent: AgentName, opening: AnswerOpening, notice: string, sources: readonly RetrievedChunk[], steps: readonly ScoredPassage[]): string | null {
  let text: string | null = null;
  for (let count = 1; count <= steps.length; count += 1) {
    const attempt = steps.slice(0, count);
    const attemptText = compose(agent, opening, attempt, citedTitles(sources, attempt), notice);
    if (countWords(attemptText) > ANSWER_MAX_WORDS) break;
    if (count >= 2) text = attemptText;
  }
  return text;
}

/** Builds the answer text (exported for tests; `ExtractiveAnswerer.answer` streams it). */
export function buildExtractiveAnswer(input: Pick<AnswerInput, 'agent' | 'message' | 'sources' | 'companions' | 'personCanAnswerHere'> & { history?: AnswerInput['history'] }): string {
  if (detectPromptInjection(input.message) === 'prompt_extraction') return instructionsRefusal(input.agent);
  const personCanAnswerHere = input.personCanAnswerHere ?? true;
  const nothingFound = () => noSourceAnswer(input.agent, personCanAnswerHere);
  if (input.sources.length === 0) return nothingFound();
  // An English question is matched through its French equivalents (the sources are French); a
  // follow-up naming no topic ("un exemple ?") through the questions it follows, as it was searched.
  const question = withContactFactWords(searchTextAfterAnExpertPick(input.message, input.history ?? [], searchTextOf(input.message, input.history ?? [])));
  // The amount asked is the message's own ("combien ça coûte ?" after "c'est quoi le Cercle ?"; "how much is it?"),
  // or the one the question before asked of another thing ("quels sont vos tarifs ?" then "et la séance à l'unité ?").
  const carried = attributeCarriedTo(input.message, input.history ?? []);
  const quantity = quantityAskedBy(input.message) ?? quantityAskedBy(withFrenchEquivalents(input.message)) ?? quantityAskedBy(withContactFactWords(input.message)) ?? (carried === null ? null : quantityAskedBy(carried));
  // A definition: the section headed by the thing asked, whatever else the message says (definition-question.ts).
  const thing = thingAskedToDefine(input.message);
  const definition = thing === null ? asksWhatItIs(input.message) : withFrenchEquivalents(thing);
  // A table's rows about other things than the one the question names are not quoted (table-row-subjects.ts).
  const allRanked = keepToTheRowsOfTheSubjectAsked(input.message, rankSourcePassages(withFrenchEquivalents(question), input.sources, input.companions, quantity, definition, ordinalAskedBy(input.message), alternativesAskedBy(input.message), replyVerbAskedBy(input.message), questionKindOf(input.message), asksForARemedy(input.message)), (passage) => input.sources[passage.sourceRank]!.title);
  // Not a line of another document meeting one question word in passing (passing-word-passages.ts).
  // How to reach the agency ("vous êtes où ?", "votre numéro ?"): only a line stating it answers (local/contact-facts.ts).
  const contactFacts = contactFactsAskedBy(input.message);
  // The visitor's own clients ("ma cliente veut un remboursement…"): not the agency's lines on its own dealings (visitors-own-clients.ts).
  // A line about the agency or its experts answers only a question put to the agency or about it (lines-about-the-agency.ts).
  const aboutTheAgency = asksOfTheAgency(input.message);
  const dealingsPages = asksOfTheVisitorsOwnClients(input.message) ? pagesOnDealingsWithTheAgency(allRanked) : new Set<string>();
  const relevant = [
    ...withoutWordsMetInPassing(question, allRanked.filter((passage) => passage.overlap > 0), (passage) => input.sources[passage.sourceRank]!.title).filter(
      (passage) =>
        (contactFacts.length === 0 || statesAContactFact(passage.text, contactFacts)) && !dealingsPages.has(passage.documentId) && (aboutTheAgency || !opensOnTheAgency(passage.text)),
    ),
    // The agency's line stating the contact fact asked, in words of its own ("Nos bureaux se trouvent au 8 rue…").
    ...allRanked.filter((passage) => passage.overlap === 0 && contactFacts.length > 0 && statesAContactFactInTheAgencysVoice(passage.text, contactFacts)),
  ];
  // Sources that share no word with the question are not evidence: say so rather than paste them.
  if (relevant.length === 0) return nothingFound();
  // A tool or platform the question names and no source mentions, with no passage holding two of its
  // words: the sources are about something else ("la meilleure heure pour publier sur TikTok" against
  // a room's hourly rate). A platform named as context beside a question they answer passes ("J'ai
  // 2 000 abonnés sur TikTok, comment faire un Reel qui engage ?").
  const sourceTexts = [...input.sources, ...(input.companions ?? [])].flatMap((chunk) => [chunk.title, chunk.section ?? '', chunk.content]);
  if (platformsMissingFromSources(input.message, sourceTexts).length > 0 && Math.max(...relevant.map((passage) => passage.matchedWords)) < 2) return nothingFound();
  // Passages close to the best match; weaker ones (then unrelated ones) only to reach two passages.
  const bestOverlap = Math.max(...relevant.map((passage) => passage.overlap));
  const strong = relevant.filter((passage) => passage.overlap >= MIN_RELATIVE_OVERLAP * bestOverlap || passage.answersTheVisitorsQuestion);
  // Padding to two passages: the best passage's own document first (a weaker match in it, then the
  // passage that follows it under the same heading), then another document's weak match, then
  // any passage of the best document. Not one sharing no word with the question under a heading
  // that is itself a question (a page of questions and answers): it answers another question ("Oui :
  // le Pack est pensé pour les débutantes" quoted first to "vos formations sont éligibles au CPF ?").
  const best = strong[0]!;
  const inBestDocument = (passage: ScoredPassage) => passage.documentId === best.documentId;
  const followsBest = (passage: ScoredPassage) =>
    passage.sourceRank === best.sourceRank && passage.position === best.position + 1 && passage.heading === best.heading;
  const answersAnotherQuestion = (passage: ScoredPassage) => passage.heading !== best.heading && /\?\s*$/u.test(passage.heading);
  const weaker = relevant.filter((passage) => !strong.includes(passage));
  const ranked =
    strong.length >= 2
      ? strong
      : [
          ...strong,
          ...weaker.filter(inBestDocument),
          ...allRanked.filter((passage) => passage.overlap === 0 && followsBest(passage)),
          ...weaker.filter((passage) => !inBestDocument(passage)),
          ...allRanked.filter((passage) => passage.overlap === 0 && inBestDocument(passage) && !answersAnotherQuestion(passage)),
        ].slice(0, 2);
  // A question that names both agents' topics: the best passage of each named agent's documents first.
  // Not a question naming one agent's topic: its best passage may be in a shared page, and that
  // agent's own best passage, put first, was a weak match that took over the answer ("Comment se
  // passe l'appel découverte ?" answered with a Zapier procedure for its "mot de passe"; a blind probe, 2026-12-04).
  const ownerOf = (passage: ScoredPassage) => input.sources[passage.sourceRank]!.agentOwner;
  const namedAgents = agentsNamedBy(input.message);
  const firstPerNamedAgent = (namedAgents.length < 2 ? [] : namedAgents)
    .map((agent) => relevant.find((passage) => ownerOf(passage) === agent))
    .filter((passage): passage is ScoredPassage => passage !== undefined);
  // A message of several questions: the best passage of each question first.
  const firstPerPart = bestPassagePerPart(input.message, (part) => {
    const best = rankSourcePassages(withFrenchEquivalents(part), input.sources, input.companions).find((passage) => passage.overlap > 0);
    return best && relevant.find((passage) => passage.text === best.text && passage.sourceRank === best.sourceRank);
  });
  const first = [...new Set([...firstPerNamedAgent, ...firstPerPart])];
  const ordered = withWhatWasNotSaidFirst([...first, ...ranked.filter((passage) => !first.includes(passage))], allRanked, input.message, input.history ?? []);
  const opening = answerOpeningFor(input.agent, input.history ?? []);
  const notice = offlineNotice(input.agent, personCanAnswerHere);
  // A bare "Oui." or "Non…" under an FAQ question the visitor did not ask never leads (yes-no-answer.ts).
  const yesOrNoToAnotherQuestion = (passage: ScoredPassage) => answersOnlyItsOwnHeading(passage, input.message, input.sources[passage.sourceRank]!.title);
  // "Comment faire X ?" that a numbered procedure answers: the procedure, from its first step
  // (procedure-answer.ts); not for a message of several questions or naming both agents' topics.
  // A question about one step ("après avoir créé le coffre, je fais quoi ?", "à quel moment je change les mots de passe ?"):
  // the procedure from that step, or the one after it (step-asked-about.ts).
  const fromTheStepAsked = first.length <= 1 ? stepsFromTheOneAskedAbout(input.message, ordered.filter((passage) => !yesOrNoToAnotherQuestion(passage)), allRanked, { chunkStride: COMPANION_POSITION_STRIDE }) : null;
  const procedure = fromTheStepAsked ?? (first.length <= 1 ? procedureAskedFor(input.message, ordered, allRanked, { chunkStride: COMPANION_POSITION_STRIDE }) : null);
  if (procedure !== null) {
    const procedureText = procedureAnswer(input.agent, opening, notice, input.sources, procedure);
    if (procedureText !== null) return procedureText;
  }
  // The earlier steps of a procedure quoted from its middle, for a question asking how to (procedure-steps.ts); a question
  // about one thing a step says ("quelle largeur pour ma newsletter ?", "compte à rebours, combien de minutes ?") gets that
  // step first, not step 1 ("Va dans Campagnes > Modèles…", "Remplace la page de remerciement…", blind rounds 11 and 15).
  const withSteps = asksHowTo(input.message) ? withEarlierSteps(ordered, allRanked, { quoted: MAX_PASSAGES, chunkStride: COMPANION_POSITION_STRIDE }) : ordered;
  // Not a framing sentence of its document ("…: voici comment…") before a line of it that answers (framing-sentence.ts).
  const lead = first.length <= 1 ? leadPastAFramingSentence(ordered.find((passage) => !yesOrNoToAnotherQuestion(passage)) ?? null, ordered, (passage) => !yesOrNoToAnotherQuestion(passage), MIN_RELATIVE_OVERLAP) : null;
  const amountAsked = quantity === null ? null : { question, statesTheAmount: (passage: ScoredPassage) => statesQuantity(passage.text, quantity), titleOf: (passage: ScoredPassage) => input.sources[passage.sourceRank]!.title };
  return choosePassages(input.agent, opening, notice, input.sources, withoutFramingBesideItsDocument(withSteps), lead, yesOrNoToAnotherQuestion, amountAsked) ?? nothingFound();
}

/** Splits text into pieces of a few words; their concatenation is the text. */
export function splitIntoDeltas(text: string, wordsPerDelta = WORDS_PER_DELTA): string[] {
  const words = text.match(/\s*\S+\s*/g) ?? [];
  const deltas: string[] = [];
  for (let index = 0; index < words.length; index += wordsPerDelta) {
    deltas.push(words.slice(index, index + wordsPerDelta).join(''));
  }
  return deltas;
}

export class ExtractiveAnswerer implements Answerer {
  readonly model = EXTRACTIVE_ANSWERER_MODEL;

  async answer(input: AnswerInput, hooks: AnswerHooks, signal?: AbortSignal): Promise<AnswerOutput> {
    signal?.throwIfAborted();
    const text = buildExtractiveAnswer(input);
    for (const delta of splitIntoDeltas(text)) {
      signal?.throwIfAborted();
      hooks.onDelta?.(delta);
    }
    return { text, model: this.model, usage: zeroUsage(), offline: true, ...(text.startsWith(NOTHING_FOUND) ? { citesNoSource: true } : {}) };
  }
}
