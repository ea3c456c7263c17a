/** French visitor questions of both agents' domains, sent in turn by the end-to-end benchmarks. */
export const BENCH_QUESTIONS = [
  'Comment automatiser mes emails de bienvenue avec Kajabi ?',
  'Aide-moi à créer un reel Instagram qui engage ma communauté',
  'Quel outil pour connecter mon formulaire à mon CRM avec Zapier ?',
  'Comment écrire une légende Instagram avec les bons hashtags ?',
  'Comment construire un tunnel de vente pour mon ebook ?',
] as const;
