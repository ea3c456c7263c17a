import {
  mostPressingCategory,
  zeroUsage,
  type RouteDecision,
  type RouteDecisionFacts,
  type RouteInput,
  type Router,
} from '../capabilities/capabilities.ts';
import type { AgentName, RouteTarget } from '../contract/chat-schemas.ts';
import { frenchStopWords, isOneTypoApart, tokenizeFrench } from '../french-text/french-text.ts';
import { candidateKeywords, type CompiledKeyword, keywordIndexes, keywordTermOf, knownStems, TYPO_MIN_LETTERS } from './compiled-keywords.ts';
import { detectEscalationIntent } from './escalation-intent.ts';
import type { EscalationCategory } from './routing-keywords.ts';
import { smallTalkOf } from '../agents/small-talk.ts';
import { asksWhatTheChatIs } from '../agents/assistant-identity.ts';
import { sentencesWithTheirAsk } from './ask-clause.ts';
import { asksAboutASideOfIt, followUpSearchText } from '../agents/follow-up-question.ts';
import { scoresWithoutAScamsChannel } from './scam-question-topic.ts';
import { lastAssistantAgent, replyToTheLastTurn, afterAnExpertPick } from './reply-to-the-last-turn.ts';
import { announcesAQuestion } from './question-announced.ts';

/**
 * Offline router: weighted keyword and stem scoring for each target.
 *
 * Decision, in order:
 * 1. Escalation first: when the message shows an intent that needs a person (escalation-intent.ts: a request for a person, a
 *    refund, a billing or account problem, personal data, a complaint, a legal threat, out of scope), not when it merely uses
 *    a word such as "facture" or "paiement".
 * 1b. The answer to the last turn (reply-to-the-last-turn.ts): a detail after a hand-over, a clarifying question's option
 *    (the expert picked answers the question asked before it, or asks for it when none was asked).
 * 1c. A question announced, not asked ("j'ai une question", question-announced.ts): the clarifying question, history or not.
 * 2. A follow-up stays with the agent of the last assistant turn (method 'context') when it names no topic of its own
 *    (agents/follow-up-question.ts: "et le prix ?", whatever agent "prix" calls to mind), or when it carries no strong signal
 *    of its own (best agent score < STRONG_SIGNAL_SCORE): a short message, one that opens like a follow-up ("et", "ok",
 *    "merci", "du coup"...), one that points back at the previous answer ("le point 2", "détaille", "ça prend combien de
 *    temps", pronouns), or one with no signal at all. A strong signal for the other agent switches (topic switch).
 * 3. Otherwise the agent with the higher score.
 * 4. No signal at all and no history: a clarifying question (decision `clarify`), asked in the neutral DEFAULT_AGENT's voice,
 *    never an escalation.
 * A follow-up of a conversation already with the team is `acknowledge_handover`.
 *
 * Confidence grows with the winning score and its margin over the other agent: one weak keyword stays below 0.6 (the LLM
 * router's default threshold).
 */

export const KEYWORD_ROUTER_MODEL = 'local-keyword-router-v1';

const ESCALATION_STRONG_SCORE = 3;
const ESCALATION_WEAK_SCORE = 2;
const STRONG_SIGNAL_SCORE = 2;
/** A message of at most this many content words counts as a short follow-up. */
const FOLLOW_UP_MAX_CONTENT_WORDS = 6;
/** Words allowed between two words of a phrase. */
const PHRASE_MAX_GAP = 3;
/** The most plausible agent for a message with no signal and no history (the agency's most asked topics). */
const DEFAULT_AGENT: AgentName = 'audrey';
const FOLLOW_UP_OPENERS = /^(?:et|ok|okay|d accord|merci|super|top|parfait|genial|ah|alors|du coup|mais|puis|ensuite|donc|oui|non|si|pareil)\b/;
/** Words that point back at the previous answer (folded text). */
const BACK_REFERENCES =
  /\b(?:(?:le|la|ce|cette|ton|ta|tes) (?:point|etape|partie|conseil|exemple|idee|methode|astuce|option|outil)s?|point \d+|etape \d+|numero \d+|detaill\w*|develop\w*|precis\w*|explique\w*|reformul\w*|un exemple|des exemples|ca prend|combien de temps|et apres|et ensuite|la suite|le faire|les faire|en faire|comment je fais|je fais comment|c est a dire|pourquoi ca|ca marche|celui la|celle la|ceux la|tu parlais|tu as dit|tu disais|dont tu parles)\b/;

/**
 * Whether the keyword's terms occur in order in `sequence`, each within PHRASE_MAX_GAP words of the previous one, except after
 * a function word, which must be followed at once by the next term: "à la une" is found in "stories à la une" but not in "à
 * la 2e étape, une idée".
 */
