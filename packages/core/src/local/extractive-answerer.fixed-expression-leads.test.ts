import { describe, expect, it } from 'vitest';
import { firstQuotedLineOf } from '../testing/first-quoted-line.ts';
import { readKnowledgeBaseChunks } from '../testing/knowledge-base-chunks.ts';
import { withFrenchEquivalents } from '../french-text/english-query-words.ts';

const { chunks } = readKnowledgeBaseChunks(new URL('../../../../knowledge-base/', import.meta.url));

/** "comment faire une story à la une ?" (a probe, 2026-12-05): "à la une" was three stop words; the stories guide's steps led. */
describe('the lead of an offline answer on stories "à la une"', () => {
  it('is the line on them', () => {
    expect(firstQuotedLineOf(chunks, 'comment faire une story à la une ?', 'carole')).toContain('Range tes meilleures stories dans des stories à la une');
  });
});

/** "j'ai un problème avec ma newsletter" (a probe, 2026-12-05) quoted the sales-page guide's "le problème que ton ebook résout". */
describe('the lead of an offline answer to "j’ai un problème avec…"', () => {
  it('is a line of the guide on the thing named', () => {
    expect(firstQuotedLineOf(chunks, "j'ai un problème avec ma newsletter", 'audrey')).toContain('newsletter');
    expect(firstQuotedLineOf(chunks, "j'ai un problème avec ma newsletter", 'audrey')).not.toContain('ebook');
  });
});

/** "c'est quoi un bon hook pour un reel ?" (a probe, 2026-12-05) quoted "Les ateliers collectifs sont le bon moment…". */
describe('the lead of an offline answer on a Reel\'s hook', () => {
  it('is the line on its "accroche"', () => {
    expect(firstQuotedLineOf(chunks, withFrenchEquivalents("c'est quoi un bon hook pour un reel ?"), 'carole')).toContain('Commence par une accroche');
  });
});
