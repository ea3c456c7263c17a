import { describe, expect, it } from 'vitest';
import { firstQuotedLineOf } from '../testing/first-quoted-line.ts';
import { readKnowledgeBaseChunks } from '../testing/knowledge-base-chunks.ts';
import { passagesOfSource } from './answer-passages.ts';

const { chunks } = readKnowledgeBaseChunks(new URL('../evaluation/blind-round-17/kb/', import.meta.url));

/**
 * Blind round 17: "c'est quoi le b-roll ?" got "Je n'ai rien trouvé": the one sentence naming the term, "Ces plans
 * d'illustration s'appellent le b-roll.", opens its paragraph after a list and leans on it ("Ces"), so it was never a passage.
 */
describe('a sentence that gives a name after a list', () => {
  it('is quoted alone and answers what the term is', () => {
    expect(firstQuotedLineOf(chunks, "c'est quoi le b-roll ? j'entends ça partout", 'carole')).toContain("s'appellent le b-roll");
  });

  it.each(["le b-roll c'est quoi ?", 'b-roll ça veut dire quoi', 'que veut dire b-roll'])(
    'answers what the term is asked the other way round (review of round 17): %s',
    (message) => expect(firstQuotedLineOf(chunks, message, 'carole')).toContain("s'appellent le b-roll"),
  );

  it('answers only what the term is: it does not lead another question its words match', () => {
    expect(firstQuotedLineOf(chunks, 'idées de plans à filmer quand on veut pas se montrer', 'carole')).not.toContain("s'appellent");
  });

  it('is the only leaning sentence kept alone: another first in its paragraph is still not quoted', () => {
    const chunk = { ...chunks[0]!, content: '## Titre\n\n- Un point.\n- Un autre point.\n\nCes plans sont utiles pour tout le monde. La suite est là.\n\nCes plans s\'appellent le b-roll.' };
    const texts = passagesOfSource(chunk, 0).map((passage) => passage.text);
    expect(texts).toContain("Ces plans s'appellent le b-roll.");
    expect(texts).not.toContain('Ces plans sont utiles pour tout le monde.');
  });
});
