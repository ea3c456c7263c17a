/**
 * The widget lists an answer's sources once, from the structured `sources` of the result. Answers
 * often also cite them in their text ("Sources : « … ».", "📚 Sources : …", or a "Sources :" heading
 * followed by a list, in offline and model-written answers alike): that part of the text is not
 * shown when the structured list is. Everything else of the text is kept as written.
 */
const SOURCES_HEADING = /^[ \t]*(?:[\p{Extended_Pictographic}\u{FE0F}\u{200D}]+[ \t]*)?(?:[*_]{1,2})?(?:sources?|références?)(?:[*_]{1,2})?[ \t]*(?:[*_]{1,2})?[ \t]*:(.*)$/iu;
const LIST_ITEM = /^[ \t]*(?:[-*•·]|\d+[.)])[ \t]+\S/u;

export function withoutCitedSourcesText(text: string): string {
  const lines = text.split('\n');
  const kept: string[] = [];
  for (let index = 0; index < lines.length; index += 1) {
    const heading = SOURCES_HEADING.exec(lines[index]!);
    if (!heading) {
      kept.push(lines[index]!);
      continue;
    }
    // "Sources :" alone on its line: the list under it goes too.
    if (heading[1]!.replace(/[*_\s]/g, '') === '') {
      while (index + 1 < lines.length && LIST_ITEM.test(lines[index + 1]!)) index += 1;
    }
  }
  return kept
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
