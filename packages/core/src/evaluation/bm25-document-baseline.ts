import { contentStems } from '../french-text/french-text.ts';

/**
 * The reference the issue sets: plain BM25 (k1 1.2, b 0.75) over whole documents (title and
 * body), accents folded and crudely stemmed (french-text/french-text.ts), no agent filter. The
 * evaluation prints it beside the pipeline's scores so that chunking, fusion and reranking are
 * judged against it on the same data.
 */

export interface BaselineDocument {
  title: string;
  body: string;
}

const K1 = 1.2;
const B = 0.75;

export class Bm25DocumentIndex {
  private readonly documents: Array<{ title: string; frequencies: Map<string, number>; length: number }>;
  private readonly documentFrequency = new Map<string, number>();
  private readonly averageLength: number;

  constructor(documents: readonly BaselineDocument[]) {
    this.documents = documents.map((document) => {
      const frequencies = new Map<string, number>();
      const stems = contentStems(`${document.title}\n${document.body}`);
      for (const stem of stems) frequencies.set(stem, (frequencies.get(stem) ?? 0) + 1);
      for (const stem of frequencies.keys()) this.documentFrequency.set(stem, (this.documentFrequency.get(stem) ?? 0) + 1);
      return { title: document.title, frequencies, length: stems.length };
    });
    this.averageLength = this.documents.reduce((sum, document) => sum + document.length, 0) / (this.documents.length || 1) || 1;
  }

  /** Titles of the documents, best first (documents scoring 0 are left out). */
  rank(query: string, limit: number): string[] {
    const terms = [...new Set(contentStems(query))];
    const count = this.documents.length;
    return this.documents
      .map((document, index) => {
        let score = 0;
        for (const term of terms) {
          const frequency = document.frequencies.get(term) ?? 0;
          if (frequency === 0) continue;
          const containing = this.documentFrequency.get(term) ?? 0;
          const inverse = Math.log(1 + (count - containing + 0.5) / (containing + 0.5));
          score += (inverse * frequency * (K1 + 1)) / (frequency + K1 * (1 - B + (B * document.length) / this.averageLength));
        }
        return { title: document.title, score, index };
      })
      .filter((entry) => entry.score > 0)
      .sort((left, right) => right.score - left.score || left.index - right.index)
      .slice(0, limit)
      .map((entry) => entry.title);
  }
}
