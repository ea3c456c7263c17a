import { describe, expect, it } from 'vitest';
import type { RetrievedChunk } from '../capabilities/capabilities.ts';
import { retrievedChunk } from '../testing/retrieved-chunk.ts';
import { buildExtractiveAnswer } from './extractive-answerer.ts';
import { agentsNamedBy } from './keyword-router.ts';

const chunk = (title: string, content: string, agentOwner: RetrievedChunk['agentOwner'], score: number) => retrievedChunk({ title, content, agentOwner, score, chunkIndex: 0 });

const joining = chunk(
  'Rejoindre un accompagnement',
  '1. Réserve un appel découverte gratuit de 20 minutes sur le site.\n' +
    "2. Pendant l'appel, la coach vérifie que l'offre correspond à ton projet.\n" +
    "3. Tu reçois le contrat dans les 24 heures qui suivent l'appel.\n" +
    '4. Tu règles le premier paiement et tu reçois tes accès.',
  'shared',
  0.45,
);
const brokenZap = chunk(
  'Relier ses outils',
  "## Quand une automatisation s'arrête\n\n" +
    "1. Ouvre l'historique pour voir l'étape en erreur.\n" +
    '2. Reconnecte le compte : la connexion expire après un changement de mot de passe.\n' +
    '3. Vérifie ton quota de tâches du mois.\n' +
    "4. Relance l'exécution échouée.",
  'audrey',
  0.18,
);

describe('buildExtractiveAnswer, a question naming one agent’s topic', () => {
  it('answers from the best page, a shared one, not from that agent’s own weaker page', () => {
    const message = "Comment se passe l'appel découverte ?";
    expect(agentsNamedBy(message)).toEqual(['audrey']);
    const text = buildExtractiveAnswer({ agent: 'audrey', message, sources: [joining, brokenZap] });
    expect(text).toContain('1. Réserve un appel découverte gratuit de 20 minutes sur le site.');
    expect(text).not.toContain('Reconnecte le compte');
  });
});
