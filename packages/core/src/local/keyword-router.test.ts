import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { HistoryMessage } from '../capabilities/capabilities.ts';
import type { RouteTarget } from '../contract/chat-schemas.ts';
import { KeywordRouter } from './keyword-router.ts';

const router = new KeywordRouter();
const route = (message: string, history: HistoryMessage[] = []) => router.route({ message, history });

/** Our own cases, written independently of the development file. */
const ownCases: Array<[string, RouteTarget]> = [
  ['Comment automatiser mes emails de bienvenue avec Kajabi?', 'audrey'],
  ['Je voudrais connecter Systeme.io à mon CRM', 'audrey'],
  ['Make ou Zapier pour relier mon formulaire à Google Sheets ?', 'audrey'],
  ['Mes newsletters arrivent dans les spams, que faire ?', 'audrey'],
  ['Comment configurer SPF et DKIM pour mon nom de domaine ?', 'audrey'],
  ['Quelle séquence de relance après mon webinaire gratuit ?', 'audrey'],
  ['Comment créer une page de capture pour mon lead magnet ?', 'audrey'],
  ['Je veux vendre mon programme en ligne avec un funnel', 'audrey'],
  ['Comment relancer les paniers abandonnés sur ma page de vente ?', 'audrey'],
  ['Peux-tu m’aider à segmenter ma liste email par intérêt ?', 'audrey'],
  ['Mon taux d’ouverture a chuté ce mois-ci', 'audrey'],
  ['Comment envoyer un rappel automatique avant chaque rendez-vous ?', 'audrey'],
  ['Aide-moi à créer un reel Instagram qui engage ma communauté', 'carole'],
  ['Quelles couleurs choisir pour mon identité visuelle de naturopathe ?', 'carole'],
  ['Comment faire des stories qui donnent envie de répondre ?', 'carole'],
  ['Je manque d’idées de contenu pour ce mois-ci', 'carole'],
  ['Combien de hashtags mettre sous une publication ?', 'carole'],
  ['Comment rédiger une légende qui donne envie de commenter ?', 'carole'],
  ['Je veux un template Canva pour mes carrousels', 'carole'],
  ['Comment organiser mon calendrier éditorial sur un mois ?', 'carole'],
  ['Ma bio Instagram est-elle assez claire ?', 'carole'],
  ['Comment gagner des abonnés sur TikTok en tant que sophrologue ?', 'carole'],
  ['Je suis timide, comment me filmer face caméra ?', 'carole'],
  ['Quelle police d’écriture pour mon logo ?', 'carole'],
  ['Je veux être remboursée de ma formation', 'escalate'],
  ['On m’a prélevé deux fois ce mois-ci !', 'escalate'],
  ['Mon compte est bloqué, je ne peux plus me connecter', 'escalate'],
  ['Je souhaite que vous supprimiez mes données personnelles (RGPD)', 'escalate'],
  ['C’est une arnaque, je vais porter plainte', 'escalate'],
  ['J’aimerais parler à un humain s’il vous plaît', 'escalate'],
  ['Est-ce que quelqu’un de l’équipe peut me rappeler demain ?', 'escalate'],
  ['Je voudrais résilier mon abonnement', 'escalate'],
  ['Il y a une erreur sur ma facture du mois dernier', 'escalate'],
  ['Problème de facturation sur mon accompagnement', 'escalate'],
  ['J’ai payé mais je n’ai toujours pas accès à la formation', 'escalate'],
  ['Je suis vraiment déçue, rien ne marche depuis une semaine', 'escalate'],
  ['Votre numéro de téléphone svp', 'escalate'],
  ['Ma carte a été refusée au moment de payer', 'escalate'],
];

describe('KeywordRouter on our own cases', () => {
  it.each(ownCases)('%s -> %s', async (message, expected) => {
    const decision = await route(message);
    expect(decision.agent).toBe(expected);
    expect(decision.method).toBe('local');
    expect(decision.confidence).toBeGreaterThanOrEqual(0.4);
    expect(decision.confidence).toBeLessThanOrEqual(1);
    expect(decision.usage.cost_usd).toBe(0);
  });

  it('routes every escalation of our cases (recall 100%)', async () => {
    const escalations = ownCases.filter(([, agent]) => agent === 'escalate');
    const decisions = await Promise.all(escalations.map(([message]) => route(message)));
    expect(decisions.filter((decision) => decision.agent === 'escalate')).toHaveLength(escalations.length);
  });
});

/** The agency's development set, copied into the repository (evaluation/development-set/). */
const developmentSetUrl = new URL('../evaluation/development-set/routing_dev.jsonl', import.meta.url);
function readDevelopmentSet(): Array<{ q: string; agent: RouteTarget }> {
  return readFileSync(developmentSetUrl, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { q: string; agent: RouteTarget });
}

