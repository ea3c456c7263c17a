import { asksForMoreDetail } from '../agents/follow-up-question.ts';
import type { HistoryMessage } from '../capabilities/capabilities.ts';

/**
 * "tu peux détailler ?" after an answer: searched after the question it follows, it found the same
 * passages, and the visitor got the previous answer again word for word. What was not said yet comes
 * first: the other passages under the headings it quoted from (the detail of the same part of the
 * same document), then the ranked passages it did not quote, then the other passages of its documents
 * that share a word with the question (best first); what was said only after them, to fill the answer.
 */
export function withWhatWasNotSaidFirst<Passage extends { text: string; documentId: string; heading: string; overlap: number }>(
  ordered: readonly Passage[],
  candidates: readonly Passage[],
  message: string,
  history: readonly HistoryMessage[],
): Passage[] {
  const lastAnswer = [...history].reverse().find((turn) => turn.role === 'assistant')?.content;
  if (lastAnswer === undefined || !asksForMoreDetail(message, history)) return [...ordered];
  const said = (passage: Passage) => lastAnswer.includes(passage.text);
  if (!ordered.some(said)) return [...ordered];
  const partOf = (passage: Passage) => `${passage.documentId}\u0000${passage.heading}`;
  const quoted = candidates.filter(said);
  const quotedParts = new Set(quoted.map(partOf));
  const quotedDocuments = new Set(quoted.map((passage) => passage.documentId));
  const fresh = [
    ...new Set([
      ...candidates.filter((passage) => quotedParts.has(partOf(passage))),
      ...ordered,
      ...candidates.filter((passage) => passage.overlap > 0 && quotedDocuments.has(passage.documentId)),
    ]),
  ].filter((passage) => !said(passage));
  return fresh.length === 0 ? [...ordered] : [...fresh, ...ordered.filter(said)];
}
