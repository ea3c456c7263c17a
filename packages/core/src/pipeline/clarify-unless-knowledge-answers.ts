import type {
  AnswerDecision,
  ClarifyDecision,
  Embedder,
  EscalateDecision,
  EmbeddingResult,
  KnowledgeRetriever,
  RetrievedChunk,
  RouteDecision,
} from '../capabilities/capabilities.ts';
import type { AgentName } from '../contract/chat-schemas.ts';
import { contentStems, foldFrench, spacedFoldedWords } from '../french-text/french-text.ts';
import { urgentHelpOf } from '../agents/urgent-help.ts';
import { asksWhatTheChatIs } from '../agents/assistant-identity.ts';
import { smallTalkOf } from '../agents/small-talk.ts';
import type { Logger } from '../logging/logger.ts';
import { minimumSimilarityFor, type RetrievalSettings } from '../retrieval/retrieval-settings.ts';
import { fullTextQueryOf, queryTextForModel } from '../retrieval/query-text.ts';
import { markdownHeadingsOf } from '../local/answer-passages.ts';
import { answersThroughATableRow, contentWritesAsAName, holdsATerm, innerSectionsOf, OFFER_PAGE_WORDS, offerPageNames } from './knowledge-match-cues.ts';
import { asksOnlyForContactDetails, namesAContactFact } from './contact-questions.ts';
import { INSTALMENTS_MEANS, questionWordsOf, STATES_INSTALMENTS, type QuestionWords } from './question-words-of.ts';
import { chunksNamingTheAskedSubject } from './out-of-scope-subject.ts';
import { asksWhetherAnArrangementIsAllowed } from './billing-arrangement-question.ts';
import { EXHAUSTION, LOW_MOOD, MEDICINE_WORDS, OWN_TREMOR, SYMPTOMS } from '../local/escalation-out-of-scope.ts';
import { OWN_SERIOUS_ILLNESS } from '../local/own-serious-illness.ts';

/**
 * Before a clarifying question, the knowledge base is asked: a router only knows the topics it
 * was written for, the knowledge base may hold a document that answers the message anyway
 * ("Quel hébergeur pour mon podcast ?" once a podcast guide is ingested). A `clarify` decision,
 * from any router, becomes `answer` when a document clearly answers. So does a hand-over for being
 * out of the experts' field (`out_of_scope`) when the knowledge base covers the topic after all
 * (a guide to VAT and URSSAF for a coach's own business: "Quel est le seuil de TVA ?"), except a
 * health question (a medicine, a prescription, a diagnosis), which stays with a person; and a
 * billing hand-over that only asks whether an arrangement is allowed ("Puis-je payer en plusieurs
 * fois ?") when a page says so, and one that only asks for the agency's phone, email, address or
 * hours ("c koi votre numero de tel ?") when a page names them. Every other decision passes through untouched.
 *
 * "Clearly answers" = one chunk passes both tests:
 * - its cosine similarity to the query embedding reaches the retrieval floor of the embedding
 *   model (minimumSimilarityFor: the local hashing embedder's floor, RAG_SIMILARITY_THRESHOLD for a
 *   live model): the search is vector only (no full-text words) with that floor, so every chunk
 *   returned passes it (but a table row under its header, also searched by words below);
 * - it holds at least MIN_MATCHED_WORDS distinct content words (stemmed, stop words removed) of the
 *   message, one of them in its document title or section heading, or MIN_MATCHED_WORDS_ANYWHERE
 *   words without the heading, or two topic words side by side in the message and in the chunk
 *   ("order bump"); or the message is a question about one word, and the chunk's heading holds it
 *   (QuestionWords.oneWordTopic), or its body when the word is written as a name ("C'est qui
 *   Margaux ?", knowledge-match-cues.ts). A greeting, "j'ai une question", "merci beaucoup", "test" or
 *   gibberish have at most one content word, and a short message's vector is close to any chunk
 *   repeating that word ("j'ai une question" reaches 0.30 against the billing FAQ, above half of
 *   the real questions); an off-topic message matches common words ("temps", "jours", "changer")
 *   in the body, rarely in a heading, which names what a section answers.
 * Measured with the local embedder on knowledge-base/ (+ the podcast fixture), the development
 * set's kb and the evaluation fixtures: 1 of 216 greetings, small talk, gibberish and off-topic
 * messages passes, 76 of 101 retrieval questions do (docs/retrieval.md).
 *
 * Among chunks that answer, the one with the most matched words wins, then the most in its heading.
 * The new decision's confidence is the share of the message's content words the chunk holds; its
 * method, model and usage stay the router's (the router ran; the knowledge changed its verdict).
 * The answering agent is the matched document's owner; a `shared` document keeps the router's
 * (neutral) agent. The search runs as each agent (the retriever prefers an agent's own
 * documents), so neither is favoured: remaining ties go to the better summed position in both
 * lists. A failed embedding or search keeps the clarifying question.
 */

