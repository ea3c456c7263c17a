import { describe, expect, it } from 'vitest';
import {
  cosineSimilarity,
  fnv1a32,
  HASHING_EMBEDDER_DIMENSIONS,
  HASHING_EMBEDDER_MODEL,
  HashingEmbedder,
  localSimilarityFloor,
} from './hashing-embedder.ts';

const embedder = new HashingEmbedder();
const embedOne = async (text: string) => (await embedder.embed([text])).vectors[0]!;

describe('HashingEmbedder', () => {
  it('has the local model name and 1536 dimensions, and costs nothing', async () => {
    expect(embedder.model).toBe(HASHING_EMBEDDER_MODEL);
    const result = await embedder.embed(['Bonjour', 'Créer un Reel']);
    expect(result.vectors).toHaveLength(2);
    expect(result.vectors[0]).toHaveLength(HASHING_EMBEDDER_DIMENSIONS);
    expect(result.usage).toEqual({ prompt_tokens: 0, completion_tokens: 0, cost_usd: 0 });
  });

  it('is deterministic and L2-normalised', async () => {
    const first = await embedOne('Automatiser mes emails de bienvenue avec Kajabi');
    const second = await embedOne('Automatiser mes emails de bienvenue avec Kajabi');
    expect(first).toEqual(second);
    const norm = Math.sqrt(first.reduce((sum, value) => sum + value * value, 0));
    expect(norm).toBeCloseTo(1, 10);
  });

  it('embeds a text without content words to the zero vector', async () => {
    const vector = await embedOne('  de la, et ?');
    expect(vector.every((value) => value === 0)).toBe(true);
  });

  it('is insensitive to accents, case and inflection', async () => {
    const a = await embedOne('Automatisation des emails');
    const b = await embedOne('AUTOMATISER LES E-MAILS');
    const c = await embedOne('automatisées emails');
    expect(cosineSimilarity(a, c)).toBeGreaterThan(0.6);
    expect(cosineSimilarity(a, b)).toBeGreaterThan(0.3);
  });

  it('ranks a related passage above an unrelated one, both around the local floor', async () => {
    const query = await embedOne('Comment automatiser mes emails de bienvenue avec Kajabi ?');
    const related = await embedOne(
      "Kajabi — Automatisation de bienvenue. Dans Kajabi, crée une automatisation qui envoie un email de bienvenue dès qu'une personne s'inscrit à ton offre gratuite.",
    );
    const unrelated = await embedOne("Pour un Reel, choisis un son tendance et ajoute des sous-titres à l'écran.");
    expect(cosineSimilarity(query, related)).toBeGreaterThan(localSimilarityFloor * 2);
    expect(cosineSimilarity(query, unrelated)).toBeLessThan(localSimilarityFloor);
  });

  it('stops when the signal is aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(embedder.embed(['x'], controller.signal)).rejects.toThrow();
  });

  it('hashes with FNV-1a', () => {
    expect(fnv1a32('')).toBe(0x811c9dc5);
    expect(fnv1a32('a')).toBe(0xe40c292c);
  });
});