function occursInOrder(keyword: Pick<CompiledKeyword, 'terms' | 'functionWords'>, sequence: readonly string[]): boolean {
  const { terms, functionWords } = keyword;
  if (terms.length === 0) return false;
  for (let start = 0; start < sequence.length; start += 1) {
    if (sequence[start] !== terms[0]) continue;
    let position = start;
    let matched = 1;
    while (matched < terms.length) {
      let found = -1;
      const maxGap = functionWords[matched - 1] ? 0 : PHRASE_MAX_GAP;
      for (let next = position + 1; next < sequence.length && next <= position + 1 + maxGap; next += 1) {
        if (sequence[next] === terms[matched]) {
          found = next;
          break;
        }
      }
      if (found === -1) break;
      position = found;
      matched += 1;
    }
    if (matched === terms.length) return true;
  }
  return false;
}

/**
 * A misspelt keyword ("tunel", "hastag", "webinnaire", "instagramm"): a one-word, specific keyword (weight >= 2, matched on
 * stems) one typo apart from a word of the message that is not itself a keyword's word, with the same first letter. French
 * has many real words one letter apart ("contient" / "content", "papier" / "zapier"), so this is only looked for in a
 * message that has no agent keyword at all (scoreMessage).
 */
function isMisspeltIn(keyword: CompiledKeyword, typoCandidates: readonly string[]): boolean {
  const word = keyword.typoWord;
  return word !== null && typoCandidates.some((candidate) => candidate[0] === word[0] && isOneTypoApart(candidate, word));
}

export interface TargetScore {
  score: number;
  matched: string[];
  categories: EscalationCategory[];
}

export interface KeywordScores {
  scores: Record<RouteTarget, TargetScore>;
  contentWordCount: number;
}

/** Scores a message against every target's keywords (each keyword counts once). */
export function scoreMessage(message: string): KeywordScores {
  const words = tokenizeFrench(message);
  // Stems, determiners as their class (compiled-keywords.ts `keywordTermOf`).
  const stems = words.map(keywordTermOf);
  const typoCandidates = words.filter((word, index) => word.length >= TYPO_MIN_LETTERS && !frenchStopWords.has(word) && !knownStems.has(stems[index]!));
  const scores = {} as Record<RouteTarget, TargetScore>;
  for (const target of ['audrey', 'carole', 'escalate'] as const) {
    const result: TargetScore = { score: 0, matched: [], categories: [] };
    for (const keyword of candidateKeywords(target, words, stems)) {
      if (!occursInOrder(keyword, keyword.exact ? words : stems)) continue;
      result.score += keyword.weight;
      result.matched.push(keyword.phrase);
      if (keyword.category && !result.categories.includes(keyword.category)) result.categories.push(keyword.category);
    }
    scores[target] = result;
  }
  // No agent signal at all: look for misspelt keywords ("tunel", "hastag", "webinnaire").
  if (scores.audrey.score === 0 && scores.carole.score === 0 && typoCandidates.length > 0) {
    for (const target of ['audrey', 'carole'] as const) {
      for (const keyword of keywordIndexes[target].misspellable.filter((candidate) => isMisspeltIn(candidate, typoCandidates))) {
        scores[target].score += keyword.weight;
        scores[target].matched.push(`${keyword.phrase} (~)`);
      }
    }
  }
  return { scores, contentWordCount: words.filter((word) => !frenchStopWords.has(word)).length };
}

/** An agent's keyword score from which the message names that agent's topic (one unambiguous keyword). */
export const TOPIC_SIGNAL_SCORE = 3;

/**
 * The agents whose topic the message names (score >= TOPIC_SIGNAL_SCORE): both for a question that
 * crosses the two fields ("mon Reel a bien marché, comment envoyer automatiquement ces personnes
 * vers ma newsletter ?"), whichever agent answers it.
 */
export function agentsNamedBy(message: string): AgentName[] {
  const { scores } = scoreMessage(message);
  return (['audrey', 'carole'] as const).filter((agent) => scores[agent].score >= TOPIC_SIGNAL_SCORE);
}

const categoryLabels: Record<EscalationCategory, string> = {
  human: 'demande à parler à une personne',
  billing: 'paiement, facturation ou remboursement',
  complaint: 'mécontentement ou réclamation',
  account: "problème d'accès au compte",
  personal_data: 'données personnelles',
  legal: 'question juridique',
  out_of_scope: 'demande hors du champ des expertes',
};

