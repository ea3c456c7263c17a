import { basename, extname } from 'node:path';
import type { AgentOwner, DocumentInput } from '../capabilities/capabilities.ts';
import { parseFrontMatter } from './front-matter.ts';
import { KnowledgeFileError } from './knowledge-file-error.ts';

/**
 * One reader per file type turns raw bytes into a document body plus its
 * metadata. Markdown and plain text today; HTML and PDF readers plug in by
 * adding an entry to `documentReaders` (same interface).
 */

export interface ReadDocument {
  fileType: DocumentInput['fileType'];
  title: string;
  /** Declared owner, or null when the document does not say (the auto-tagger decides). */
  agentOwner: AgentOwner | null;
  tags: string[];
  category: string | null;
  priority: number;
  /** Markdown-like text: headings with #, paragraphs separated by blank lines. */
  body: string;
}

export interface DocumentReader {
  fileType: DocumentInput['fileType'];
  extensions: readonly string[];
  read(raw: Uint8Array, file: string): ReadDocument;
}

const DEFAULT_PRIORITY = 1;
const utf8 = new TextDecoder('utf-8', { fatal: true });

export function decodeUtf8(raw: Uint8Array, file: string): string {
  try {
    return utf8.decode(raw).replace(/^\uFEFF/, '');
  } catch (error) {
    throw new KnowledgeFileError(file, "le fichier n'est pas du texte UTF-8 valide", error);
  }
}

/** "mon-fichier_v2.md" -> "mon fichier v2". */
export function titleFromFileName(file: string): string {
  return basename(file, extname(file)).replace(/[-_]+/g, ' ').trim() || basename(file);
}

function assertNotEmpty(body: string, file: string): void {
  if (body.trim() === '') throw new KnowledgeFileError(file, 'le document est vide');
}

export const markdownReader: DocumentReader = {
  fileType: 'markdown',
  extensions: ['.md', '.markdown', '.mdx'],
  read(raw, file) {
    const { frontMatter, body } = parseFrontMatter(decodeUtf8(raw, file), file);
    assertNotEmpty(body, file);
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
  read(raw, file) {
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

export const documentReaders: readonly DocumentReader[] = [markdownReader, plainTextReader];

export function readerForFile(file: string): DocumentReader | null {
  const extension = extname(file).toLowerCase();
  return documentReaders.find((reader) => reader.extensions.includes(extension)) ?? null;
}

export const supportedExtensions: readonly string[] = documentReaders.flatMap((reader) => reader.extensions);