describe('KeywordRouter on the development set', () => {
  const lines = readDevelopmentSet();

  it('routes every case of it (24), escalations included', async () => {
    expect(lines.length).toBe(24);
    const misrouted: string[] = [];
    for (const { q, agent } of lines) {
      const decision = await route(q);
      if (decision.agent !== agent) misrouted.push(`${q} -> ${decision.agent}`);
    }
    expect(misrouted).toEqual([]);
  });
});

describe('KeywordRouter with conversation context', () => {
  const afterCarole: HistoryMessage[] = [
    { role: 'user', content: 'Comment faire un reel ?', agent: null },
    { role: 'assistant', content: 'Voici mes idées…', agent: 'carole' },
  ];
  const afterAudrey: HistoryMessage[] = [
    { role: 'user', content: 'Comment créer mon tunnel de vente ?', agent: null },
    { role: 'assistant', content: 'Étape 1…', agent: 'audrey' },
  ];

  it.each(['ok et ensuite ?', 'merci, et comment je fais ?', "d'accord, et combien de fois par semaine ?"])(
    'a short follow-up without signal stays with the last agent: %s',
    async (message) => {
      expect(await route(message, afterAudrey)).toMatchObject({ agent: 'audrey', method: 'context' });
      expect(await route(message, afterCarole)).toMatchObject({ agent: 'carole', method: 'context' });
    },
  );

  it('a follow-up naming no topic of its own stays with the agent whatever its one word calls to mind: "et le prix ?"', async () => {
    const afterCaroleWorkshop: HistoryMessage[] = [
      { role: 'user', content: "c'est quoi l'atelier contenu ? c'est quand ?", agent: null },
      { role: 'assistant', content: 'Un atelier collectif de 2 heures en visio…', agent: 'carole' },
    ];
    for (const message of ['et le prix ?', 'ça coûte combien ?', 'et ça dure combien de temps ?']) {
      expect(await route(message, afterCaroleWorkshop), message).toMatchObject({ agent: 'carole', method: 'context' });
    }
    // A topic of its own still switches.
    expect((await route('et pour automatiser mes emails avec Zapier ?', afterCaroleWorkshop)).agent).toBe('audrey');
  });

  it('a French verb spelt like an English keyword is no signal: "se font", "content(e)"', async () => {
    expect(await route('les prélèvements se font quand ?', afterAudrey)).toMatchObject({ agent: 'audrey', method: 'context' });
    expect(await route('je suis contente, ça marche ! et les relances se font comment ?', afterAudrey)).toMatchObject({ agent: 'audrey' });
  });

  it('"et pour les stories ?" after Carole stays with Carole', async () => {
    expect((await route('et pour les stories ?', afterCarole)).agent).toBe('carole');
  });

  it('a strong signal for the other agent switches agent', async () => {
    expect(await route('Et comment automatiser mes emails avec Zapier ?', afterCarole)).toMatchObject({
      agent: 'audrey',
      method: 'local',
    });
    expect((await route('Et pour mon feed Instagram ?', afterAudrey)).agent).toBe('carole');
  });

  it('an escalation wins over the context', async () => {
    expect((await route('ok, mais je veux un remboursement', afterCarole)).agent).toBe('escalate');
  });

  it('no signal and no history: a plausible agent with low confidence', async () => {
    const decision = await route('Bonjour, je me pose une question');
    expect(['audrey', 'carole']).toContain(decision.agent);
    expect(decision.confidence).toBeLessThan(0.4);
  });

  it('an escalation decision names its category, as data', async () => {
    const decision = await route('Je demande un remboursement');
    expect(decision).toMatchObject({ kind: 'escalate', agent: 'escalate', category: 'billing' });
    expect(decision.reasoning).not.toMatch(/\[escalade/);
  });

  it('honours an aborted signal', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(router.route({ message: 'reel', history: [] }, controller.signal)).rejects.toThrow();
  });
});

describe('KeywordRouter precision on near-misses', () => {
  it.each<[string, RouteTarget]>([
    ['Comment rappeler automatiquement leur rendez-vous à mes clientes ?', 'audrey'],
    ['Comment proposer le paiement en plusieurs fois sur Systeme.io ?', 'audrey'],
    ["Comment automatiser l'envoi de mes factures ?", 'audrey'],
    // A phrase keyword whose words are spread over the message is not that phrase ("à la une").
    ['mon zap zapier plante a la 2eme etape, une idee ?', 'audrey'],
    ['Comment écrire un texte court et percutant pour mon post ?', 'carole'],
    // English keywords are matched as written: "payé" is not "payment".
    ["J'ai payé une pub facebook et rien ne se passe, pourquoi ?", 'carole'],
    // "abonnée" (a follower) is not "abonnement" (a subscription): they share a stem.
    ['Comment répondre à une abonnée mécontente en commentaire ?', 'carole'],
    // An online shop is sales tooling, whatever verb creates it ("créer" is also Carole's "création").
    ['Comment je crée une boutique Shopify ?', 'audrey'],
    ['Je vends mes bougies sur Etsy, comment relier les commandes à mon tableur ?', 'audrey'],
  ])('%s -> %s', async (message, expected) => {
    expect((await route(message)).agent).toBe(expected);
  });
});

