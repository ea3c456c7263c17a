import { describe, expect, it } from 'vitest';
import { describeIngestResult } from './ingest-cli-arguments.ts';

describe('describeIngestResult: one line of the ingestion report', () => {
  it('counts one chunk in the singular and several in the plural, as French writes them', () => {
    expect(describeIngestResult({ file: 'mes-docs/atelier.pdf', status: 'created', chunks: 1 })).toBe('créé       mes-docs/atelier.pdf (1 extrait)');
    expect(describeIngestResult({ file: 'kb/guide.md', status: 'updated', chunks: 3 })).toBe('mis à jour kb/guide.md (3 extraits)');
  });

  it('says nothing of chunks it was not told, and gives a failed file its reason', () => {
    expect(describeIngestResult({ file: 'kb/guide.md', status: 'unchanged' })).toBe('inchangé   kb/guide.md');
    expect(describeIngestResult({ file: 'kb/x.md', status: 'failed', error: 'kb/x.md : front matter invalide' })).toBe('échec      kb/x.md : front matter invalide');
  });
});
