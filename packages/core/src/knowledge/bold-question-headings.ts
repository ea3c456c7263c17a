/**
 * An FAQ often writes each question in bold on a line of its own, its answer below
 * ("**Quels sont les délais de livraison ?**" then "Comptez 3 à 5 jours ouvrés."), where Markdown
 * would use a heading. Read as a paragraph line, the question was a passage like any other: the
 * offline answer quoted the questions and not the answers. Such a line is read as the heading it
 * stands for, one level under the heading above it (## when there is none), so the chunker opens a
 * section with it and the answerer finds the answer under its question.
 */

/** A line that is only a bold question: `**…?**` or `__…?__`. */
const BOLD_QUESTION_LINE = /^\s*(?:\*\*([^*\n]+?\?)\s*\*\*|__([^_\n]+?\?)\s*__)\s*$/;
const HEADING_LINE = /^(#{1,6})\s+\S/;
const FENCE = /^\s*(```|~~~)/;

export function boldQuestionsAsHeadings(body: string): string {
  const lines = body.split('\n');
  let inFence = false;
  let lastHeadingLevel = 1;
  return lines
    .map((line, index) => {
      if (FENCE.test(line)) inFence = !inFence;
      if (inFence) return line;
      const heading = HEADING_LINE.exec(line);
      if (heading) lastHeadingLevel = heading[1]!.length;
      const question = BOLD_QUESTION_LINE.exec(line);
      // The answer follows on the next line (or after one blank line).
      const answered = (lines[index + 1] ?? '').trim() !== '' || (lines[index + 2] ?? '').trim() !== '';
      if (question === null || !answered) return line;
      return `${'#'.repeat(Math.min(6, lastHeadingLevel + 1))} ${(question[1] ?? question[2]!).trim()}`;
    })
    .join('\n');
}
