import { foldFrench } from './french-text.ts';

/**
 * Visitors sometimes write in English ("how many times a week should i post?"); the knowledge base
 * and its full-text index are French. For the French-lexical parts of retrieval (the full-text
 * side, the local hashing embedder and lexical reranker), an English question is given:
 *
 * - its English function words removed ("the" is also the folded French "thé", and "what kind
 *   of" matches nothing useful);
 * - after each English word of the agency's field, its French equivalents ("week" → "semaine",
 *   "coaching" → "accompagnement", "refund" → "remboursement").
 *
 * Words of both languages ("newsletter", "story", "email") are left as they are; everyday words for
 * the knowledge base's "email" and "spam" ("mes mails", "courriels", "courriers indésirables"), French
 * chat shorthand ("rdv", "tuto", "appli") and "taille" / "format" get the
 * documents' terms added, in either language. A French message
 * is kept as written; the French equivalents of its English field words ("mes followers", "mon
 * funnel") are added after it, except for words French has too ("comment", "page", "post").
 */

/** English function words (none of them a French word once folded, but "the", the tea; "make" is a tool). */
const ENGLISH_FUNCTION_WORDS = new Set(
  `the of and to in is it you your yours that for with my mine i im i'm ive i've do does did doing done how what which
  should would could can cant can't cannot will wont won't when where why who whom this those these there their they
  we our us be been being are was were have has had get got gets from at by or not no so if about into than then
  just any some many much more most very also too all each every kind sort way ways thing things someone something
  anyone anything please thanks hi hello hey oh ok okay keep keeps want wants need needs`.split(/\s+/),
);

/**
 * English words of the agency's field and their French equivalents (folded): the sample knowledge
 * base's topics, and those of coaching knowledge bases at large (blog and search, podcasts,
 * profiles, booked sessions), tried on evaluation/other-knowledge-base.
 */