describe('KeywordRouter on our extra cases (routing-extra-cases.jsonl, not in the development file)', () => {
  const extra = readFileSync(new URL('./routing-extra-cases.jsonl', import.meta.url), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { q: string; agent: RouteTarget });
  const development = new Set(readDevelopmentSet().map((testCase) => testCase.q));

  it('has at least 30 cases, none taken from the development file', () => {
    expect(extra.length).toBeGreaterThanOrEqual(30);
    expect(extra.filter((testCase) => development.has(testCase.q))).toEqual([]);
  });

  it('reaches at least 90% accuracy and 95% escalate recall', () => {
    const decisions = extra.map((testCase) => ({ ...testCase, predicted: router.decide({ message: testCase.q, history: [] }).agent }));
    const accuracy = decisions.filter((decision) => decision.predicted === decision.agent).length / decisions.length;
    const escalations = decisions.filter((decision) => decision.agent === 'escalate');
    const recall = escalations.filter((decision) => decision.predicted === 'escalate').length / escalations.length;
    expect(accuracy).toBeGreaterThanOrEqual(0.9);
    expect(recall).toBeGreaterThanOrEqual(0.95);
  });

  it('escalates out-of-scope requests as such', () => {
    expect(router.decide({ message: "Pouvez-vous m'aider à remplir ma déclaration d'impôts ?", history: [] })).toMatchObject({
      kind: 'escalate',
      category: 'out_of_scope',
    });
  });
});

describe('KeywordRouter follow-up patterns', () => {
  const turn = (question: string, agent: 'audrey' | 'carole'): HistoryMessage[] => [
    { role: 'user', content: question, agent: null },
    { role: 'assistant', content: 'Voici trois étapes : 1. … 2. … 3. …', agent },
  ];
  const reels = turn('Comment faire un reel qui engage ?', 'carole');
  const funnel = turn('Comment construire mon tunnel de vente ?', 'audrey');

  it.each<[string, HistoryMessage[], RouteTarget]>([
    ['et pour les stories ?', reels, 'carole'],
    ['ok et ensuite ?', funnel, 'audrey'],
    ['ok et ensuite ?', reels, 'carole'],
    ['et sur Kajabi ?', funnel, 'audrey'],
    ['merci ! et combien de temps ça prend ?', funnel, 'audrey'],
    ['merci ! et combien de temps ça prend ?', reels, 'carole'],
    ['tu peux détailler le point 2 ?', funnel, 'audrey'],
    ['tu peux détailler le point 2 ?', reels, 'carole'],
    ['Je le mets où exactement ?', reels, 'carole'],
    ['Et si je n’ai pas encore de site internet, je fais comment pour la suite ?', funnel, 'audrey'],
    ['pareil pour les carrousels ?', reels, 'carole'],
  ])('%s stays with the conversation (-> %s)', (message, history, expected) => {
    const decision = router.decide({ message, history });
    expect(decision.agent).toBe(expected);
    expect(decision.confidence).toBeGreaterThanOrEqual(0.6);
  });

  it('a topic switch still switches, both ways', () => {
    expect(router.decide({ message: 'Et comment je relie mon formulaire à Zapier ?', history: reels }).agent).toBe('audrey');
    expect(router.decide({ message: 'Autre chose : quelles couleurs pour mon identité visuelle ?', history: funnel }).agent).toBe('carole');
    expect(router.decide({ message: 'et sur Kajabi ?', history: reels }).agent).toBe('audrey');
  });

  it('an escalation interrupts any conversation', () => {
    expect(router.decide({ message: 'merci, mais au fait on m’a prélevé deux fois', history: funnel }).agent).toBe('escalate');
  });
});

describe('KeywordRouter on ambiguous messages', () => {
  it('a greeting alone is small talk: answered in a persona (agents/small-talk.ts), sure of it', () => {
    expect(router.decide({ message: 'Bonjour', history: [] })).toMatchObject({ kind: 'clarify', agent: 'audrey', method: 'local' });
    expect(router.decide({ message: 'Bonjour', history: [] }).confidence).toBeGreaterThanOrEqual(0.9);
  });

  it.each(['Salut, j’ai une question', 'Tu peux m’aider ?', 'Je ne sais pas par où commencer'])(
    '%s -> a clarifying question in a persona, not an escalation',
    (message) => {
      const decision = router.decide({ message, history: [] });
      expect(['audrey', 'carole']).toContain(decision.agent);
      expect(decision.kind).toBe('clarify');
      expect(decision.reasoning).not.toContain('[clarification]');
      expect(decision.confidence).toBeLessThan(0.6);
    },
  );

  it('a routed message is never a clarification', () => {
    expect(router.decide({ message: 'Comment faire un reel ?', history: [] }).kind).toBe('answer');
  });
});
