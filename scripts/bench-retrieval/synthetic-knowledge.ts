/**
 * Synthetic knowledge for the retrieval benchmark: deterministic (seeded), 1536-dimension unit
 * vectors and French-looking chunk texts.
 *
 * Vectors: `clustered` (default) draws each chunk around one of `topics` random centroids
 * (centroid + Gaussian noise, normalised), like real embeddings of a knowledge base about a few
 * hundred subjects; queries are drawn around the same centroids. `uniform` draws every vector
 * and query uniformly on the sphere: the worst case for HNSW (no structure at all).
 * Texts: words drawn from a French vocabulary with a Zipf-like law; each topic favours its own
 * words so that full-text search has realistic, skewed matches.
 */

export type VectorDistribution = 'clustered' | 'uniform';

export const SYNTHETIC_DIMENSIONS = 1536;
export const SYNTHETIC_EMBEDDING_MODEL = 'bench-synthetic-1536';

const vocabulary = `automatisation email newsletter séquence bienvenue tunnel vente ebook webinaire replay kajabi systeme zapier make
crm tag formulaire inscription déclencheur action scénario paiement stripe facture abonnement lancement offre page commande
remerciement bonus atelier accompagnement cliente praticienne coach séance rendez-vous calendly questionnaire rappel relance
instagram reel story stories carrousel légende hashtag contenu publication calendrier éditorial pilier coulisses communauté
abonnée commentaire partage enregistrement algorithme portée tendance son musique montage sous-titres accroche caméra vidéo
lumière canva logo couleur police charte identité visuelle modèle kit marque profil bio feed harmonie moodboard émotion
délivrabilité spam domaine dkim spf dmarc ouverture clic désinscription liste contact inactif réengagement objet expéditeur
espace membre connexion mot passe accès formation ressource module remboursement prélèvement échéancier conditions données
sommeil stress respiration méditation naturopathie sophrologie yoga massage bien-être énergie routine rituel cycle fatigue`
  .split(/\s+/)
  .filter((word) => word !== '');

/** Mulberry32: a small, fast, seeded PRNG (uniform in [0, 1)). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function gaussian(random: () => number): number {
  const u = Math.max(random(), Number.EPSILON);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

function normalise(vector: Float64Array): number[] {
  let norm = 0;
  for (const value of vector) norm += value * value;
  norm = Math.sqrt(norm) || 1;
  return Array.from(vector, (value) => Math.round((value / norm) * 1e6) / 1e6);
}

export interface SyntheticKnowledgeOptions {
  seed?: number;
  distribution?: VectorDistribution;
  topics?: number;
  /** Standard deviation of the noise around a centroid, per dimension, relative to 1/sqrt(dimensions). */
  spread?: number;
}

export class SyntheticKnowledge {
  private readonly random: () => number;
  private readonly centroids: Float64Array[];
  private readonly spread: number;
  readonly distribution: VectorDistribution;

  constructor(options: SyntheticKnowledgeOptions = {}) {
    this.random = seededRandom(options.seed ?? 42);
    this.distribution = options.distribution ?? 'clustered';
    const topics = options.topics ?? 200;
    this.spread = options.spread ?? 1.2;
    this.centroids = Array.from({ length: topics }, () => {
      const centroid = new Float64Array(SYNTHETIC_DIMENSIONS);
      for (let index = 0; index < SYNTHETIC_DIMENSIONS; index += 1) centroid[index] = gaussian(this.random);
      const unit = normalise(centroid);
      return Float64Array.from(unit);
    });
  }

  get topicCount(): number {
    return this.centroids.length;
  }

  randomTopic(): number {
    return Math.floor(this.random() * this.centroids.length);
  }

  /** A unit vector: around the topic's centroid (clustered) or anywhere (uniform). */
  vector(topic: number): number[] {
    const vector = new Float64Array(SYNTHETIC_DIMENSIONS);
    const noise = this.spread / Math.sqrt(SYNTHETIC_DIMENSIONS);
    const centroid = this.centroids[topic % this.centroids.length]!;
    for (let index = 0; index < SYNTHETIC_DIMENSIONS; index += 1) {
      vector[index] = this.distribution === 'uniform' ? gaussian(this.random) : centroid[index]! + noise * gaussian(this.random);
    }
    return normalise(vector);
  }

  /** `count` words: half from the topic's own slice of the vocabulary, half Zipf-distributed over all of it. */
  words(topic: number, count: number): string[] {
    const words: string[] = [];
    const own = (topic * 7) % vocabulary.length;
    for (let index = 0; index < count; index += 1) {
      if (this.random() < 0.5) words.push(vocabulary[(own + Math.floor(this.random() * 6)) % vocabulary.length]!);
      else words.push(vocabulary[Math.min(vocabulary.length - 1, Math.floor(vocabulary.length * this.random() ** 2.5))]!);
    }
    return words;
  }

  chunkText(topic: number): string {
    return `${this.words(topic, 70).join(' ')}.`;
  }

  queryText(topic: number): string {
    return `Comment faire pour ${this.words(topic, 5).join(' ')} ?`;
  }
}
