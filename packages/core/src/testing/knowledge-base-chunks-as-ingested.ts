import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { RetrievedChunk } from '../capabilities/capabilities.ts';
import { chunkDocument } from '../knowledge/chunker.ts';
import { readerForFile } from '../knowledge/document-readers.ts';

/**
 * A folder of documents chunked as the ingestion chunks them: every file type the product reads
 * (Markdown, plain text, HTML), each by its own reader, so with the title the product gives it (the
 * front matter's, else the first `# ` heading, else the file name; an HTML page's <h1> or <title>)
 * and the reader's rewriting (an FAQ's bold questions as headings, an HTML table as a Markdown
 * table). testing/knowledge-base-chunks.ts reads `.md` files only, titled by their front matter or
 * their file name: scripts/first-lines.ts, reading with it, never saw a knowledge base's HTML page or
 * text note, and answered a document without front matter under its file name (the fifth knowledge
 * base, 2026-12-05). Documents are in file-name order; a document without `agent_owner` is `shared`
 * (the answerer of first-lines.ts is then Audrey), score 0: the caller ranks the chunks.
 */
export async function readKnowledgeBaseChunksAsIngested(folder: URL): Promise<RetrievedChunk[]> {
  const chunks: RetrievedChunk[] = [];
  for (const file of readdirSync(folder).sort()) {
    const reader = readerForFile(file);
    if (reader === null) continue;
    const document = await reader.read(readFileSync(new URL(file, folder)), fileURLToPath(new URL(file, folder)));
    for (const chunk of chunkDocument(document.body, document.title)) {
      chunks.push({
        chunkId: `${file}#${chunk.index}`,
        documentId: file,
        title: document.title,
        section: chunk.section,
        content: chunk.content,
        agentOwner: document.agentOwner ?? 'shared',
        score: 0,
        chunkIndex: chunk.index,
      });
    }
  }
  return chunks;
}
