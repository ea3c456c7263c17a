import { extractTextItems, getDocumentProxy, getMeta, type StructuredTextItem } from 'unpdf';
import { collapseSpaces, DEFAULT_PRIORITY, titleFromFileName, type DocumentReader } from './document-reader-support.ts';
import { KnowledgeFileError } from './knowledge-file-error.ts';

/**
 * PDF files (unpdf: PDF.js built for servers, pure JavaScript, no network) to the Markdown-like
 * body the chunker reads, page by page:
 *
 * - text items are grouped into lines by baseline; a line set clearly larger than the body text
 *   (≥ 1.2 × the most common size, at most 120 characters) becomes a heading, the largest size
 *   `#`, the next `##`, then `###`;
 * - a vertical gap wider than 1.4 × the page's usual line spacing starts a new paragraph, and so
 *   does every page; lines of a paragraph are joined (a word cut by a hyphen at a line end is rejoined);
 * - title: the document information /Title when it looks like one, else the first line;
 * - no owner metadata: the auto-tagger decides. A PDF without extractable text (a scan) is an
 *   error, as is a corrupt or password-protected one; each error names the file.
 */

const HEADING_SIZE_RATIO = 1.2;
const HEADING_MAX_CHARS = 120;
const PARAGRAPH_GAP_RATIO = 1.4;
/** /Title values that are not titles (producer defaults). */
const PLACEHOLDER_TITLE = /^(untitled|sans titre|document\d*|microsoft word - .*|.*\.(docx?|pdf|odt|pages))$/i;

interface PdfLine {
  text: string;
  y: number;
  fontSize: number;
}

function roundSize(size: number): number {
  return Math.round(size * 2) / 2;
}

/** Items of one page to lines: a new line when the baseline moves by more than half the font size. */
function linesOfPage(items: readonly StructuredTextItem[]): PdfLine[] {
  const lines: PdfLine[] = [];
  let current: (PdfLine & { endX: number }) | null = null;
  for (const item of items) {
    const text = item.str;
    if (current !== null && Math.abs(item.y - current.y) <= Math.max(1, 0.5 * Math.max(item.fontSize, current.fontSize))) {
      if (text !== '') {
        const gap = item.x - current.endX;
        const needsSpace = gap > 0.15 * item.fontSize && !/\s$/.test(current.text) && !/^\s/.test(text);
        current.text += (needsSpace ? ' ' : '') + text;
        current.endX = item.x + item.width;
        current.fontSize = Math.max(current.fontSize, item.fontSize);
      }
    } else if (text.trim() !== '') {
      if (current !== null) lines.push(current);
      current = { text, y: item.y, fontSize: item.fontSize, endX: item.x + item.width };
    }
  }
  if (current !== null) lines.push(current);
  return lines
    .map((line) => ({ text: collapseSpaces(line.text).trim(), y: line.y, fontSize: roundSize(line.fontSize) }))
    .filter((line) => line.text !== '');
}

/** The font size carrying the most characters: the body text's. */
function bodyFontSize(pages: readonly PdfLine[][]): number {
  const characters = new Map<number, number>();
  for (const line of pages.flat()) characters.set(line.fontSize, (characters.get(line.fontSize) ?? 0) + line.text.length);
  let best = 0;
  let bestCount = -1;
  for (const [size, count] of characters) if (count > bestCount) [best, bestCount] = [size, count];
  return best;
}

function isHeading(line: PdfLine, bodySize: number): boolean {
  return bodySize > 0 && line.fontSize >= bodySize * HEADING_SIZE_RATIO && line.text.length <= HEADING_MAX_CHARS;
}

function joinParagraphLines(lines: readonly string[]): string {
  let text = '';
  for (const line of lines) {
    if (text === '') text = line;
    else if (/\p{L}-$/u.test(text) && /^\p{Ll}/u.test(line)) text = text.slice(0, -1) + line;
    else text += ` ${line}`;
  }
  return text;
}

