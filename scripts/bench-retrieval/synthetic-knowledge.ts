/**
 * Synthetic knowledge for the retrieval benchmark: deterministic (seeded), 1536-dimension unit
 * vectors and French-looking chunk texts.
 *
 * Vectors: `clustered` (default) draws each chunk around one of `topics` random centroids
 * (centroid + Gaussian noise, normalised), like real embeddings of a knowledge base about a few
 * hundred subjects; queries are drawn around the same centroids. `uniform` draws every vector
 * and query uniformly on the sphere: the worst case for HNSW (no structure at all).
 * Texts: see `topicWords`: each topic has its own words, the rest is a shared French vocabulary
 * drawn with a Zipf law, so that full-text matches are skewed as in a real knowledge base.
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

const zipfNormaliser = vocabulary.reduce((sum, _word, index) => sum + 1 / (index + 1), 0);

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

  /**
   * Words only the topic uses (8 pseudo-words per topic, like the product names and jargon of one
   * subject): a chunk draws about a third of its words from its topic, the rest from the shared
   * vocabulary with a Zipf law (rank r has weight 1/r). A query has three words of its topic and
   * one shared word, so the full text matches the topic's chunks plus the chunks that happen to
   * use the shared word, not the whole base.
   */
  topicWords(topic: number): string[] {
    const syllables = ['ba', 'ce', 'di', 'fo', 'gu', 'la', 'me', 'ni', 'po', 'ru', 'sa', 'te', 'vi', 'zo', 'mar', 'lin', 'tor', 'pel'];
    const words: string[] = [];
    for (let index = 0; index < 8; index += 1) {
      let value = topic * 8 + index + 1;
      let word = '';
      while (value > 0) {
        word += syllables[value % syllables.length];
        value = Math.floor(value / syllables.length);
      }
      words.push(`${word}tique`);
    }
    return words;
  }

  private sharedWord(zipf: boolean): string {
    if (!zipf) return vocabulary[Math.floor(this.random() * vocabulary.length)]!;
    // Inverse transform sampling of a Zipf law (s = 1) over the shared vocabulary.
    const target = this.random() * zipfNormaliser;
    let sum = 0;
    for (let rank = 1; rank <= vocabulary.length; rank += 1) {
      sum += 1 / rank;
      if (sum >= target) return vocabulary[rank - 1]!;
    }
    return vocabulary[vocabulary.length - 1]!;
  }

  chunkText(topic: number): string {
    const own = this.topicWords(topic);
    const words: string[] = [];
    for (let index = 0; index < 70; index += 1) {
      words.push(this.random() < 0.35 ? own[Math.floor(this.random() * own.length)]! : this.sharedWord(true));
    }
    return `${words.join(' ')}.`;
  }

  queryText(topic: number): string {
    const own = this.topicWords(topic);
    const picks = [0, 1, 2].map(() => own[Math.floor(this.random() * own.length)]!);
    return `Comment faire pour ${picks.join(' ')} ${this.sharedWord(false)} ?`;
  }
}