/** Distinct content words of the message a chunk must hold, one of them in its title or section heading. */
export const MIN_MATCHED_WORDS = 2;
/** Distinct content words of the message a chunk must hold when none is in its heading. */
export const MIN_MATCHED_WORDS_ANYWHERE = 3;
/**
 * The stems of "paiement", "payer" and "payable": a chunk about paying. Without "payable", the
 * price list "890 € TTC, payable en une fois ou en 3 mensualités de 300 €" did not answer "on peut
 * payer en plusieurs fois ?" (a blind probe, 2026-12-04).
 */
const PAYMENT_STEMS: ReadonlySet<string> = new Set(contentStems('paiement payable'));
/** Chunks looked at per agent. */
const CANDIDATES_PER_AGENT = 5;

export interface KnowledgeCheckDeps {
  embedder: Embedder;
  retriever: KnowledgeRetriever;
  settings: Pick<RetrievalSettings, 'similarityThreshold' | 'localSimilarityThreshold'>;
}

/** The document that answers the message, and how much of the message it covers. */
export interface KnowledgeMatch {
  chunk: RetrievedChunk;
  matchedWords: number;
  /** Of matchedWords, those in the chunk's document title or section heading. */
  matchedHeadingWords: number;
  messageWords: number;
}

/** Why the step kept or changed the decision (logged; decisions stay data). */
export type KnowledgeCheckOutcome =
  | { outcome: 'not_a_clarification' }
  | { outcome: 'kept_clarification'; reason: 'no_relevant_document'; candidates: number }
  /** A greeting, thanks or goodbye (agents/small-talk.ts): never a document's answer, nothing searched. */
  | { outcome: 'kept_clarification'; reason: 'small_talk' }
  /** An expert picked in answer to the clarifying question, no question asked yet (the router's `context` clarification). */
  | { outcome: 'kept_clarification'; reason: 'expert_picked' }
  | { outcome: 'kept_clarification'; reason: 'knowledge_unavailable'; error: unknown }
  | { outcome: 'answered_from_knowledge'; match: KnowledgeMatch; agent: AgentName };

/**
 * The best chunk holding at least MIN_MATCHED_WORDS words of the message among lists already past
 * the similarity floor (one list per agent searched, best first), or null.
 */
