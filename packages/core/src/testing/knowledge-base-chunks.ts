import { readdirSync, readFileSync } from 'node:fs';
import type { RetrievedChunk } from '../capabilities/capabilities.ts';
import { chunkDocument } from '../knowledge/chunker.ts';
import { parseFrontMatter } from '../knowledge/front-matter.ts';

/**
 * A folder of Markdown documents as the offline answerer's tests see it: each document with its
 * text as plain words (to find a quoted passage in it), and its chunks as the chunker makes them,
 * with their place in the document (score 0: the test ranks them).
 */

export interface KnowledgeBaseDocument {
  file: string;
  title: string;
  /** The body without Markdown links, emphasis, list marks and line breaks. */
  plainBody: string;
}

const plain = (text: string) =>
  text
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\*\*|__|`/g, '')
    .replace(/^\s*(?:[-*+]|\d+[.)])\s+/gm, '')
    .replace(/\s+/g, ' ');

export function readKnowledgeBaseChunks(folder: URL): { documents: KnowledgeBaseDocument[]; chunks: RetrievedChunk[] } {
  const documents: KnowledgeBaseDocument[] = [];
  const chunks: RetrievedChunk[] = [];
  for (const file of readdirSync(folder).filter((name) => name.endsWith('.md'))) {
    const { frontMatter, body } = parseFrontMatter(readFileSync(new URL(file, folder), 'utf8'), file);
    const title = String(frontMatter.title ?? file);
    documents.push({ file, title, plainBody: plain(body) });
    for (const chunk of chunkDocument(body, title)) {
      chunks.push({
        chunkId: `${file}#${chunk.index}`,
        documentId: file,
        title,
        section: chunk.section,
        content: chunk.content,
        agentOwner: frontMatter.agent_owner ?? 'shared',
        score: 0,
        chunkIndex: chunk.index,
      });
    }
  }
  return { documents, chunks };
}
