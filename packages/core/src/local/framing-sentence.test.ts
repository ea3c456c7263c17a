import { describe, expect, it } from 'vitest';
import type { RetrievedChunk } from '../capabilities/capabilities.ts';
import { buildExtractiveAnswer } from './extractive-answerer.ts';
import { isFramingSentence } from './framing-sentence.ts';

describe("a document's framing sentence (framing-sentence.ts)", () => {
  it.each([
    "Tu changes d'outil ou tu récupères la liste de ton ancien cabinet : voici comment les faire entrer dans Brevo sans abîmer ta liste.",
    "Pas besoin d'appareil : ton téléphone suffit si tu suis ces étapes.",
    'Tu as changé de nom ou de spécialité et tes anciennes publications ne te ressemblent plus ?',
  ])('frames: %s', (passage) => {
    expect(isFramingSentence(passage)).toBe(true);
  });

  it.each([
    "Kajabi n'a pas de certificat natif : passe par l'automatisation ci-dessous.",
    "Tu veux qu'une réponse parte toute seule ? Ce n'est plus une réponse enregistrée mais une automatisation.",
    'Archive. Une publication archivée disparaît de ton profil mais reste visible pour toi seule.',
  ])('answers: %s', (passage) => {
    expect(isFramingSentence(passage)).toBe(false);
  });

  it('does not open the answer when a line of its document that answers follows it (blind round 21, routing line 43)', () => {
    const chunk = (chunkIndex: number, section: string | null, content: string): RetrievedChunk => ({
      chunkId: `c${chunkIndex}`,
      documentId: 'feed',
      title: 'Faire le ménage dans ton feed Instagram',
      section,
      content,
      agentOwner: 'carole',
      score: 1 - chunkIndex / 10,
      chunkIndex,
    });
    const sources = [
      chunk(0, null, "Tu as changé de couleurs, de spécialité ou de nom et ton feed ne te ressemble plus ?"),
      chunk(1, 'Je garde quoi ?', 'Garde les publications qui ont bien marché et celles qui parlent de ton métier actuel. Archive le reste.'),
    ];
    const text = buildExtractiveAnswer({ agent: 'carole', message: "mon feed fait fouillis depuis que j'ai changé de couleurs, je garde quoi ?", sources, companions: [] });
    expect(text.split('\n').find((line) => line.startsWith('💡'))).toContain('Garde les publications');
  });

  it('is not quoted beside the steps it announces (blind round 21, routing line 11)', () => {
    const source: RetrievedChunk = {
      chunkId: 'c0',
      documentId: 'import',
      title: 'Importer tes contacts depuis un fichier',
      section: null,
      content:
        "Tu changes d'outil d'e-mailing ou tu récupères une liste : voici comment faire entrer tes contacts dans Brevo sans abîmer ta liste.\n\n" +
        '1. **Vérifie le consentement.** Tu ne peux importer que des personnes qui ont accepté tes e-mails.\n' +
        '2. **Prépare le fichier.** Enregistre au format CSV en UTF-8, sinon les accents deviennent des signes bizarres.\n' +
        '3. **Importe dans Brevo.** Contacts, « Importer des contacts », puis choisis le fichier.\n',
      agentOwner: 'audrey',
      score: 1,
      chunkIndex: 0,
    };
    const text = buildExtractiveAnswer({ agent: 'audrey', message: 'les accents sont tout cassés après mon import csv dans Brevo', sources: [source], companions: [] });
    expect(text).not.toContain('voici comment');
    expect(text).toContain('UTF-8');
  });
});
