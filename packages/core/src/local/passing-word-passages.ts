import { contentStems } from '../french-text/french-text.ts';
import { questionTopicStems } from '../french-text/question-words.ts';

/**
 * A line of another document than the best match's that shares a single word with the question, a word neither its
 * heading nor its document's title holds, meets that word in passing, often in another sense: "Aère la terre sans la
 * retourner" of a gardening guide was quoted after "Tu peux renvoyer un article sous 30 jours" to "Puis-je retourner un
 * article ?" (a reviewer's knowledge base). It is not quoted, even to pad the answer. The best match's own document keeps
 * all its lines, and so does a question no passage of the best document answers.
 */

interface Passage {
  documentId: string;
  text: string;
  heading: string;
  sourceRank: number;
}

export function withoutWordsMetInPassing<Ranked extends Passage>(question: string, relevantBestFirst: readonly Ranked[], titleOf: (passage: Ranked) => string): Ranked[] {
  const best = relevantBestFirst[0];
  if (best === undefined) return [];
  const questionStems = new Set(questionTopicStems(question));
  const metInPassing = (passage: Ranked) => {
    if (passage.documentId === best.documentId) return false;
    const shared = new Set(contentStems(passage.text).filter((stem) => questionStems.has(stem)));
    if (shared.size !== 1) return false;
    const framing = new Set(contentStems(`${passage.heading} ${titleOf(passage)}`));
    return ![...questionStems].some((stem) => framing.has(stem));
  };
  return relevantBestFirst.filter((passage) => !metInPassing(passage));
}
