import { splitSentences } from '../french-text/french-text.ts';
import { lineBlockOf, splitLineBlock } from './chunker-line-blocks.ts';

/**
 * Splits a Markdown (or plain text) body into chunks for retrieval.
 *
 * - Blocks are headings and paragraphs (a list is one paragraph); a heading
 *   opens a section whose path is its parent headings joined with " > "
 *   (a level-1 heading equal to the title is dropped: the title is already known).
 * - A chunk grows paragraph by paragraph up to `maxChars`; a new section starts
 *   a new chunk once the current one holds `minChars`, so small neighbouring
 *   sections share a chunk (their headings stay in the text).
 * - A paragraph longer than `maxChars` is cut between sentences; a table or a list between its rows or
 *   items, each piece of a table opening with its header row (chunker-line-blocks.ts), without overlap.
 * - When a chunk is cut inside a section, the next one repeats the last
 *   sentence of the previous one (overlap, at most `overlapChars`).
 * - Each chunk records the section path where it starts; the text that gets
 *   embedded is prefixed with "title — section".
 */

export interface ChunkOptions {
  minChars?: number;
  maxChars?: number;
  overlapChars?: number;
}

export interface DocumentChunk {
  index: number;
  section: string | null;
  content: string;
  /** "title — section\n\ncontent": what the embedder sees. */
  embeddingText: string;
}

const DEFAULTS: Required<ChunkOptions> = { minChars: 500, maxChars: 900, overlapChars: 220 };

/**
 * Bump when the chunks of an unchanged text change (2: a word longer than a chunk is cut; 3: a long
 * table or list is cut between its lines, a table's header repeated). It is
 * part of what ingestion compares to decide that a file is unchanged (ingest-fingerprint.ts): the
 * next `pnpm ingest` re-chunks every file, without --force.
 */
export const CHUNKER_VERSION = 3;

/** The chunker's version and sizes, as recorded with a document: `chunker-v3:500/900/220`. */
export function chunkingRulesOf(options: ChunkOptions = {}): string {
  const { minChars, maxChars, overlapChars } = { ...DEFAULTS, ...options };
  return `chunker-v${CHUNKER_VERSION}:${minChars}/${maxChars}/${overlapChars}`;
}

interface Block {
  kind: 'heading' | 'paragraph';
  text: string;
  /** Section path in force for this block (for a heading: the path it opens). */
  section: string | null;
}