/**
 * A message that tells its story first and asks last ("J'ai bien reçu ma facture, merci ! Du coup :
 * comment je programme mes Reels ?", blind round 9): when both experts' words appear, the question
 * sentence decides. The ask is the last sentence that ends with "?", with the sentence before it when
 * it names no topic ("Des idées de formats ?"). The ask's expert must have a topic named in the message. Null when the message has one sentence, no question,
 * several questions, or a question whose topic does not lean to one expert.
 */
function agentOfTheAsk(message: string, whole: KeywordScores['scores']): AgentName | null {
  if (whole.audrey.score === 0 || whole.carole.score === 0) return null;
  const sentences = sentencesWithTheirAsk(message);
  // One question, after a story: not the first sentence, and no other question before it ("Je peux faire un tunnel ? Et des Reels aussi ?" is two).
  const questions = sentences.flatMap((sentence, index) => (sentence.endsWith('?') ? [index] : []));
  if (questions.length !== 1 || questions[0]! < 1) return null;
  const lastQuestion = questions[0]!;
  let ask = scoreMessage(sentences[lastQuestion]!).scores;
  if ((ask.audrey.score === 0 && ask.carole.score === 0) || BARE_PLEA_FOR_HELP.test(tokenizeFrench(sentences[lastQuestion]!).join(' '))) ask = scoreMessage(sentences.slice(lastQuestion - 1, lastQuestion + 1).join(' ')).scores;
  if (ask.audrey.score === ask.carole.score) return null;
  const asked = ask.carole.score > ask.audrey.score ? 'carole' : 'audrey';
  // The ask leans to an expert whose topic the message nowhere names, by a word below a topic signal
  // ("ça donne pas envie de cliquer, je mets quoi plutôt ?" after a LinkedIn carousel, blind round 12): the whole decides.
  return whole[asked].score >= TOPIC_SIGNAL_SCORE ? asked : null;
}

/**
 * An ask that is only a plea for help ("Une idée ?", "Des pistes ?", "Vous avez un conseil ?", "une
 * solution ?"): it names no topic, whatever agent its noun calls to mind ("idée" is a word of content
 * ideas); the sentence before it says what it is about (blind round 13: "ManyChat n'envoie pas le DM …
 * Une idée ?" went to Carole). "Des idées de formats ?" names what it asks and is not bare.
 */
const BARE_PLEA_FOR_HELP = /^(?:(?:(?:tu|vous) (?:as|avez|auriez|aurais)|t as|as|avez vous|auriez vous|aurais tu|as tu|quelqu un a|qqn a|sinon|alors|du coup|une|un|des|d autres?|autres?|petite?s?|bonne?s?) )*(?:idees?|pistes?|conseils?|solutions?|astuces?|suggestions?|ideas?|tips?)(?: (?:svp|stp|please|merci))?$/;

const clamp = (value: number) => Math.max(0, Math.min(1, value));
const round = (value: number) => Math.round(value * 100) / 100;

export class KeywordRouter implements Router {
  readonly model = KEYWORD_ROUTER_MODEL;

  async route(input: RouteInput, signal?: AbortSignal): Promise<RouteDecision> {
    signal?.throwIfAborted();
    return this.decide(input);
  }

