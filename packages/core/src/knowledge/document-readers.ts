import { extname } from 'node:path';
import {
  assertNotEmpty,
  decodeUtf8,
  DEFAULT_PRIORITY,
  titleFromFileName,
  type DocumentReader,
} from './document-reader-support.ts';
import { boldQuestionsAsHeadings } from './bold-question-headings.ts';
import { parseFrontMatter } from './front-matter.ts';
import { htmlReader } from './html-document-reader.ts';
import { pdfReader } from './pdf-document-reader.ts';

/**
 * One reader per file type turns raw bytes into a document body plus its metadata: Markdown and
 * plain text (optional YAML front matter), HTML (html-document-reader.ts) and PDF
 * (pdf-document-reader.ts). Readers are async (PDF parsing is).
 */

export {
  assertNotEmpty,
  decodeUtf8,
  titleFromFileName,
  type DocumentReader,
  type ReadDocument,
} from './document-reader-support.ts';

export const markdownReader: DocumentReader = {
  fileType: 'markdown',
  extensions: ['.md', '.markdown', '.mdx'],
  // 2: an FAQ's bold question lines are read as headings (bold-question-headings.ts).
  version: 2,
  async read(raw, file) {
    const { frontMatter, body: written } = parseFrontMatter(decodeUtf8(raw, file), file);
    assertNotEmpty(written, file);
    const body = boldQuestionsAsHeadings(written.replace(/\r\n?/g, '\n'));
    const firstHeading = /^#\s+(.+?)\s*#*\s*$/m.exec(body)?.[1];
    return {
      fileType: 'markdown',
      title: frontMatter.title ?? firstHeading ?? titleFromFileName(file),
      agentOwner: frontMatter.agent_owner ?? null,
      tags: frontMatter.tags ?? [],
      category: frontMatter.category || null,
      priority: frontMatter.priority ?? DEFAULT_PRIORITY,
      body,
    };
  },
};

export const plainTextReader: DocumentReader = {
  fileType: 'text',
  extensions: ['.txt', '.text'],
  version: 1,
  async read(raw, file) {
    // The same optional front matter is accepted; otherwise a short first line is the title.
    const { frontMatter, body } = parseFrontMatter(decodeUtf8(raw, file), file);
    assertNotEmpty(body, file);
    const firstLine = body.trim().split(/\r?\n/)[0]!.trim();
    const firstLineIsTitle = frontMatter.title === undefined && firstLine.length <= 120 && !/[.!?:;]$/.test(firstLine);
    return {
      fileType: 'text',
      title: frontMatter.title ?? (firstLineIsTitle ? firstLine : titleFromFileName(file)),
      agentOwner: frontMatter.agent_owner ?? null,
      tags: frontMatter.tags ?? [],
      category: frontMatter.category || null,
      priority: frontMatter.priority ?? DEFAULT_PRIORITY,
      body: firstLineIsTitle ? body.trim().split(/\r?\n/).slice(1).join('\n') || body : body,
    };
  },
};

export const documentReaders: readonly DocumentReader[] = [markdownReader, plainTextReader, htmlReader, pdfReader];

export function readerForFile(file: string): DocumentReader | null {
  const extension = extname(file).toLowerCase();
  return documentReaders.find((reader) => reader.extensions.includes(extension)) ?? null;
}

export const supportedExtensions: readonly string[] = documentReaders.flatMap((reader) => reader.extensions);
