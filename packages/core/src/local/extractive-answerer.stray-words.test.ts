import { describe, expect, it } from 'vitest';
import type { RetrievedChunk } from '../capabilities/capabilities.ts';
import { buildExtractiveAnswer } from './extractive-answerer.ts';

const source = (title: string, section: string | null, content: string, rank: number, agentOwner: 'audrey' | 'carole' = 'audrey'): RetrievedChunk => ({
  chunkId: `chunk-${rank}`,
  documentId: `doc-${rank}`,
  title,
  section,
  content,
  agentOwner,
  score: 0.9 - rank * 0.1,
});

describe('a word of a fixed expression is not the word alone (french-text/fixed-expressions.ts)', () => {
  it('does not pad the agency’s address with the mapping of a buyer’s e-mail address', () => {
    const contact = source('Nous rendre visite', 'Où nous trouver', '- Adresse : 8 place des Terreaux, 69001 Lyon (sur rendez-vous)\n- Téléphone : 04 00 00 00 00', 0);
    const form = source(
      'Relier la boutique au logiciel de newsletter',
      'Étapes',
      '1. Ouvrez le module de connexion.\n2. Faites correspondre les champs : le nom et l’adresse e-mail de la cliente.\n3. Enregistrez puis testez.',
      1,
    );
    const text = buildExtractiveAnswer({ agent: 'audrey', message: 'Où se trouvent vos bureaux ?', sources: [contact, form] });
    expect(text).toContain('8 place des Terreaux');
    expect(text).not.toContain('adresse e-mail');
  });

  it('does not answer "ma ligne éditoriale" with a sentence on selling online', () => {
    const agency = source('Qui sommes-nous', null, 'Notre studio aide les artisanes qui veulent vendre en ligne sans y passer leurs nuits.', 0, 'carole');
    const offers = source('Les programmes', 'Programme contenu', 'Six semaines avec Carole pour définir ta ligne éditoriale et planifier tes publications.', 1, 'carole');
    const text = buildExtractiveAnswer({ agent: 'carole', message: 'Comment je trouve ma ligne éditoriale ?', sources: [agency, offers] });
    expect(text).toContain('définir ta ligne éditoriale');
    expect(text).not.toContain('vendre en ligne');
  });
});

describe('a request for advice is not its topic (french-text/question-words.ts)', () => {
  it('does not quote a sentence that only says "conseils" to "des conseils pour l’accroche ?"', () => {
    const reels = source(
      'Tes vidéos Instagram',
      'Les bases',
      'Choisis trois piliers de contenu : un pilier expertise (tes conseils), un pilier coulisses et un pilier preuve.\n\nAccroche dès les deux premières secondes avec une question écrite à l’écran. Ajoute des sous-titres, beaucoup regardent sans le son.',
      0,
      'carole',
    );
    const text = buildExtractiveAnswer({ agent: 'carole', message: "Mes reels ne décollent pas, des conseils pour l'accroche ?", sources: [reels] });
    expect(text).toContain('Accroche dès les deux premières secondes');
    expect(text).not.toContain('piliers de contenu');
  });
});