/** Markdown-like body of the whole document from its pages' lines. */
function bodyOfPages(pages: readonly PdfLine[][]): string {
  const bodySize = bodyFontSize(pages);
  const headingSizes = [...new Set(pages.flat().filter((line) => isHeading(line, bodySize)).map((line) => line.fontSize))].sort((a, b) => b - a);
  const headingLevel = (size: number) => Math.min(headingSizes.indexOf(size) + 1, 3);
  const blocks: string[] = [];
  for (const lines of pages) {
    const gaps = lines
      .slice(1)
      .map((line, index) => lines[index]!.y - line.y)
      .filter((gap) => gap > 0)
      .sort((a, b) => a - b);
    const usualGap = gaps.length > 0 ? gaps[Math.floor(gaps.length / 2)]! : bodySize * 1.2;
    let paragraph: string[] = [];
    let heading: { size: number; parts: string[] } | null = null;
    const flushParagraph = () => {
      if (paragraph.length > 0) blocks.push(joinParagraphLines(paragraph));
      paragraph = [];
    };
    const flushHeading = () => {
      if (heading !== null) blocks.push(`${'#'.repeat(headingLevel(heading.size))} ${heading.parts.join(' ')}`);
      heading = null;
    };
    lines.forEach((line, index) => {
      const previous = lines[index - 1];
      const gap = previous === undefined ? 0 : previous.y - line.y;
      if (isHeading(line, bodySize)) {
        flushParagraph();
        // A heading wrapped over two lines of the same size stays one heading.
        if (heading !== null && (heading.size !== line.fontSize || gap > line.fontSize * 2)) flushHeading();
        heading ??= { size: line.fontSize, parts: [] };
        heading.parts.push(line.text);
        return;
      }
      flushHeading();
      if (gap < 0 || gap > usualGap * PARAGRAPH_GAP_RATIO) flushParagraph();
      paragraph.push(line.text);
    });
    flushHeading();
    flushParagraph();
  }
  return blocks.join('\n\n');
}

function pdfErrorReason(error: unknown): string {
  const name = (error as { name?: string } | null)?.name ?? '';
  const message = error instanceof Error ? error.message : String(error);
  if (name === 'PasswordException') return 'PDF protégé par mot de passe : impossible de lire son texte';
  if (name === 'InvalidPDFException' || name === 'FormatError' || name === 'UnknownErrorException') {
    return `PDF illisible ou corrompu (${message})`;
  }
  return `PDF illisible (${message})`;
}

export const pdfReader: DocumentReader = {
  fileType: 'pdf',
  extensions: ['.pdf'],
  version: 1,
  async read(raw, file) {
    // PDF.js takes ownership of (detaches) the buffer it is given: hand it a copy.
    const data = new Uint8Array(raw);
    let pages: PdfLine[][];
    let metadataTitle = '';
    try {
      const document = await getDocumentProxy(data, { verbosity: 0 });
      try {
        const { items } = await extractTextItems(document);
        pages = items.map(linesOfPage);
        const { info } = await getMeta(document).catch(() => ({ info: {} as Record<string, unknown> }));
        metadataTitle = typeof info.Title === 'string' ? collapseSpaces(info.Title).trim() : '';
      } finally {
        await document.loadingTask.destroy().catch(() => undefined);
      }
    } catch (error) {
      throw new KnowledgeFileError(file, pdfErrorReason(error), error);
    }
    const body = bodyOfPages(pages);
    if (body.trim() === '') {
      throw new KnowledgeFileError(file, 'aucun texte extractible dans ce PDF (document scanné ou images seules ?)');
    }
    const firstLine = pages.flat()[0]?.text ?? '';
    const title =
      metadataTitle !== '' && !PLACEHOLDER_TITLE.test(metadataTitle)
        ? metadataTitle
        : firstLine !== '' && firstLine.length <= HEADING_MAX_CHARS
          ? firstLine
          : titleFromFileName(file);
    return { fileType: 'pdf', title, agentOwner: null, tags: [], category: null, priority: DEFAULT_PRIORITY, body };
  },
};
