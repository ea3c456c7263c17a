import { describe, expect, it } from 'vitest';
import type { RetrievedChunk } from '../capabilities/capabilities.ts';
import { ExtractiveAnswerer } from './extractive-answerer.ts';
import { asksHowTo } from './procedure-answer.ts';

const guide: RetrievedChunk = {
  chunkId: 'chunk-0',
  documentId: 'doc-0',
  title: 'Relier Teachable à ton outil de newsletter avec Make',
  section: null,
  agentOwner: 'audrey',
  score: 0.8,
  content:
    "# Relier Teachable à ton outil de newsletter avec Make\n\nCe guide explique comment inscrire automatiquement chaque nouvel élève Teachable dans ta newsletter.\n\n" +
    "## Ce qu'il te faut\n\n- un compte Teachable avec un cours publié ;\n- un compte Make (la formule gratuite suffit) ;\n- une liste déjà créée dans ton outil de newsletter.\n\n" +
    "## Étapes\n\n1. Connecte-toi à Make et crée un nouveau scénario.\n2. Choisis Teachable comme module de départ, avec l'événement « New Enrollment ».\n" +
    "3. Colle la clé API trouvée dans Teachable, menu Réglages puis Intégrations.\n4. Ajoute ton outil de newsletter comme module d'action.\n" +
    "5. Associe le prénom et l'adresse e-mail de l'élève.\n6. Lance un test avec une inscription fictive, puis active le scénario.",
};
const carousel: RetrievedChunk = {
  chunkId: 'chunk-1',
  documentId: 'doc-1',
  title: 'Guide visuel',
  section: null,
  agentOwner: 'carole',
  score: 0.8,
  content:
    '## Créer un carrousel\n\n1. Pars d\'un modèle au format portrait.\n2. Écris une promesse forte sur la première slide.\n3. Une seule idée par slide.\n4. Termine par un appel à l\'action.\n5. Télécharge en PNG : chaque page devient une image du carrousel.',
};

const answerer = new ExtractiveAnswerer();

describe('procedure answers', () => {
  it('answers "comment relier X à Y" with the procedure from its first step, not the introduction and what to have ready', async () => {
    const { text } = await answerer.answer({ agent: 'audrey', message: 'Comment relier Teachable à ma newsletter avec Make ?', history: [], sources: [guide] }, {});
    for (const step of [1, 2, 3, 4, 5, 6]) expect(text).toMatch(new RegExp(`^${step}\\. `, 'm'));
    expect(text).toContain('« New Enrollment »');
    expect(text).not.toContain('Ce guide explique');
  });

  it('quotes a five-step procedure whole (the fifth step is not lost to the four-passage limit), in Carole\'s voice too', async () => {
    const { text } = await answerer.answer({ agent: 'carole', message: 'Comment faire un carrousel ?', history: [], sources: [carousel] }, {});
    expect(text).toContain('Pars d\'un modèle');
    expect(text).toContain('Télécharge en PNG');
  });

  it('leaves a question that is not a how-to as it was', async () => {
    const { text } = await answerer.answer({ agent: 'audrey', message: 'Où est la clé API de Teachable ?', history: [], sources: [guide] }, {});
    expect(text).toContain('Réglages puis Intégrations');
    expect(text).not.toContain('New Enrollment');
  });

  it('tells how-to questions apart', () => {
    expect(asksHowTo('comment relier kajabi a brevo')).toBe(true);
    expect(asksHowTo('Quelles sont les étapes ?')).toBe(true);
    expect(asksHowTo('How do I connect Zapier?')).toBe(true);
    expect(asksHowTo('Comment ça va ?')).toBe(false);
    expect(asksHowTo('Comment vous contacter ?')).toBe(false);
    expect(asksHowTo('Combien coûte le programme ?')).toBe(false);
  });
});
