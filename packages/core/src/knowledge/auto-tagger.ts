import type { AgentOwner } from '../capabilities/capabilities.ts';
import { foldFrench } from '../french-text/french-text.ts';

/**
 * Owner of a document that does not declare `agent_owner`, from the seed's
 * keyword lists (the patterns of `tag_documents_by_keywords`, whose SQL matches
 * substrings: migration 0006 keeps it as the seed wrote it), counted rather
 * than first-match: each occurrence in the title counts 3, in the tags 2, in the
 * body 1 (case and accents folded). A keyword counts as a word of its own, plural
 * and "-ing" included ("reels", "emails", "emailing"), not inside another word:
 * "réellement" is no Reel, and a pricing guide saying it three times went to Carole. The agent with the higher
 * score wins when it has at least MIN_SCORE and at least DOMINANCE times the
 * other's score; otherwise the document is shared.
 */

export const seedAgentKeywords: Readonly<Record<'audrey' | 'carole', readonly string[]>> = {
  audrey: ['tunnel', 'funnel', 'email', 'automation', 'kajabi', 'zapier'],
  carole: ['instagram', 'reel', 'story', 'contenu', 'création', 'design'],
};

const TITLE_WEIGHT = 3;
const TAG_WEIGHT = 2;
const MIN_SCORE = 2;
const DOMINANCE = 1.5;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A folded keyword as a word of its own (or with s, x, ing) in folded text. */
const asWord = (keyword: string) => new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(foldFrench(keyword))}(?:s|x|ing|ings)?(?![\\p{L}\\p{N}])`, 'gu');
/** Each agent's keywords as patterns, built once. */
const keywordPatterns = {
  audrey: seedAgentKeywords.audrey.map(asWord),
  carole: seedAgentKeywords.carole.map(asWord),
};

const occurrences = (haystack: string, pattern: RegExp): number => haystack.match(pattern)?.length ?? 0;

export interface AutoTagResult {
  agentOwner: AgentOwner;
  scores: { audrey: number; carole: number };
}

export function inferAgentOwner(document: { title: string; tags: readonly string[]; body: string }): AutoTagResult {
  const title = foldFrench(document.title);
  const tags = foldFrench(document.tags.join(' '));
  const body = foldFrench(document.body);
  const score = (patterns: readonly RegExp[]) =>
    patterns.reduce((sum, pattern) => sum + TITLE_WEIGHT * occurrences(title, pattern) + TAG_WEIGHT * occurrences(tags, pattern) + occurrences(body, pattern), 0);
  const scores = { audrey: score(keywordPatterns.audrey), carole: score(keywordPatterns.carole) };
  const [best, other] = scores.audrey >= scores.carole ? (['audrey', 'carole'] as const) : (['carole', 'audrey'] as const);
  const agentOwner: AgentOwner =
    scores[best] >= MIN_SCORE && scores[best] >= DOMINANCE * scores[other] && scores[best] > scores[other] ? best : 'shared';
  return { agentOwner, scores };
}