export function bestKnowledgeMatch(
  message: string,
  rankedLists: ReadonlyArray<readonly RetrievedChunk[]>,
  { stems, topicStems, oneWordTopic, oneWordTopicIsAName, asksWho, twoWordTerms, paymentMeansStems, contactFacts, askedOfTheOffer }: QuestionWords = questionWordsOf(message),
  /**
   * Whether a section inside a chunk may answer on its own: for a clarification only. A hand-over
   * keeps the stricter test: "Vous avez un numéro de téléphone pour joindre l'agence directement ?"
   * (a person wanted, blind round 10) found "## Téléphone" and "agence" in one section.
   */
  { sectionsInsideChunks = true }: { sectionsInsideChunks?: boolean } = {},
): KnowledgeMatch | null {
  if (stems.size < MIN_MATCHED_WORDS && oneWordTopic === null && paymentMeansStems.length === 0 && contactFacts.length === 0 && askedOfTheOffer.length === 0) return null;
  const positions = new Map<string, { chunk: RetrievedChunk; positionSum: number }>();
  for (const list of rankedLists) {
    for (const [position, chunk] of list.entries()) {
      const known = positions.get(chunk.chunkId) ?? { chunk, positionSum: rankedLists.length * CANDIDATES_PER_AGENT };
      known.positionSum += position - CANDIDATES_PER_AGENT;
      positions.set(chunk.chunkId, known);
    }
  }
  let best: (KnowledgeMatch & { positionSum: number }) | null = null;
  for (const { chunk, positionSum } of positions.values()) {
    const headingStems = new Set(contentStems(`${chunk.title} ${chunk.section ?? ''}`));
    const chunkStems = new Set([...headingStems, ...contentStems(chunk.content)]);
    let matchedWords = [...stems].filter((stem) => chunkStems.has(stem)).length;
    let matchedHeadingWords = [...stems].filter((stem) => headingStems.has(stem)).length;
    // A heading inside the chunk that asks the very question ("## Peut-on payer en plusieurs fois ?")
    // counts as the chunk's heading when it holds MIN_MATCHED_WORDS words of the message itself.
    // Headings inside a chunk that spans several sections (its `section` names the first).
    const inner = markdownHeadingsOf(chunk.content).map((heading) => new Set(contentStems(heading)));
    const innerHeadingWords = Math.max(0, ...inner.map((headingWords) => [...topicStems].filter((stem) => headingWords.has(stem)).length));
    // A section inside the chunk answers as a chunk of its own would: MIN_MATCHED_WORDS words of the
    // message in it, one of them in its heading ("## Séance à l'unité" then "Une séance ponctuelle
    // d'une heure…" for "je voudrais une séance ponctuelle", in a chunk named after the section before);
    // so does a table's row under its header row ("| Courgette | avril | juillet |" under "Récolte").
    const innerSectionHeadingWords = Math.max(0, ...(sectionsInsideChunks ? innerSectionsOf(chunk.content) : []).map((section) => {
      const inHeading = [...topicStems].filter((stem) => section.headingStems.has(stem)).length;
      const inSection = [...topicStems].filter((stem) => section.headingStems.has(stem) || section.bodyStems.has(stem)).length;
      return inHeading > 0 && inSection >= MIN_MATCHED_WORDS ? inHeading : 0;
    }));
    const answers =
      matchedWords >= MIN_MATCHED_WORDS &&
      (matchedHeadingWords > 0 || innerHeadingWords >= MIN_MATCHED_WORDS || innerSectionHeadingWords > 0 || matchedWords >= MIN_MATCHED_WORDS_ANYWHERE || holdsATerm(chunk.content, twoWordTerms));
    // Or one cue of a short question names what the chunk is about: its one word (in a heading, or
    // a name), a way of paying on a page about paying ("vous acceptez les chèques ?"), how to reach
    // the agency in a heading or a label ("vous avez un numéro de tel ?", contact-questions.ts).
    const answersByACue =
      !answers &&
      ((oneWordTopic !== null &&
        (headingStems.has(oneWordTopic) ||
          inner.some((headingWords) => headingWords.has(oneWordTopic)) ||
          (oneWordTopicIsAName && chunkStems.has(oneWordTopic)) ||
          (asksWho && contentWritesAsAName(chunk.content, oneWordTopic)))) ||
        ([...PAYMENT_STEMS].some((stem) => chunkStems.has(stem)) && paymentMeansStems.some((stem) => chunkStems.has(stem) || (stem === INSTALMENTS_MEANS && STATES_INSTALMENTS.test(spacedFoldedWords(chunk.content))))) ||
        namesAContactFact(chunk, contactFacts) ||
        offerPageNames(headingStems, chunk.content, askedOfTheOffer));
    if (!answers && !answersByACue) continue;
    if (answersByACue) [matchedWords, matchedHeadingWords] = [Math.max(matchedWords, 1), 1];
    else matchedHeadingWords = Math.max(matchedHeadingWords, innerHeadingWords >= MIN_MATCHED_WORDS ? innerHeadingWords : 0, innerSectionHeadingWords);
    const better =
      best === null ||
      matchedWords > best.matchedWords ||
      (matchedWords === best.matchedWords && matchedHeadingWords > best.matchedHeadingWords) ||
      (matchedWords === best.matchedWords && matchedHeadingWords === best.matchedHeadingWords && positionSum < best.positionSum);
    if (better) best = { chunk, matchedWords, matchedHeadingWords, messageWords: stems.size, positionSum };
  }
  if (best === null) return null;
  const { positionSum: _positionSum, ...match } = best;
  return match;
}

