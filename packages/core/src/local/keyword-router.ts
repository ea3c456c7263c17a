import {
  zeroUsage,
  type HistoryMessage,
  type RouteDecision,
  type RouteInput,
  type Router,
} from '../capabilities/capabilities.ts';
import type { AgentName, RouteTarget } from '../contract/chat-schemas.ts';
import { frenchStopWords, stemFrench, tokenizeFrench } from './french-text.ts';
import { routingKeywords, type EscalationCategory, type RoutingKeyword } from './routing-keywords.ts';

/**
 * Offline router: weighted keyword and stem scoring for each target.
 *
 * Decision, in order:
 * 1. Escalation first (its recall matters most): escalate when the escalation
 *    score reaches ESCALATION_STRONG_SCORE, or reaches ESCALATION_WEAK_SCORE and is
 *    at least the best agent's score.
 * 2. A message without a strong signal (best agent score < STRONG_SIGNAL_SCORE)
 *    that is a short follow-up, or carries no signal at all, stays with the agent
 *    of the last assistant turn (method 'context').
 * 3. Otherwise the agent with the higher score; with no signal at all and no
 *    history, DEFAULT_AGENT with a low confidence.
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
const FOLLOW_UP_OPENERS = /^(?:et|ok|okay|d accord|merci|super|top|parfait|genial|ah|alors|du coup|mais|puis|ensuite)\b/;

interface CompiledKeyword extends RoutingKeyword {
  terms: string[];
}

const compile = (keyword: RoutingKeyword): CompiledKeyword => {
  const words = tokenizeFrench(keyword.phrase);
  return { ...keyword, terms: keyword.exact ? words : words.map(stemFrench) };
};

const compiledKeywords: Record<RouteTarget, CompiledKeyword[]> = {
  audrey: routingKeywords.audrey.map(compile),
  carole: routingKeywords.carole.map(compile),
  escalate: routingKeywords.escalate.map(compile),
};

/** Whether `terms` occur in order in `sequence`, each within PHRASE_MAX_GAP words of the previous one. */
function occursInOrder(terms: readonly string[], sequence: readonly string[]): boolean {
  if (terms.length === 0) return false;
  for (let start = 0; start < sequence.length; start += 1) {
    if (sequence[start] !== terms[0]) continue;
    let position = start;
    let matched = 1;
    while (matched < terms.length) {
      let found = -1;
      for (let next = position + 1; next < sequence.length && next <= position + 1 + PHRASE_MAX_GAP; next += 1) {
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
  const stems = words.map(stemFrench);
  const scores = {} as Record<RouteTarget, TargetScore>;
  for (const target of ['audrey', 'carole', 'escalate'] as const) {
    const result: TargetScore = { score: 0, matched: [], categories: [] };
    for (const keyword of compiledKeywords[target]) {
      if (!occursInOrder(keyword.terms, keyword.exact ? words : stems)) continue;
      result.score += keyword.weight;
      result.matched.push(keyword.phrase);
      if (keyword.category && !result.categories.includes(keyword.category)) result.categories.push(keyword.category);
    }
    scores[target] = result;
  }
  return { scores, contentWordCount: words.filter((word) => !frenchStopWords.has(word)).length };
}

const categoryLabels: Record<EscalationCategory, string> = {
  human: 'demande à parler à une personne',
  billing: 'paiement, facturation ou remboursement',
  complaint: 'mécontentement ou réclamation',
  account: "problème d'accès au compte",
  personal_data: 'données personnelles',
  legal: 'question juridique',
};

/** Tag written in the reasoning of an escalation, read back by `escalationReply`. */
export const escalationCategoryTag = (category: EscalationCategory) => `[escalade:${category}]`;

function lastAssistantAgent(history: readonly HistoryMessage[]): RouteTarget | null {
  for (let index = history.length - 1; index >= 0; index -= 1) {
    const message = history[index]!;
    if (message.role === 'assistant' && message.agent !== null) return message.agent;
  }
  return null;
}

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
    const { scores, contentWordCount } = scoreMessage(input.message);
    const escalation = scores.escalate;
    const [bestAgent, otherAgent]: [AgentName, AgentName] =
      scores.carole.score > scores.audrey.score ? ['carole', 'audrey'] : ['audrey', 'carole'];
    const best = scores[bestAgent];
    const other = scores[otherAgent];
    const decision = (agent: RouteTarget, confidence: number, reasoning: string, method: RouteDecision['method']) => ({
      agent,
      confidence: round(clamp(confidence)),
      reasoning,
      method,
      usage: zeroUsage(),
      model: this.model,
    });

    if (
      escalation.score >= ESCALATION_STRONG_SCORE ||
      (escalation.score >= ESCALATION_WEAK_SCORE && escalation.score >= best.score)
    ) {
      const categories = escalation.categories.length > 0 ? escalation.categories : (['human'] as EscalationCategory[]);
      const tags = categories.map(escalationCategoryTag).join(' ');
      const labels = categories.map((category) => categoryLabels[category]).join(', ');
      return decision(
        'escalate',
        0.55 + 0.1 * escalation.score - 0.05 * Math.max(0, best.score - escalation.score),
        `Transmis à l'équipe (${labels}) : ${escalation.matched.join(', ')} ${tags}`,
        'local',
      );
    }

    const previous = lastAssistantAgent(input.history);
    const normalized = tokenizeFrench(input.message).join(' ');
    const isShortFollowUp = contentWordCount <= FOLLOW_UP_MAX_CONTENT_WORDS || FOLLOW_UP_OPENERS.test(normalized);
    if (previous !== null && best.score < STRONG_SIGNAL_SCORE && (isShortFollowUp || best.score === 0)) {
      const agrees = best.score === 0 || bestAgent === previous;
      return decision(
        previous,
        agrees ? 0.65 : 0.5,
        `Suite de la conversation : reste avec ${previous === 'escalate' ? "l'équipe" : previous} (pas de signal fort).`,
        'context',
      );
    }

    if (best.score === 0) {
      return decision(DEFAULT_AGENT, 0.3, 'Aucun mot-clé reconnu : agent le plus probable par défaut.', 'local');
    }
    const margin = (best.score - other.score) / best.score;
    const strength = Math.min(best.score, 6) / 6;
    return decision(
      bestAgent,
      0.4 + 0.35 * margin + 0.2 * strength,
      `Mots-clés ${bestAgent} : ${best.matched.join(', ')}${other.score > 0 ? ` (contre ${otherAgent} : ${other.matched.join(', ')})` : ''}`,
      'local',
    );
  }
}
