import type { RetrievedChunk } from '../../capabilities/capabilities.ts';

/**
 * Sources of the offline answerer's tests (extractive-answerer*.test.ts): a chunk of Audrey's
 * ranked `rank` (ids and score follow from it), the Kajabi welcome emails guide and the Reel guide.
 */
export const source = (title: string, content: string, rank = 0): RetrievedChunk => ({
  chunkId: `chunk-${rank}`,
  documentId: `doc-${rank}`,
  title,
  section: null,
  content,
  agentOwner: 'audrey',
  score: 0.9 - rank * 0.1,
});

export const kajabi = source(
  'Automatiser ses emails de bienvenue avec Kajabi',
  "Dans Kajabi, ouvre l'onglet Marketing puis Automatisations. Crée une automatisation déclenchée par l'inscription à ton offre gratuite. " +
    "Ajoute un premier email de bienvenue envoyé immédiatement, qui rappelle ce que la personne vient de recevoir. " +
    'Programme ensuite deux emails à J+2 et J+5 pour partager ton histoire et une ressource utile. Pense à tester la séquence avec ta propre adresse.',
);
export const reel = source(
  'Créer un Reel qui engage',
  "Commence ton Reel par une accroche forte dans les deux premières secondes. Montre ton visage et parle à une personne précise de ta communauté. " +
    'Termine par une question simple pour inviter les commentaires. Ajoute des sous-titres, beaucoup de personnes regardent sans le son.',
  1,
);