/**
 * Health questions, and the visitor's family law or sick animal, stay with a person even when a
 * document mentions their words ("sans médicaments", "un client me demande"): no document of the
 * agency gives medical, legal or veterinary advice.
 */
const STAYS_WITH_A_PERSON = new RegExp(
  `\\b(?:medicaments?|ordonnances?|posologie|diagnostic|traitement|medecin|prescrit|${MEDICINE_WORDS}|medication|prescription|diagnosis|doctor|succession|testament|heritage|divorce|pension alimentaire|veterinaire|veto|urgences|${SYMPTOMS}|${OWN_TREMOR}|${EXHAUSTION}|${LOW_MOOD})\\b|${OWN_SERIOUS_ILLNESS}`,
);

/**
 * A decision the knowledge base may turn into an answer: a clarification, an out-of-scope hand-over
 * but a health, family-law or veterinary question, a billing hand-over that only asks whether an
 * arrangement is allowed, a request for a person that only asks how to reach the agency
 * (contact-questions.ts `asksOnlyForContactDetails`).
 */
function answerableFromKnowledge(decision: RouteDecision, message: string): decision is ClarifyDecision | EscalateDecision {
  if (decision.kind === 'clarify') return !asksWhatTheChatIs(message);
  if (decision.kind === 'escalate' && decision.category === 'billing') return asksWhetherAnArrangementIsAllowed(message);
  if (decision.kind === 'escalate' && decision.category === 'human' && asksOnlyForContactDetails(message)) return true;
  return decision.kind === 'escalate' && decision.category === 'out_of_scope' && !STAYS_WITH_A_PERSON.test(foldFrench(message)) && urgentHelpOf(message) === null;
}

/**
 * The `answer` decision that replaces a clarification or an out-of-scope hand-over when `match`
 * answers the message. A shared document keeps a clarification's (neutral) agent; for a hand-over
 * it goes to Audrey, who has the business side (pricing, sales, the tools of the business).
 */
export function answerFromKnowledgeDecision(decision: ClarifyDecision | EscalateDecision, match: KnowledgeMatch): AnswerDecision {
  const owner = match.chunk.agentOwner;
  const agent: AgentName = owner !== 'shared' ? owner : decision.kind === 'clarify' ? decision.agent : 'audrey';
  const verdict = decision.kind === 'clarify' ? 'Aucun sujet reconnu par le routeur' : 'Hors du champ des expertes selon le routeur';
  return {
    kind: 'answer',
    agent,
    confidence: Math.round((match.matchedWords / match.messageWords) * 100) / 100,
    reasoning: `${verdict}, mais un document de la base de connaissances y répond : « ${match.chunk.title} ».`,
    method: decision.method,
    usage: decision.usage,
    model: decision.model,
    ...(decision.attempts ? { attempts: decision.attempts } : {}),
  };
}

