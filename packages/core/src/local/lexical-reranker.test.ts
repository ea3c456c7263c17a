import { describe, expect, it } from 'vitest';
import type { RetrievedChunk } from '../capabilities/capabilities.ts';
import { LEXICAL_RERANKER_MODEL, LexicalReranker } from './lexical-reranker.ts';

const chunk = (id: string, title: string, content: string, section: string | null = null): RetrievedChunk => ({
  chunkId: id,
  documentId: `doc-${id}`,
  title,
  section,
  content,
  agentOwner: 'shared',
  score: 0.5,
});

const reranker = new LexicalReranker();

describe('LexicalReranker', () => {
  const chunks = [
    chunk('a', 'Tenir une newsletter', 'Choisis un jour fixe pour ta lettre hebdomadaire.'),
    chunk('b', 'Créer un Reel', 'Un son tendance aide la portée de ton Reel. Ajoute des sous-titres.'),
    chunk('c', 'Accès à l’espace membre', 'En cas de mot de passe oublié, utilise le lien de réinitialisation.'),
  ];

  it('puts the chunk that covers the query first, with scores in [0,1]', async () => {
    const result = await reranker.rerank('Quel son tendance pour mes reels ?', chunks, 3);
    expect(result.model).toBe(LEXICAL_RERANKER_MODEL);
    expect(result.chunks.map((c) => c.chunkId)[0]).toBe('b');
    for (const c of result.chunks) {
      expect(c.score).toBeGreaterThanOrEqual(0);
      expect(c.score).toBeLessThanOrEqual(1);
    }
    expect(result.usage.cost_usd).toBe(0);
  });

  it('folds accents and stems: "mots de passe oubliés" finds "mot de passe oublié"', async () => {
    const result = await reranker.rerank('MOTS DE PASSE OUBLIES', chunks, 1);
    expect(result.chunks).toHaveLength(1);
    expect(result.chunks[0]!.chunkId).toBe('c');
  });

  it('does not take a word for another that the suffix rules would give its stem, nor the noun "son" for the possessive', async () => {
    const cases: Array<[question: string, right: RetrievedChunk, lookalike: RetrievedChunk]> = [
      ['Quel est le prix du coaching ?', chunk('r', 'Tarifs', 'Prix du coaching individuel : 90 € la séance.'), chunk('l', 'Coaching', 'Une fois le rendez-vous pris, le coaching commence.')],
      ['Vous gardez mes données combien de temps ?', chunk('r', 'Confidentialité', 'Vos données sont conservées trois ans.'), chunk('l', 'Portfolio', 'Un portfolio qui donne envie, gardez-le simple.')],
      ['Quelle formation choisir ?', chunk('r', 'Nos parcours', 'La formation Kajabi dure six semaines.'), chunk('l', 'Nos parcours', 'Les conseils arrivent sous forme de fiches.')],
      ['Combien de publications par semaine ?', chunk('r', 'Rythme', 'Publie trois fois par semaine.'), chunk('l', 'Rythme', 'Connais ton public cible chaque semaine.')],
      ['Quel son mettre sur mes Reels ?', chunk('r', 'Créer des Reels', 'Choisis un son tendance dans la bibliothèque audio de tes Reels.'), chunk('l', 'Créer des Reels', 'Les Reels restent le format qui fait découvrir son compte.')],
      ['Je veux changer mon abonnement', chunk('r', 'Offres', 'Tu peux changer d’offre ou d’abonnement à tout moment.'), chunk('l', 'Abonnés', 'Changer de niche fait perdre des abonnés.')],
    ];
    for (const [question, right, lookalike] of cases) {
      const result = await reranker.rerank(question, [lookalike, right], 2);
      expect(result.chunks[0]!.chunkId, question).toBe('r');
    }
  });

  it('boosts title matches over body matches', async () => {
    const titled = chunk('t', 'Newsletter', 'Un texte sur la régularité.');
    const body = chunk('u', 'Régularité', 'Un texte qui parle de newsletter une seule fois.');
    const result = await reranker.rerank('newsletter', [body, titled], 2);
    expect(result.chunks.map((c) => c.chunkId)).toEqual(['t', 'u']);
  });

  it('keeps the retrieval order for ties and respects topN', async () => {
    const result = await reranker.rerank('astrologie quantique', chunks, 2);
    expect(result.chunks.map((c) => c.chunkId)).toEqual(['a', 'b']);
    // No word in common: only the retrieval floor, the same for equal retrieval scores.
    expect(new Set(result.chunks.map((c) => c.score)).size).toBe(1);
    expect((await reranker.rerank('reel', [], 3)).chunks).toEqual([]);
  });

  it('keeps the retriever’s confident first when the question’s words are weak everywhere', async () => {
    // The retriever found the Pinterest guide by meaning; the question's only shared word, "arriver",
    // is in half the candidates, so it says little, and the title match would still win without the floor.
    const pinterest = { ...chunk('p', 'Pinterest pour les praticiennes', 'Les premiers résultats se voient en trois à six mois.'), score: 0.9 };
    const emails = { ...chunk('e', 'Délivrabilité : faire arriver ses emails', 'Authentifie ton domaine avec SPF et DKIM.'), score: 0.3 };
    const others = Array.from({ length: 8 }, (_, index) => ({
      ...chunk(`o${index}`, `Guide ${index}`, index % 2 === 0 ? `Pour arriver à ton objectif numéro ${index}, avance pas à pas.` : `Un conseil pratique numéro ${index}.`),
      score: 0.2,
    }));
    const result = await reranker.rerank('Au bout de combien de temps on voit des visites arriver ?', [emails, pinterest, ...others], 2);
    expect(result.chunks.map((c) => c.chunkId)).toEqual(['p', 'e']);
  });

  it('does not match the question’s framing ("combien de temps", "je veux")', async () => {
    const replay = chunk('r', 'Le replay du webinaire', 'Laisse le replay disponible 48 heures.');
    const data = chunk('d', 'Tes données', 'Combien de temps tu les gardes dépend de la loi. Je veux dire : trois ans au plus.');
    const result = await reranker.rerank('Combien de temps je veux laisser le replay ?', [data, replay], 2);
    expect(result.chunks.map((c) => c.chunkId)).toEqual(['r', 'd']);
  });

  it('of a question asking how long, counts the words of time only in a chunk about what it asks', async () => {
    const access = chunk('a', 'Accéder à son espace membre', 'Les replays restent disponibles 12 mois. Les ressources restent accessibles 6 mois.', "Durée d'accès aux contenus");
    const reel = chunk('r', 'Créer un Reel Instagram', 'Filme à la verticale. Vise 15 à 30 secondes.', 'Le tournage');
    const other = chunk('o', 'Organiser son calendrier', 'Prévois une heure par semaine pour planifier. Un Reel par semaine suffit.');
    // Reels are named everywhere, durations in one page only: "durée" alone outweighed "reel".
    const cover = chunk('c', 'La couverture de tes Reels', 'Choisis une couverture lisible pour chaque Reel de ta grille.');
    const sound = chunk('s', 'Les sons des Reels', 'Un son tendance aide la portée de tes Reels.');
    for (const question of ['quelle durée pour un reel', 'Combien de temps doit durer un Reel ?', 'un reel doit faire combien de minutes ?']) {
      const order = (await reranker.rerank(question, [access, other, cover, sound, reel], 5)).chunks.map((c) => c.chunkId);
      // The access page comes after every chunk about Reels (the answerer picks the one stating a length among them).
      expect(order.indexOf('a'), `${question}: ${order.join(' ')}`).toBeGreaterThan(Math.max(order.indexOf('r'), order.indexOf('c'), order.indexOf('s')));
    }
    // The duration of access itself is asked: that page is about it.
    expect((await reranker.rerank("Quelle est la durée d'accès aux replays ?", [reel, other, access], 3)).chunks[0]!.chunkId).toBe('a');
    // A subject no candidate holds ("giveaway" only in a document's tags) tells no chunk apart: "durée" still finds the row.
    const contest = chunk('g', 'Concours Instagram', '| Côté | Durée conseillée |\n|---|---|\n| Publication | 5 à 7 jours |');
    expect((await reranker.rerank('combien de jours doit durer un giveaway', [access, other, contest], 3)).chunks[0]!.chunkId).toBe('g');
    // Not a question asking how long: "durée" is a word like any other.
    expect((await reranker.rerank('comment réduire la durée de mes reels', [access, reel], 2)).chunks.map((c) => c.score > 0)).toEqual([true, true]);
  });
});
