import {
  zeroUsage,
  type AnswerHooks,
  type AnswerInput,
  type AnswerOutput,
  type Answerer,
  type RetrievedChunk,
} from '../capabilities/capabilities.ts';
import type { AgentName } from '../contract/chat-schemas.ts';
import { instructionsRefusal } from '../agents/persona-replies.ts';
import { detectPromptInjection, isInjectedInstruction } from '../agents/prompt-injection-guard.ts';
import { contentStems, splitSentences } from '../french-text/french-text.ts';


/**
 * Offline answerer: writes a short French answer (tutoiement, ≤ 250 words)
 * from the most relevant sentences of the sources, in the agent's persona,
 * cites the sources by title and says it is an offline draft. It never writes
 * anything that is not in the sources: with no source it says so and offers
 * human help.
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

const MAX_SENTENCES = 4;
const MAX_WORDS_PER_SENTENCE = 55;
const MIN_WORDS_PER_SENTENCE = 4;
const WORDS_PER_DELTA = 3;
const OFFLINE_NOTICE_AUDREY =
  "(Réponse préparée hors ligne à partir de notre base de connaissances. Si tu veux aller plus loin, dis-le-moi et une personne de l'équipe prendra le relais.)";
const OFFLINE_NOTICE_CAROLE =
  "(Réponse préparée hors ligne à partir de notre base de connaissances. Pour un regard personnalisé, l'équipe est là pour toi 💛)";

interface ScoredSentence {
  text: string;
  sourceRank: number;
  position: number;
  /** Weighted overlap with the question's content words (0: shares no word with it). */
  overlap: number;
  score: number;
}

const wordCount = (text: string) => (text.match(/\S+/g) ?? []).length;

function truncateWords(sentence: string, maxWords: number): string {
  const words = sentence.split(/\s+/);
  if (words.length <= maxWords) return sentence;
  return `${words.slice(0, maxWords).join(' ').replace(/[,;:]$/, '')}…`;
}

/** Sentences of a chunk with the heading they sit under (the chunk's section before any heading). */
function sentencesWithHeadings(source: RetrievedChunk): Array<{ text: string; heading: string }> {
  const sentences: Array<{ text: string; heading: string }> = [];
  let heading = source.section?.split(' > ').pop() ?? '';
  for (const line of source.content.split('\n')) {
    const headingMatch = /^#{1,6}\s+(.+)$/.exec(line.trim());
    if (headingMatch) {
      heading = headingMatch[1]!;
      continue;
    }
    for (const text of splitSentences(line)) sentences.push({ text, heading });
  }
  return sentences;
}

/** A source whose relevance is below this fraction of the best source's is not quoted. */
const MIN_RELATIVE_SOURCE_SCORE = 0.25;
/** Question words found in a sentence's heading count this much (those in the sentence count 1). */
const HEADING_WEIGHT = 0.5;

/**
 * Sentences of the sources ranked by relevance to the question (best first): rarer question
 * words count more, words of the heading a sentence sits under count half, and better-ranked
 * sources get a bonus. Headings, fragments and sentences that announce a list (ending with
 * ":") are not candidates.
 */
export function rankSourceSentences(question: string, sources: readonly RetrievedChunk[]): ScoredSentence[] {
  const queryStems = new Set(contentStems(question));
  const bestSourceScore = Math.max(0, ...sources.map((source) => source.score));
  const candidates: Array<Omit<ScoredSentence, 'score' | 'overlap'> & { stems: Set<string>; headingStems: Set<string>; sourceScore: number }> = [];
  sources.forEach((source, sourceRank) => {
    if (bestSourceScore > 0 && source.score < MIN_RELATIVE_SOURCE_SCORE * bestSourceScore) return;
    sentencesWithHeadings(source).forEach(({ text, heading }, position) => {
      if (wordCount(text) < MIN_WORDS_PER_SENTENCE || /:\s*$/.test(text) || isInjectedInstruction(text)) return;
      candidates.push({
        text,
        sourceRank,
        position,
        stems: new Set(contentStems(text)),
        headingStems: new Set(contentStems(heading)),
        sourceScore: bestSourceScore > 0 ? source.score / bestSourceScore : 1 / (1 + sourceRank),
      });
    });
  });
  const inverseFrequency = new Map<string, number>();
  for (const stem of queryStems) {
    const containing = candidates.filter((candidate) => candidate.stems.has(stem) || candidate.headingStems.has(stem)).length;
    inverseFrequency.set(stem, containing === 0 ? 0 : Math.log(1 + candidates.length / containing));
  }
  return candidates
    .map(({ stems, headingStems, sourceScore, ...candidate }) => {
      let overlap = 0;
      for (const stem of queryStems) {
        if (stems.has(stem)) overlap += inverseFrequency.get(stem)!;
        else if (headingStems.has(stem)) overlap += HEADING_WEIGHT * inverseFrequency.get(stem)!;
      }
      const lengthPenalty = 1 / Math.sqrt(Math.max(1, stems.size / 8));
      const sourceBonus = 0.6 * sourceScore;
      const leadBonus = candidate.position === 0 ? 0.1 : 0;
      return { ...candidate, overlap, score: overlap * lengthPenalty + sourceBonus + leadBonus };
    })
    .sort((left, right) => right.score - left.score || left.sourceRank - right.sourceRank || left.position - right.position);
}

