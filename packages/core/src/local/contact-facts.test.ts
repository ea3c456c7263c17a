import { describe, expect, it } from 'vitest';
import { fullTextQueryOf } from '../retrieval/query-text.ts';
import { retrievedChunk } from '../testing/retrieved-chunk.ts';
import { contactFactsAskedBy, withContactFactWords } from './contact-facts.ts';
import { buildExtractiveAnswer } from './extractive-answerer.ts';

const contact = retrievedChunk({
  title: "Contacter l'équipe du studio",
  section: 'Nous joindre',
  content:
    '- Email : **bonjour@exemple.fr** (réponse sous 48 heures ouvrées)\n- Téléphone : **04 78 21 36 90**, du mardi au vendredi\n- Le studio est fermé le lundi et le week-end.\n\nLe studio est basé à Lyon (69007), mais tous les accompagnements se font en visio.',
  score: 0.9,
});

describe('a question on how to reach the agency gets the words its page uses', () => {
  it('adds them for each fact asked, and nothing to another question', () => {
    expect(contactFactsAskedBy('et vous etes ouverts quand ?')).toEqual(['hours']);
    expect(withContactFactWords('et vous etes ouverts quand ?')).toContain('horaires');
    expect(withContactFactWords('c koi votre numero de tel ?')).toContain('téléphone');
    expect(fullTextQueryOf('vous êtes où ?')).toContain('adresse');
    expect(withContactFactWords('Comment créer un Reel ?')).toBe('Comment créer un Reel ?');
  });

  it('is answered from the contact page although it shares no word with it ("ouverts" against "fermé", "où" against "basé")', () => {
    expect(buildExtractiveAnswer({ agent: 'audrey', message: 'et vous etes ouverts quand ?', sources: [contact] })).toContain('fermé le lundi');
    expect(buildExtractiveAnswer({ agent: 'audrey', message: 'vous êtes où ?', sources: [contact] })).toContain('basé à Lyon');
  });
});