/** Searches the knowledge for a clarified message; see the module comment. */
export async function checkKnowledgeBeforeClarifying(
  deps: KnowledgeCheckDeps,
  input: { decision: RouteDecision; message: string; embedding?: Promise<EmbeddingResult> | null },
  signal?: AbortSignal,
): Promise<{ decision: RouteDecision; check: KnowledgeCheckOutcome }> {
  const { decision } = input;
  if (!answerableFromKnowledge(decision, input.message)) return { decision, check: { outcome: 'not_a_clarification' } };
  if (decision.kind === 'clarify' && smallTalkOf(input.message) !== null) return { decision, check: { outcome: 'kept_clarification', reason: 'small_talk' } };
  if (decision.kind === 'clarify' && decision.method === 'context') return { decision, check: { outcome: 'kept_clarification', reason: 'expert_picked' } };
  // What the agency offers answers a clarification only: "Vous avez un numéro de téléphone pour joindre l'agence
  // directement ?" (a person wanted) is not answered by the offer page that names a phone.
  const words = { ...questionWordsOf(input.message), ...(decision.kind === 'clarify' ? {} : { askedOfTheOffer: [] }) };
  // A question of one word, about paying, reaching the agency or what it offers is searched by its words too:
  // its few words rarely bring its vector over the similarity floor.
  const searchedByWords = words.oneWordTopic !== null || words.paymentMeansStems.length > 0 || words.contactFacts.length > 0 || words.askedOfTheOffer.length > 0;
  if (words.stems.size < MIN_MATCHED_WORDS && !searchedByWords) {
    return { decision, check: { outcome: 'kept_clarification', reason: 'no_relevant_document', candidates: 0 } };
  }
  let lists: RetrievedChunk[][];
  try {
    const embedded = await (input.embedding ?? deps.embedder.embed([queryTextForModel(deps.embedder.model, input.message)], signal));
    const embedding = embedded.vectors[0];
    if (embedding === undefined || embedding.every((value) => value === 0)) {
      return { decision, check: { outcome: 'kept_clarification', reason: 'no_relevant_document', candidates: 0 } };
    }
    const minSimilarity = minimumSimilarityFor(deps.embedder.model, deps.settings);
    const search = (agent: AgentName) =>
      deps.retriever.search(
        { agent, text: searchedByWords ? fullTextQueryOf(words.askedOfTheOffer.length > 0 ? `${input.message} ${OFFER_PAGE_WORDS}` : input.message) : '', embedding, embeddingModel: deps.embedder.model, limit: CANDIDATES_PER_AGENT, minSimilarity },
        signal,
      );
    lists = await Promise.all([search('audrey'), search('carole')]);
    // A row of a long table is searched by its words too (its chunk's vector stays under the floor); only a row that answers counts.
    if (decision.kind === 'clarify' && !searchedByWords) {
      const byWords = await deps.retriever.search({ agent: decision.agent, text: fullTextQueryOf(input.message), embedding, embeddingModel: deps.embedder.model, limit: CANDIDATES_PER_AGENT, minSimilarity }, signal);
      lists.push(byWords.filter((chunk) => answersThroughATableRow(chunk.content, words.topicStems, MIN_MATCHED_WORDS)));
    }
  } catch (error) {
    if (signal?.aborted) throw error;
    return { decision, check: { outcome: 'kept_clarification', reason: 'knowledge_unavailable', error } };
  }
  // An out-of-scope question is answered only by a chunk that names its subject (out-of-scope-subject.ts).
  if (decision.kind === 'escalate' && decision.category === 'out_of_scope') lists = chunksNamingTheAskedSubject(input.message, lists);
  const match = bestKnowledgeMatch(input.message, lists, words, { sectionsInsideChunks: decision.kind === 'clarify' });
  if (match === null) {
    const candidates = new Set(lists.flat().map((chunk) => chunk.chunkId)).size;
    return { decision, check: { outcome: 'kept_clarification', reason: 'no_relevant_document', candidates } };
  }
  const answer = answerFromKnowledgeDecision(decision, match);
  return { decision: answer, check: { outcome: 'answered_from_knowledge', match, agent: answer.agent } };
}

/** The pipeline's step: checkKnowledgeBeforeClarifying, logged without the visitor's text. */
export async function clarifyUnlessKnowledgeAnswers(
  deps: KnowledgeCheckDeps,
  input: { decision: RouteDecision; message: string; embedding?: Promise<EmbeddingResult> | null },
  log: Logger,
  signal?: AbortSignal,
): Promise<RouteDecision> {
  const { decision, check } = await checkKnowledgeBeforeClarifying(deps, input, signal);
  if (check.outcome === 'answered_from_knowledge') {
    const { chunk, matchedWords, matchedHeadingWords, messageWords } = check.match;
    log.info(
      { agent: check.agent, documentId: chunk.documentId, agentOwner: chunk.agentOwner, matchedWords, matchedHeadingWords, messageWords },
      input.decision.kind === 'clarify'
        ? 'no topic recognised by the router, but a document answers: answering instead of clarifying'
        : 'out of the experts\' field for the router, but a document answers: answering instead of handing over',
    );
  } else if (check.outcome === 'kept_clarification' && check.reason === 'knowledge_unavailable') {
    log.warn({ err: check.error }, 'knowledge not reachable before a clarifying question: the question is asked');
  } else if (check.outcome === 'kept_clarification' && check.reason === 'no_relevant_document') {
    log.debug({ candidates: check.candidates }, 'no document answers the message: clarifying question');
  }
  return decision;
}
