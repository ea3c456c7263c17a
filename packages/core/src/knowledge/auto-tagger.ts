import type { AgentOwner } from '../capabilities/capabilities.ts';
import { foldFrench } from '../french-text/french-text.ts';

/**
 * Owner of a document that does not declare `agent_owner`, from the seed's
 * keyword lists (the patterns of `tag_documents_by_keywords`), counted rather
 * than first-match: each occurrence in the title counts 3, in the tags 2, in the
 * body 1 (substring match, case and accents folded). The agent with the higher
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

function occurrences(haystack: string, needle: string): number {
  let count = 0;
  for (let index = haystack.indexOf(needle); index !== -1; index = haystack.indexOf(needle, index + needle.length)) count += 1;
  return count;
}

export interface AutoTagResult {
  agentOwner: AgentOwner;
  scores: { audrey: number; carole: number };
}

export function inferAgentOwner(document: { title: string; tags: readonly string[]; body: string }): AutoTagResult {
  const title = foldFrench(document.title);
  const tags = foldFrench(document.tags.join(' '));
  const body = foldFrench(document.body);
  const score = (keywords: readonly string[]) =>
    keywords.reduce((sum, keyword) => {
      const folded = foldFrench(keyword);
      return sum + TITLE_WEIGHT * occurrences(title, folded) + TAG_WEIGHT * occurrences(tags, folded) + occurrences(body, folded);
    }, 0);
  const scores = { audrey: score(seedAgentKeywords.audrey), carole: score(seedAgentKeywords.carole) };
  const [best, other] = scores.audrey >= scores.carole ? (['audrey', 'carole'] as const) : (['carole', 'audrey'] as const);
  const agentOwner: AgentOwner =
    scores[best] >= MIN_SCORE && scores[best] >= DOMINANCE * scores[other] && scores[best] > scores[other] ? best : 'shared';
  return { agentOwner, scores };
}