const FRENCH_EQUIVALENTS: ReadonlyMap<string, string> = new Map(Object.entries({
  // Everyday words (of both languages) for what the knowledge base calls emails and spam, and
  // French chat shorthand for the words documents use.
  rdv: 'rendez vous',
  tuto: 'tutoriel',
  tutos: 'tutoriels',
  appli: 'application',
  applis: 'applications',
  taille: 'format dimensions',
  dimensions: 'taille format',
  mail: 'email',
  mails: 'emails',
  courriel: 'email',
  courriels: 'emails',
  indesirable: 'spam',
  indesirables: 'spams',
  junk: 'spam',
  week: 'semaine',
  weeks: 'semaines',
  weekly: 'semaine',
  day: 'jour',
  days: 'jours',
  daily: 'jour',
  month: 'mois',
  months: 'mois',
  monthly: 'mois',
  time: 'temps',
  times: 'fois',
  often: 'frequence',
  frequency: 'frequence',
  long: 'duree longueur',
  length: 'longueur',
  words: 'mots',
  // Other knowledge bases' fields: blog and search, podcasts, profiles, booked sessions.
  blog: 'blog article',
  article: 'article',
  articles: 'articles',
  seo: 'referencement',
  rank: 'referencement positionner',
  ranking: 'referencement',
  podcast: 'podcast',
  episode: 'episode',
  episodes: 'episodes',
  mic: 'micro',
  microphone: 'micro',
  profile: 'profil',
  headline: 'titre',
  banner: 'banniere',
  picture: 'photo',
  session: 'seance',
  sessions: 'seances',
  appointment: 'rendez vous seance',
  cancel: 'annuler',
  reschedule: 'deplacer reporter',
  booking: 'reservation',
  post: 'publier publication',
  posts: 'publications',
  posting: 'publier publication',
  caption: 'legende',
  captions: 'legendes',
  carousel: 'carrousel',
  carousels: 'carrousels',
  slide: 'slides',
  size: 'taille format',
  comment: 'commentaire',
  comments: 'commentaires',
  followers: 'abonnees',
  follower: 'abonnee',
  shy: 'timide',
  camera: 'camera',
  film: 'filmer',
  filming: 'filmer',
  video: 'video',
  videos: 'videos',
  sound: 'son',
  sounds: 'sons',
  trending: 'tendance',
  subtitles: 'sous titres',
  branding: 'identite visuelle',
  brand: 'marque',
  colors: 'couleurs',
  colours: 'couleurs',
  color: 'couleur',
  font: 'police typographie',
  fonts: 'polices typographies',
  ideas: 'idees',
  idea: 'idee',
  content: 'contenu',
  calendar: 'calendrier editorial',
  schedule: 'programmer calendrier',
  plan: 'planifier',
  welcome: 'bienvenue',
  sequence: 'sequence',
  automate: 'automatiser',
  automatic: 'automatique',
  automatically: 'automatiquement',
  automation: 'automatisation',
  automations: 'automatisations',
  send: 'envoyer',
  sends: 'envoie',
  signs: 'inscrit',
  signup: 'inscription',
  subscribe: 'inscription',
  subscribers: 'abonnees inscrites',
  list: 'liste',
  spam: 'spams',
  deliverability: 'delivrabilite',
  settings: 'reglages parametres',
  domain: 'domaine',
  funnel: 'tunnel de vente',
  sales: 'vente',
  sell: 'vendre',
  selling: 'vendre',
  buy: 'achat acheter',
  buys: 'achete',
  bought: 'achete',
  purchase: 'achat',
  price: 'prix',
  pricing: 'prix tarif',
  cheaper: 'moins cher',
  page: 'page',
  thank: 'remerciement',
  difference: 'difference',
  pick: 'choisir',
  choose: 'choisir',
  tool: 'outil',
  tools: 'outils',
  step: 'etape',
  steps: 'etapes',
  stops: 'arrete',
  broken: 'erreur',
  error: 'erreur',
  webinar: 'webinaire',
  landing: 'page de capture',
  leads: 'prospects',
  optin: 'inscription',
  feed: 'feed',
  replay: 'replay',
  live: 'direct',
  coaching: 'accompagnement',
  program: 'programme accompagnement',
  programme: 'programme',
  course: 'formation',
  courses: 'formations',
  agency: 'agence',
  offer: 'offre',
  offers: 'offres',
  team: 'equipe',
  contact: 'contacter',
  start: 'demarrer commencer',
  begin: 'commencer',
  first: 'premiere',
  members: 'membre',
  member: 'membre',
  area: 'espace',
  password: 'mot de passe',
  forgot: 'oublie',
  login: 'connexion connecter',
  access: 'acces',
  account: 'compte',
  refund: 'remboursement',
  refunds: 'remboursements',
  invoice: 'facture',
  invoices: 'factures',
  payment: 'paiement',
  payments: 'paiements',
  stories: 'stories',
  engage: 'engager',
  engagement: 'engagement',
  reach: 'portee',
  views: 'vues',
}));

/**
 * The question with English function words dropped and French equivalents added after English
 * field words; the question itself when it has no English word.
 */
/**
 * English field words that are also French words ("comment", "content", "page", "post", "live"):
 * in a French message they are read as French, so no equivalent is added for them there.
 */
const ALSO_FRENCH: ReadonlySet<string> = new Set(
  `comment content page plan live long post posts film sales course courses programme program replay video videos camera
  difference contact sequence stories engagement spam list time offer start send first area font team tool error
  article articles podcast episode session sessions blog`.split(/\s+/),
);

export function withFrenchEquivalents(question: string): string {
  const words = foldFrench(question).split(/[^a-z0-9']+/).filter((word) => word !== '');
  const readsAsEnglish = words.filter((word) => ENGLISH_FUNCTION_WORDS.has(word)).length >= 2;
  if (!readsAsEnglish) {
    // A French message with English field words ("mes followers", "mon funnel"): their French
    // equivalents are added after the message, which is kept as written.
    const added = words
      .filter((word) => !ALSO_FRENCH.has(word))
      .map((word) => FRENCH_EQUIVALENTS.get(word))
      .filter((equivalent): equivalent is string => equivalent !== undefined && !words.includes(equivalent));
    return added.length === 0 ? question : `${question} ${[...new Set(added)].join(' ')}`;
  }
  const kept: string[] = [];
  for (const word of words) {
    if (ENGLISH_FUNCTION_WORDS.has(word)) continue;
    kept.push(word);
    const equivalent = FRENCH_EQUIVALENTS.get(word);
    if (equivalent !== undefined && equivalent !== word) kept.push(equivalent);
  }
  return kept.join(' ');
}
