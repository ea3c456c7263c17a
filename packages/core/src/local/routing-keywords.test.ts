import { describe, expect, it } from 'vitest';
import { KeywordRouter, scoreMessage } from './keyword-router.ts';

const router = new KeywordRouter();
const agentOf = (message: string) => router.decide({ message, history: [] }).agent;

// Blind round 7: topics of each expert the keywords did not name.
describe('routing keywords: influencer marketing (Carole), DM automation and leads (Audrey)', () => {
  it.each([
    ['Comment contacter des influenceuses pour un partenariat ?', 'carole'],
    ['Quels influenceurs contacter pour faire connaître mon programme ?', 'carole'],
    ['How do I find influencers for my brand?', 'carole'],
    ['Une collaboration UGC, ça vaut le coup pour une coach ?', 'carole'],
    ['jveux automatiser mes dm insta avec manychat', 'audrey'],
    ['Un chatbot pour répondre à mes prospects, tu conseilles lequel ?', 'audrey'],
    ['comment créer un quiz pour qualifier mes leads', 'audrey'],
    ['how do I capture more leads from my website?', 'audrey'],
  ])('%s -> %s', (message, agent) => {
    expect(agentOf(message)).toBe(agent);
  });

  it.each([
    // Near-misses that stay with Carole: DMs and comments without an automation tool.
    ['Comment je fais pour que les gens me parlent en DM sur Insta ?', 'carole'],
    ['Comment répondre aux commentaires de mes Reels ?', 'carole'],
    ['Comment faire un Reel qui donne envie de m’écrire en DM ?', 'carole'],
    // And with Audrey: an email sequence that mentions a collaboration.
    ['Quelle séquence email envoyer après une collaboration avec une marque ?', 'audrey'],
  ])('unchanged: %s -> %s', (message, agent) => {
    expect(agentOf(message)).toBe(agent);
  });
});

// Blind round 8: scheduling social posts and showing oneself on camera are Carole's.
describe('routing keywords: post schedulers, camera shyness and photo apps (Carole)', () => {
  it.each([
    ['Metricool ou Hootsuite ?', 'carole'],
    ["comment programmer mes posts à l'avance", 'carole'],
    ['je veux planifier mes publications du mois', 'carole'],
    ['Je veux annuler le post programmé de demain, je fais comment sur meta business suite ?', 'carole'],
    ["j'ose pas me filmer", 'carole'],
    ['faut-il montrer mon visage sur mon compte ?', 'carole'],
    ['comment retoucher mes photos sur Lightroom', 'carole'],
  ])('%s -> %s', (message, agent) => {
    expect(agentOf(message)).toBe(agent);
  });

  it.each([
    // Scheduling emails or a webinar, selling a face treatment, a link-in-bio shop: Audrey's.
    ['Comment programmer mes emails de la semaine ?', 'audrey'],
    ['Comment programmer ma séquence de bienvenue dans Systeme.io ?', 'audrey'],
    ['Je vends des soins du visage, comment faire ma page de vente ?', 'audrey'],
    ['Linktree ou Stan Store pour vendre mon ebook ?', 'audrey'],
    ['Beacons pour vendre mes séances ?', 'audrey'],
  ])('unchanged: %s -> %s', (message, agent) => {
    expect(agentOf(message)).toBe(agent);
  });
});

describe('routing keywords: a word counts once', () => {
  it.each([
    ['et pour les vidéos ?', 'carole', 2],
    ['Des captions pour mes Reels', 'carole', 3 + 3],
    ['Mes highlights', 'carole', 3],
  ] as const)('"%s" scores each word once, though an English exact keyword and a French stem both match it', (message, agent, score) => {
    expect(scoreMessage(message).scores[agent].score).toBe(score);
  });
});

describe('routing keywords: a Zapier zap (Audrey)', () => {
  it.each(['Comment créer un zap pour mes demandes de devis ?', 'Mes zaps ne se déclenchent plus'])('routes "%s" to Audrey', (message) => {
    expect(new KeywordRouter().decide({ message, history: [] })).toMatchObject({ kind: 'answer', agent: 'audrey' });
  });
});

// Blind round 11: the French words for a newsletter.
describe('routing keywords: "lettre d\'info" is a newsletter (Audrey)', () => {
  it.each([
    "comment réutiliser la même mise en page chaque semaine pour ma lettre d'info",
    "Quel jour envoyer ma lettre d'information ?",
  ])('%s -> audrey', (message) => {
    expect(agentOf(message)).toBe('audrey');
  });

  it('a letter that is no newsletter stays with Carole', () => {
    expect(agentOf('Une lettre manuscrite en story pour remercier mes abonnées, bonne idée ?')).toBe('carole');
  });
});