function citedTitles(sources: readonly RetrievedChunk[], sentences: readonly ScoredSentence[]): string[] {
  const ranks = [...new Set(sentences.map((sentence) => sentence.sourceRank))].sort((a, b) => a - b);
  return [...new Set(ranks.map((rank) => sources[rank]!.title))];
}

function compose(agent: AgentName, sentences: readonly ScoredSentence[], titles: readonly string[]): string {
  const cited = titles.map((title) => `« ${title} »`).join(', ');
  if (agent === 'audrey') {
    const steps = sentences.map((sentence, index) => `${index + 1}. ${sentence.text}`).join('\n');
    return [
      "Bonjour ! Voici ce que je te conseille, d'après nos fiches pratiques :",
      steps,
      `Sources : ${cited}.`,
      OFFLINE_NOTICE_AUDREY,
    ].join('\n\n');
  }
  const ideas = sentences.map((sentence) => `💡 ${sentence.text}`).join('\n');
  return [
    'Coucou ! ✨ Super question, voici quelques pistes pour toi :',
    ideas,
    `📚 Sources : ${cited}.`,
    OFFLINE_NOTICE_CAROLE,
  ].join('\n\n');
}

function noSourceAnswer(agent: AgentName): string {
  const opening =
    agent === 'carole'
      ? "Je n'ai rien trouvé sur ce sujet dans notre base de connaissances, et je préfère ne rien inventer 🙏"
      : "Je n'ai rien trouvé sur ce sujet dans notre base de connaissances, et je préfère ne rien inventer.";
  return (
    `${opening} Si tu veux, une personne de l'équipe peut te répondre directement : écris simplement ` +
    "« je veux parler à quelqu'un ». Tu peux aussi reformuler ta question avec d'autres mots. " +
    '(Réponse préparée hors ligne.)'
  );
}

/** Builds the answer text (exported for tests; `ExtractiveAnswerer.answer` streams it). */
export function buildExtractiveAnswer(input: Pick<AnswerInput, 'agent' | 'message' | 'sources'>): string {
  if (detectPromptInjection(input.message) === 'prompt_extraction') return instructionsRefusal(input.agent);
  if (input.sources.length === 0) return noSourceAnswer(input.agent);
  const allRanked = rankSourceSentences(input.message, input.sources);
  const relevant = allRanked.filter((sentence) => sentence.overlap > 0);
  // Sources that share no word with the question are not evidence: say so rather than paste them.
  if (relevant.length === 0) return noSourceAnswer(input.agent);
  // Sentences that share words with the question first; others only to reach two sentences.
  const ranked = relevant.length >= 2 ? relevant : [...relevant, ...allRanked.filter((sentence) => sentence.overlap === 0)];
  for (let count = Math.min(MAX_SENTENCES, ranked.length); count >= 1; count -= 1) {
    const chosen = ranked
      .slice(0, count)
      .sort((left, right) => left.sourceRank - right.sourceRank || left.position - right.position)
      .map((sentence) => ({ ...sentence, text: truncateWords(sentence.text, MAX_WORDS_PER_SENTENCE) }));
    const text = compose(input.agent, chosen, citedTitles(input.sources, chosen));
    if (wordCount(text) <= ANSWER_MAX_WORDS || count === 1) return text;
  }
  return noSourceAnswer(input.agent);
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
    return { text, model: this.model, usage: zeroUsage(), offline: true };
  }
}
