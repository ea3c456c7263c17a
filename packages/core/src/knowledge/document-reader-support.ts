import { basename, extname } from 'node:path';
import type { AgentOwner, DocumentInput } from '../capabilities/capabilities.ts';
import { KnowledgeFileError } from './knowledge-file-error.ts';

/**
 * What every document reader shares: the shape of a read document, the reader interface and the
 * helpers (UTF-8 decoding, a title from the file name, the empty-document check).
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
  /** Bump when the body or metadata read from unchanged bytes change: the next ingestion re-reads those files (ingest-fingerprint.ts). */
  version: number;
  /** Throws KnowledgeFileError (naming `file`) when the bytes cannot be read as this type. */
  read(raw: Uint8Array, file: string): Promise<ReadDocument>;
}

export const DEFAULT_PRIORITY = 1;
const utf8 = new TextDecoder('utf-8', { fatal: true });
/** Windows' Notepad saves "Unicode" as UTF-16 with a byte order mark: unambiguous, so read as such. */
const utf16 = { le: new TextDecoder('utf-16le', { fatal: true }), be: new TextDecoder('utf-16be', { fatal: true }) };

/** UTF-8 text (UTF-16 when it starts with its byte order mark); any other bytes are refused, naming the file and the fix. */
export function decodeUtf8(raw: Uint8Array, file: string): string {
  const decoder = raw[0] === 0xff && raw[1] === 0xfe ? utf16.le : raw[0] === 0xfe && raw[1] === 0xff ? utf16.be : utf8;
  try {
    return decoder.decode(raw).replace(/^\uFEFF/, '');
  } catch (error) {
    throw new KnowledgeFileError(
      file,
      decoder === utf8
        ? "le fichier n'est pas du texte UTF-8 valide (enregistré en Windows-1252 ou Latin-1 ? réenregistre-le en UTF-8)"
        : "le fichier n'est pas du texte UTF-16 valide malgré sa marque d'ordre des octets (réenregistre-le en UTF-8)",
      error,
    );
  }
}

/** "mon-fichier_v2.md" -> "mon fichier v2". */
export function titleFromFileName(file: string): string {
  return basename(file, extname(file)).replace(/[-_]+/g, ' ').trim() || basename(file);
}

export function assertNotEmpty(body: string, file: string): void {
  if (body.trim() === '') throw new KnowledgeFileError(file, 'le document est vide');
}

/** Collapses runs of spaces, tabs and non-breaking spaces (not newlines). */
export function collapseSpaces(text: string): string {
  return text.replace(/[ \t\u00A0\u202F\f\v]+/g, ' ');
}
