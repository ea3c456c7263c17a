import { describe, expect, it } from 'vitest';
import type { RetrievedChunk } from '../capabilities/capabilities.ts';
import { rankSourcePassages } from './passage-ranking.ts';
import { withContactFactWords } from './contact-facts.ts';
import { quantityAskedBy } from './quantity-question.ts';

const page = (title: string, content: string, section: string | null = null): RetrievedChunk => ({
  chunkId: 'chunk-0',
  documentId: 'doc-0',
  title,
  section,
  content,
  agentOwner: 'shared',
  score: 0.5,
});

const CONTACT =
  "L'agence est fermée chaque année du 1er au 20 août.\n\n" +
  'Les rendez-vous sur place se font uniquement sur réservation.\n\n' +
  'Adresse : Les Ateliers Verts, 4 rue des Tilleuls, 44000 Nantes.\n\n' +
  'Téléphone : 02 40 11 22 33.';

describe('rankSourcePassages', () => {
  it('puts the line that says the word asked before the lines that only sit under a title holding it (a page without subheadings)', () => {
    const ranked = rankSourcePassages('Quelle est votre adresse ?', [page('Horaires, adresse et contact', CONTACT)]);
    expect(ranked[0]!.text).toBe('Adresse : Les Ateliers Verts, 4 rue des Tilleuls, 44000 Nantes.');
    expect(ranked[0]!.overlap).toBeGreaterThan(ranked[1]!.overlap);
  });

  it('still counts a real subheading at full weight: the passages under it match as well as a line that repeats its word', () => {
    const ranked = rankSourcePassages("c'est quoi votre adresse ?", [page('Nous trouver', CONTACT, 'Notre adresse')]);
    expect(new Set(ranked.map((passage) => passage.overlap)).size).toBe(1);
  });

  it('gives the time-of-day cue to the line with the hours of a single page, not only to the line holding a word the search added', () => {
    const hours = page('Horaires et contact', CONTACT + "\n\nL'équipe répond du lundi au jeudi de 9 h 30 à 17 h 30. Elle ne répond pas le week-end.");
    const message = 'Quels sont vos horaires ?';
    // The offline answer ranks with the contact words added ("… ouvert fermé") and the amount the message asks.
    const ranked = rankSourcePassages(withContactFactWords(message), [hours], [], quantityAskedBy(message));
    // "fermée" matches the added word: first; the hours come next, above the lines that only sit under the title.
    expect(ranked[1]!.text).toMatch(/^L'équipe répond du lundi au jeudi de 9 h 30 à 17 h 30\./);
    expect(ranked[1]!.score).toBeGreaterThan(ranked[2]!.score);
  });
});