const HEADING = /^(#{1,6})\s+(.+?)\s*#*\s*$/;

function readBlocks(body: string, title: string): Block[] {
  const blocks: Block[] = [];
  const path: Array<{ level: number; text: string }> = [];
  let paragraph: string[] = [];
  let inFence = false;
  const currentSection = () => (path.length === 0 ? null : path.map((entry) => entry.text).join(' > '));
  const flush = () => {
    const text = paragraph.join('\n').trim();
    if (text !== '') blocks.push({ kind: 'paragraph', text, section: currentSection() });
    paragraph = [];
  };
  for (const line of body.replace(/\r\n?/g, '\n').split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
    const heading = inFence ? null : HEADING.exec(line);
    if (heading) {
      flush();
      const level = heading[1]!.length;
      const text = heading[2]!.trim();
      while (path.length > 0 && path[path.length - 1]!.level >= level) path.pop();
      if (level === 1 && text.toLowerCase() === title.trim().toLowerCase()) continue;
      path.push({ level, text });
      blocks.push({ kind: 'heading', text: line.trim(), section: currentSection() });
    } else if (line.trim() === '' && !inFence) {
      flush();
    } else {
      paragraph.push(line);
    }
  }
  flush();
  return blocks;
}

/** A word cut into slices of at most `size` characters (one slice when it fits). */
function slicesOf(word: string, size: number): string[] {
  return Array.from({ length: Math.max(1, Math.ceil(word.length / size)) }, (_, index) => word.slice(index * size, (index + 1) * size));
}

/** Cuts an over-long paragraph between sentences (or between words for a giant sentence). */
function splitLongParagraph(text: string, maxChars: number): string[] {
  const pieces: string[] = [];
  let current = '';
  const units = splitSentences(text).flatMap((sentence) => {
    if (sentence.length <= maxChars) return [sentence];
    // A word longer than a chunk (a pasted URL, a base64 image, a line of one character) is cut too:
    // kept whole it made one chunk of its length, megabytes sent to the embedder and to the agent.
    const words = sentence.split(/\s+/).flatMap((word) => slicesOf(word, maxChars));
    const parts: string[] = [];
    let part = '';
    for (const word of words) {
      if (part !== '' && part.length + word.length + 1 > maxChars) {
        parts.push(part);
        part = '';
      }
      part = part === '' ? word : `${part} ${word}`;
    }
    if (part !== '') parts.push(part);
    return parts;
  });
  for (const unit of units) {
    if (current !== '' && current.length + unit.length + 1 > maxChars) {
      pieces.push(current);
      current = '';
    }
    current = current === '' ? unit : `${current} ${unit}`;
  }
  if (current !== '') pieces.push(current);
  return pieces;
}

function lastSentence(text: string, overlapChars: number): string | null {
  const sentences = splitSentences(text.split('\n').filter((line) => !HEADING.test(line)).join('\n'));
  const last = sentences[sentences.length - 1];
  return last !== undefined && last.length <= overlapChars ? last : null;
}

export function embeddingTextOf(title: string, section: string | null, content: string): string {
  return `${section ? `${title} — ${section}` : title}\n\n${content}`;
}

export function chunkDocument(body: string, title: string, options: ChunkOptions = {}): DocumentChunk[] {
  const { minChars, maxChars, overlapChars } = { ...DEFAULTS, ...options };
  const drafts: Array<{ section: string | null; parts: string[]; hasText: boolean }> = [];
  let current: { section: string | null; parts: string[]; hasText: boolean } | null = null;
  const length = () => (current === null ? 0 : current.parts.join('\n\n').length);
  const close = () => {
    if (current !== null && current.hasText) drafts.push(current);
    current = null;
  };

  for (const block of readBlocks(body, title)) {
    if (block.kind === 'heading') {
      if (current !== null && length() >= minChars) close();
      if (current === null) current = { section: block.section, parts: [], hasText: false };
      current.parts.push(block.text);
      continue;
    }
    // Long paragraphs are cut a little under maxChars so the next piece has room for the overlap sentence.
    const lineBlock = block.text.length > maxChars ? lineBlockOf(block.text) : null;
    const pieces =
      lineBlock !== null
        ? splitLineBlock(lineBlock, maxChars - overlapChars).flatMap((piece) => (piece.length > maxChars ? splitLongParagraph(piece, maxChars - overlapChars) : [piece]))
        : block.text.length > maxChars
          ? splitLongParagraph(block.text, maxChars - overlapChars)
          : [block.text];
    for (const piece of pieces) {
      if (current !== null && current.hasText && length() + piece.length + 2 > maxChars) {
        const previous: { section: string | null; parts: string[]; hasText: boolean } = current;
        close();
        // A table's or a list's next piece needs no overlap: its lines stand alone (and a table's repeats its header).
        const overlap = lineBlock === null ? lastSentence(previous.parts.join('\n'), overlapChars) : null;
        const fits = overlap !== null && overlap !== piece && overlap.length + piece.length + 2 <= maxChars;
        current = { section: block.section, parts: fits ? [overlap] : [], hasText: false };
      }
      if (current === null) current = { section: block.section, parts: [], hasText: false };
      current.parts.push(piece);
      current.hasText = true;
    }
  }
  close();

  return drafts.map((draft, index) => {
    const content = draft.parts.join('\n\n').trim();
    return { index, section: draft.section, content, embeddingText: embeddingTextOf(title, draft.section, content) };
  });
}