  /** The synchronous decision (the router does no I/O). */
  decide(input: RouteInput): RouteDecision {
    const { scores, contentWordCount } = scoresWithoutAScamsChannel(input.message, scoreMessage);
    const askedAgent = agentOfTheAsk(input.message, scores);
    const [bestAgent, otherAgent]: [AgentName, AgentName] =
      askedAgent !== null
        ? [askedAgent, askedAgent === 'audrey' ? 'carole' : 'audrey']
        : scores.carole.score > scores.audrey.score
          ? ['carole', 'audrey']
          : ['audrey', 'carole'];
    const best = scores[bestAgent];
    const other = scores[otherAgent];
    const facts = (confidence: number, reasoning: string, method: RouteDecisionFacts['method']): RouteDecisionFacts => ({
      confidence: round(clamp(confidence)),
      reasoning,
      method,
      usage: zeroUsage(),
      model: this.model,
    });

    const intent = detectEscalationIntent(input.message);
    if (intent !== null) {
      return {
        kind: 'escalate',
        agent: 'escalate',
        category: intent.category,
        ...facts(0.9, `Transmis à l'équipe (${categoryLabels[intent.category]}) : « ${intent.evidence} »`, 'local'),
      };
    }

    const previous = lastAssistantAgent(input.history);
    // The answer to the last turn: a detail for the team after a hand-over, a choice after the clarifying question, a person preferred.
    const reply = replyToTheLastTurn(input.message, input.history);
    if (reply?.kind === 'hand_over') return { kind: 'escalate', agent: 'escalate', category: reply.category, ...facts(0.85, `Réponse à la question précédente (${categoryLabels[reply.category]}) : « ${reply.evidence} »`, 'local') };
    // The expert picked asks for the question when none was asked yet ("j'ai besoin d'aide", then "la deuxième").
    if (reply?.kind === 'expert_picked' && afterAnExpertPick(input.message, input.history).kind === 'no_question_yet') return { kind: 'clarify', agent: reply.agent, ...facts(0.8, `Réponse à la question de clarification : ${reply.agent}, la question reste à poser.`, 'context') };
    if (reply?.kind === 'expert_picked') return { kind: 'answer', agent: reply.agent, ...facts(0.8, `Réponse à la question de clarification : ${reply.agent}.`, 'context') };
    if (reply?.kind === 'detail_for_the_team') return { kind: 'acknowledge_handover', agent: 'escalate', ...facts(0.8, "Précision pour l'équipe après la transmission.", 'context') };
    // "Merci !", "Bonjour", "bonne journée": a short reply in the conversation's voice (persona-reply-writers.ts), not a
    // search; in the voice of the expert greeted by name ("Bonjour Carole !"). After a hand-over, the team acknowledges.
    const smallTalk = smallTalkOf(input.message);
    if (smallTalk !== null && previous !== 'escalate') {
      const greeted = /\bcarole\b/i.test(input.message) ? 'carole' : /\baudrey\b/i.test(input.message) ? 'audrey' : null;
      return { kind: 'clarify', agent: greeted ?? previous ?? DEFAULT_AGENT, ...facts(0.9, `Message de politesse (${smallTalk}) : réponse courte, sans recherche.`, 'local') };
    }
    // "Vous êtes qui en fait, une vraie personne ou un programme ?": what the chat is, answered plainly
    // (persona-reply-writers.ts), not by the topic its words call to mind ("programme", blind round 13).
    if (asksWhatTheChatIs(input.message) && previous !== 'escalate') {
      return { kind: 'clarify', agent: previous ?? DEFAULT_AGENT, ...facts(0.9, 'Question sur la nature de la conversation : réponse directe, sans recherche.', 'local') };
    }
    const normalized = tokenizeFrench(input.message).join(' ');
    const isFollowUp =
      contentWordCount <= FOLLOW_UP_MAX_CONTENT_WORDS || FOLLOW_UP_OPENERS.test(normalized) || BACK_REFERENCES.test(normalized);
    // A follow-up that names no topic of its own ("et le prix ?", "ça dure combien ?") asks about what
    // the last answer discussed, whatever agent its one word calls to mind: it stays with that agent.
    // "et côté insta ?" keeps the matter for the search, but its side names who answers (follow-up-question.ts).
    const continuesTheTopic = previous !== null && previous !== 'escalate' && followUpSearchText(input.message, input.history) !== null && !asksAboutASideOfIt(input.message);
    // "j'ai une question": announced, not asked; the clarifying question asks what about, after an answer too (question-announced.ts).
    if (previous !== null && announcesAQuestion(input.message)) return { kind: 'clarify', agent: previous === 'escalate' ? DEFAULT_AGENT : previous, ...facts(0.6, 'Question annoncée, pas encore posée : question de clarification.', 'local') };
    if (previous !== null && (continuesTheTopic || (best.score < STRONG_SIGNAL_SCORE && (isFollowUp || best.score === 0)))) {
      const agrees = best.score === 0 || bestAgent === previous;
      const followUp = facts(
        agrees ? 0.7 : 0.5,
        `Suite de la conversation : reste avec ${previous === 'escalate' ? "l'équipe" : previous} (pas de signal fort).`,
        'context',
      );
      return previous === 'escalate'
        ? { kind: 'acknowledge_handover', agent: 'escalate', ...followUp }
        : { kind: 'answer', agent: previous, ...followUp };
    }

    if (best.score === 0) {
      return {
        kind: 'clarify',
        agent: DEFAULT_AGENT,
        ...facts(0.3, "Aucun sujet reconnu et pas d'historique : question de clarification plutôt qu'une escalade.", 'local'),
      };
    }
    // Negative when the ask overrode a story told with the other expert's words: no margin then.
    const margin = Math.max(0, (best.score - other.score) / best.score);
    const strength = Math.min(best.score, 5) / 5;
    const sameAsPrevious = previous !== null && previous === bestAgent;
    return {
      kind: 'answer',
      agent: bestAgent,
      ...facts(
        Math.min(0.98, 0.03 + 0.45 * margin + 0.5 * strength + (sameAsPrevious ? 0.05 : 0)),
        `Mots-clés ${bestAgent} : ${best.matched.join(', ')}${other.score > 0 ? ` (contre ${otherAgent} : ${other.matched.join(', ')})` : ''}`,
        'local',
      ),
    };
  }
}
