/**
 * The first quoted line of the offline answer to every expert question of the evaluation sets (blind rounds, the other
 * knowledge bases, the development set): `retrieval*.jsonl` questions and the `routing.jsonl` messages labelled audrey or
 * carole, each answered from its folder's `kb/` as the lead tests do (testing/first-quoted-line.ts: the lexical reranker
 * over every chunk, the 3 best documents), its documents read as the ingestion reads them (HTML pages and text notes
 * included, titles from the first heading when there is no front matter: testing/knowledge-base-chunks-as-ingested.ts). One line per question; run before and after a change to the answerer, read
 * the lines and diff the two outputs.
 *
 *   pnpm exec tsx scripts/first-lines.ts [folder-name-filter] > /tmp/first-lines.txt
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { firstQuotedLineOf } from '../packages/core/src/testing/first-quoted-line.ts';
import { readKnowledgeBaseChunksAsIngested } from '../packages/core/src/testing/knowledge-base-chunks-as-ingested.ts';

const evaluation = new URL('../packages/core/src/evaluation/', import.meta.url);
const filter = process.argv[2] ?? '';
const folders = readdirSync(evaluation, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(new URL(`${entry.name}/kb/`, evaluation)) && entry.name.includes(filter))
  .map((entry) => entry.name)
  .sort((left, right) => left.localeCompare(right, 'en', { numeric: true }));

for (const folder of folders) {
  const chunks = await readKnowledgeBaseChunksAsIngested(new URL(`${folder}/kb/`, evaluation));
  const ownerOf = (title: string) => chunks.find((chunk) => chunk.title.toLowerCase() === title.toLowerCase())?.agentOwner;
  const files = readdirSync(new URL(`${folder}/`, evaluation)).filter((name) => /^(?:retrieval|routing).*\.jsonl$/.test(name)).sort();
  for (const file of files) {
    const lines = readFileSync(new URL(`${folder}/${file}`, evaluation), 'utf8').split('\n');
    lines.forEach((line, index) => {
      if (line.trim() === '') return;
      const { q, doc, agent } = JSON.parse(line) as { q: string; doc?: string; agent?: string };
      const owner = agent ?? (doc === undefined ? undefined : ownerOf(doc));
      if (doc === undefined && agent !== 'audrey' && agent !== 'carole') return;
      const answerer = owner === 'carole' ? 'carole' : 'audrey';
      process.stdout.write(`${folder}/${file}:${index + 1}\t${q}\n    => ${firstQuotedLineOf(chunks, q, answerer)}\n`);
    });
  }
}
