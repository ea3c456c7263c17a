import { describe, expect, it } from 'vitest';
import { buildExtractiveAnswer } from './extractive-answerer.ts';
import { retrievedChunk } from '../testing/retrieved-chunk.ts';

const returns = retrievedChunk({ title: 'Retours et remboursements', content: '# Retours\n\nTu peux renvoyer un article sous 30 jours après réception.', score: 0.6 });
const garden = retrievedChunk({ title: 'Calendrier du potager', content: '## Travailler le sol\n\nAère la terre au printemps sans la retourner, avec une grelinette.', score: 0.4 });
const quotedLines = (message: string, sources = [returns, garden]) =>
  buildExtractiveAnswer({ agent: 'audrey', message, sources })
    .split('\n')
    .filter((line) => line.startsWith('• '));

describe('a line of another document meeting one question word in passing', () => {
  it('is not quoted, even to pad the answer (another sense of "retourner")', () => {
    expect(quotedLines('Puis-je retourner un article ?')).toEqual(['• Tu peux renvoyer un article sous 30 jours après réception.']);
  });

  it("is quoted when its heading or its document's title holds a word of the question", () => {
    expect(quotedLines('Puis-je retourner un article ou la terre du potager ?')).toContain('• Aère la terre au printemps sans la retourner, avec une grelinette.');
  });
});
