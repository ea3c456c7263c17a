import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { zeroUsage, type KnowledgeRetriever, type KnowledgeSearchQuery, type RetrievedChunk, type RouteDecision } from '../capabilities/capabilities.ts';
import { clarifyingQuestion } from '../agents/persona-replies.ts';
import { smallTalkOf, smallTalkReply } from '../agents/small-talk.ts';
import { ingestPaths } from '../knowledge/ingest-service.ts';
import { HybridRetriever } from '../retrieval/hybrid-retriever.ts';
import { bestKnowledgeMatch, checkKnowledgeBeforeClarifying } from './clarify-unless-knowledge-answers.ts';
import { retrievedChunk } from '../testing/retrieved-chunk.ts';
import { pipelineJob as job } from './pipeline-job-fixture.ts';
import { useKnowledgeCheckFixture } from '../testing/knowledge-check-test-fixture.ts';

/**
 * A clarification consults the knowledge first: the sample knowledge base plus three documents on
 * topics the keyword router does not know (a podcast guide owned by Carole, a shared guide to
 * in-person workshops, a shared guide to VAT and URSSAF), ingested into a temporary database as
 * `pnpm ingest` does.
 */

const extraDocumentsDir = fileURLToPath(new URL('./fixtures', import.meta.url));
const fixture = useKnowledgeCheckFixture(extraDocumentsDir);
const { logger, settings, local, pipeline } = fixture;
const routed = (message: string) => local.router.route({ message, history: [] });
const check = (decision: RouteDecision, message: string, knowledgeRetriever: KnowledgeRetriever = fixture.retriever) =>
  checkKnowledgeBeforeClarifying({ embedder: local.embedder, retriever: knowledgeRetriever, settings }, { decision, message });

describe('a question the router does not know, answered by an ingested document', () => {
  it('is answered by the document’s agent, with the document as a source (pipeline, end to end)', async () => {
    const message = 'Quel hébergeur pour mon podcast ?';
    expect((await routed(message)).kind).toBe('clarify');
    const result = await pipeline().run(job(message), {});
    expect(result).toMatchObject({ agent: 'carole', escalated: false, prompt_version: 'carole.v1' });
    expect(result.sources.map((source) => source.title)).toContain('Lancer son podcast');
    expect(result.message).not.toBe(clarifyingQuestion('audrey'));
    expect(result.message).toContain('hébergeur');
    expect(result.message).toContain('Sources : « Lancer son podcast »');
    expect(result.reasoning).toContain('« Lancer son podcast »');
    expect(result.routing.method).toBe('local');
  });

  it('turns the clarification into an answer naming the document, the router’s method, model and usage kept', async () => {
    const message = 'Comment normaliser le volume avec Audacity ?';
    const decision = await routed(message);
    const { decision: checked, check: outcome } = await check(decision, message);
    expect(checked).toMatchObject({ kind: 'answer', agent: 'carole', method: decision.method, model: decision.model, usage: decision.usage });
    expect(outcome).toMatchObject({ outcome: 'answered_from_knowledge', agent: 'carole', match: { chunk: { title: 'Lancer son podcast' } } });
    expect(checked.confidence).toBeGreaterThan(0);
    expect(checked.confidence).toBeLessThanOrEqual(1);
  });

  it('keeps the router’s agent for a shared document', async () => {
    const message = 'Comment louer une salle pour un atelier en présentiel ?';
    const decision = await routed(message);
    expect(decision).toMatchObject({ kind: 'clarify', agent: 'audrey' });
    expect((await check(decision, message)).decision).toMatchObject({ kind: 'answer', agent: 'audrey' });
    const clarifiedByCarole: RouteDecision = { ...decision, kind: 'clarify', agent: 'carole', method: 'llm' };
    const { decision: checked, check: outcome } = await check(clarifiedByCarole, message);
    expect(checked).toMatchObject({ kind: 'answer', agent: 'carole', method: 'llm' });
    expect(outcome).toMatchObject({ match: { chunk: { title: 'Organiser un atelier en présentiel', agentOwner: 'shared' } } });
  });
});

describe('a question with one content word', () => {
  it.each([
    ['Quels formats proposez-vous ?', "L'offre de l'agence et comment contacter l'équipe"],
    ['Quelle longueur ?', 'Écrire des légendes et choisir ses hashtags'],
  ])('"%s" is answered by the section whose heading holds its word', async (message, title) => {
    const decision: RouteDecision = { kind: 'clarify', agent: 'audrey', confidence: 0.3, reasoning: 'vague', method: 'local', usage: zeroUsage(), model: 'test-router' };
    const { decision: checked, check: outcome } = await check(decision, message);
    expect(checked.kind).toBe('answer');
    expect(outcome).toMatchObject({ outcome: 'answered_from_knowledge', match: { chunk: { title }, matchedWords: 1, matchedHeadingWords: 1 } });
  });

  it('finds its word in a heading inside a chunk that spans two sections (the chunk names the first), and only for a one-word question', () => {
    const chunk = retrievedChunk({
      documentId: 'd1',
      title: "L'équipe et comment nous contacter",
      section: 'Qui sommes-nous ?',
      content: "## Qui sommes-nous ?\n\nLéa a fondé l'atelier.\n\n## Nos horaires\n\nDu lundi au vendredi, de 9 h à 18 h. Combien de temps pour une réponse : 48 h.",
      score: 0.2,
    });
    expect(bestKnowledgeMatch('Quels sont vos horaires ?', [[chunk]])).toMatchObject({ matchedWords: 1, matchedHeadingWords: 1 });
    // Two words found in the body only (its inner heading is not the chunk's heading for them).
    expect(bestKnowledgeMatch('Combien de temps garder un reçu ?', [[chunk]])).toBeNull();
  });

  it('takes a section inside the chunk whose heading holds one word of the message and whose text the other, as a chunk of its own', () => {
    const offers = retrievedChunk({
      documentId: 'd3',
      title: 'Nos offres',
      section: 'Programme Reels',
      content:
        "## Programme Reels\n\nSix semaines pour planifier tes Reels : 990 €.\n\n## Séance à l'unité\n\nUne séance ponctuelle d'une heure, sur le sujet de ton choix : 120 €.",
      score: 0.2,
    });
    expect(bestKnowledgeMatch('Je voudrais une séance ponctuelle', [[offers]])).toMatchObject({ matchedWords: 2, matchedHeadingWords: 1 });
    // Its two words in two different sections are not one section's answer.
    expect(bestKnowledgeMatch('Une heure pour planifier ?', [[offers]])).toBeNull();
  });

  it('takes a heading inside the chunk that asks the question itself (two of its words) as the chunk\'s heading, not one sharing a framing word', () => {
    const faq = retrievedChunk({
      documentId: 'd2',
      title: 'Questions fréquentes',
      section: 'Faut-il un gros compte Instagram ?',
      content:
        '## Faut-il un gros compte Instagram ?\n\nNon.\n\n## Combien de temps faut-il y consacrer par semaine ?\n\nTrois heures.\n\n## Peut-on payer en plusieurs fois ?\n\nOui, en trois mensualités.',
      score: 0.2,
    });
    expect(bestKnowledgeMatch('on peut payer en plusieurs fois ?', [[faq]])).toMatchObject({ matchedWords: 2, matchedHeadingWords: 2 });
    expect(bestKnowledgeMatch('Combien de temps garder un reçu de caisse ?', [[faq]])).toBeNull();
  });

  it.each(['Une question ?', 'test ?', 'Longueur', 'Des infos ?', 'Et après ?', 'Avant ?', 'Et pendant ?', 'Quelle semaine ?', 'La première fois ?', 'Je suis bloquée ?', 'Une personne ?', 'Et la longueur ?'])('"%s" (no topic, or no question) keeps the clarifying question', async (message) => {
    const decision: RouteDecision = { kind: 'clarify', agent: 'audrey', confidence: 0.3, reasoning: 'vague', method: 'local', usage: zeroUsage(), model: 'test-router' };
    expect((await check(decision, message)).decision).toBe(decision);
  });
});

describe('messages no document answers', () => {
  const unanswerable = [
    'Bonjour',
    'bonjour ça va',
    'Bonjour, ça va ?',
    "j'ai une question",
    'J’ai une petite question',
    'Tu peux m’aider ?',
    'merci beaucoup',
    'test',
    'asdkjh qwe zzkrp',
    'lorem ipsum dolor sit amet',
    'Quel est le meilleur restaurant de Lyon ?',
    'Quel film regarder ce soir ?',
    'Qui a gagné le match hier soir ?',
    'What is the weather like today?',
    // Off-topic with common words the knowledge base holds in its bodies ("temps", "jours", "changer").
    'Mon chat ne mange plus depuis deux jours',
    'Combien de temps garder un reçu de caisse ?',
    'Je veux changer de voiture, que me conseilles-tu ?',
    'Comment préparer un entretien d’embauche ?',
  ];

  it.each(unanswerable)('%s: still a clarifying question', async (message) => {
    // Whatever the router said, a clarification of these messages is kept.
    const decision: RouteDecision = { kind: 'clarify', agent: 'audrey', confidence: 0.3, reasoning: 'vague', method: 'local', usage: zeroUsage(), model: 'test-router' };
    const { decision: checked, check: outcome } = await check(decision, message);
    expect(checked).toBe(decision);
    // Small talk is not even searched (agents/small-talk.ts); the rest finds no document.
    expect(outcome).toMatchObject({ outcome: 'kept_clarification', reason: smallTalkOf(message) === null ? 'no_relevant_document' : 'small_talk' });
  });

  it('a greeting gets a greeting through the pipeline, without sources; a vague message the clarifying question', async () => {
    const greeting = await pipeline().run(job('Bonjour, ça va ?'), {});
    expect(greeting).toMatchObject({ agent: 'audrey', escalated: false, sources: [], message: smallTalkReply('greeting', 'audrey') });
    const vague = await pipeline().run(job('Tu peux m’aider ?'), {});
    expect(vague).toMatchObject({ agent: 'audrey', escalated: false, sources: [], message: clarifyingQuestion('audrey') });
  });
});

describe('what the step leaves alone', () => {
  it('passes every other decision through without searching', async () => {
    const searches: KnowledgeSearchQuery[] = [];
    const counting: KnowledgeRetriever = { search: (query: KnowledgeSearchQuery) => (searches.push(query), fixture.retriever.search(query)) };
    const facts = { confidence: 0.9, reasoning: 'test', method: 'llm' as const, usage: zeroUsage(), model: 'test-router' };
    const decisions: RouteDecision[] = [
      { kind: 'answer', agent: 'audrey', ...facts },
      { kind: 'escalate', agent: 'escalate', category: 'billing', ...facts },
      { kind: 'acknowledge_handover', agent: 'escalate', ...facts },
      { kind: 'refuse_instructions', agent: 'carole', ...facts },
    ];
    for (const decision of decisions) {
      const { decision: checked, check: outcome } = await check(decision, 'Quel hébergeur pour mon podcast ?', counting);
      expect(checked).toBe(decision);
      expect(outcome).toEqual({ outcome: 'not_a_clarification' });
    }
    expect(searches).toEqual([]);
  });

  it('never searches for small talk, even a thank-you whose words a heading holds', async () => {
    const searches: KnowledgeSearchQuery[] = [];
    const advice: RetrievedChunk = { chunkId: 'bio', documentId: 'bio', title: 'Nos conseils pour une bio Instagram au top', section: null, content: 'Des conseils au top pour ta bio.', agentOwner: 'carole', score: 0.9 };
    const matching: KnowledgeRetriever = { search: async (query: KnowledgeSearchQuery) => (searches.push(query), [advice]) };
    const message = 'Merci pour tes conseils, c’était top';
    const decision = await routed(message);
    expect(decision.kind).toBe('clarify');
    const { decision: checked, check: outcome } = await check(decision, message, matching);
    expect(checked).toBe(decision);
    expect(outcome).toEqual({ outcome: 'kept_clarification', reason: 'small_talk' });
    expect(searches).toEqual([]);
  });

  it('keeps the clarifying question when the knowledge cannot be reached', async () => {
    const unreachable = new pg.Pool({ connectionString: 'postgres://nobody@127.0.0.1:1/none', connectionTimeoutMillis: 1000 });
    try {
      const message = 'Quel hébergeur pour mon podcast ?';
      const decision = await routed(message);
      const { decision: checked, check: outcome } = await check(decision, message, new HybridRetriever(unreachable));
      expect(checked).toBe(decision);
      expect(outcome).toMatchObject({ outcome: 'kept_clarification', reason: 'knowledge_unavailable' });
    } finally {
      await unreachable.end();
    }
  });
});

describe('a question of stop words only about reaching the agency', () => {
  it('"Vous êtes où ?" (stop words only) is searched as the address and answered from it', async () => {
    const { mkdtemp, writeFile, rm } = await import('node:fs/promises');
    const os = await import('node:os');
    const folder = await mkdtemp(path.join(os.tmpdir(), 'lac-contact-'));
    try {
      await writeFile(
        path.join(folder, 'nous-trouver.md'),
        '---\ntitle: Nous trouver\nagent_owner: shared\n---\n## Nos locaux\n\nAdresse : 14 rue des Tanneurs, 69001 Lyon, au 2e étage.\n\n## Nos horaires\n\nDu lundi au vendredi, de 9 h à 18 h.\n',
      );
      const results = await ingestPaths([folder], { store: fixture.stores.knowledge, embedder: local.embedder, logger, baseDir: path.dirname(folder) });
      expect(results.filter((result) => result.status === 'failed')).toEqual([]);
      const decision: RouteDecision = { kind: 'clarify', agent: 'audrey', confidence: 0.3, reasoning: 'vague', method: 'local', usage: zeroUsage(), model: 'test-router' };
      const { check: outcome } = await check(decision, 'Vous êtes où ?');
      expect(outcome).toMatchObject({ outcome: 'answered_from_knowledge', match: { chunk: { title: 'Nous trouver' } } });
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});

describe('a request for a person that only asks how to reach the agency', () => {
  const contact = retrievedChunk({
    title: "L'agence et comment nous contacter",
    section: 'Nous contacter',
    content: '- Téléphone : 04 78 21 36 90 (du lundi au vendredi, 9 h – 17 h)\n- E-mail : bonjour@exemple.fr',
    score: 0.9,
  });
  const answering: KnowledgeRetriever = { search: async () => [contact] };

  it('is answered from the page that names it (a hand-over would hold the conversation for a person who may not be there)', async () => {
    for (const message of ['c koi votre numero de tel ?', 'Quel est votre numéro de téléphone ?', 'vous avez une adresse mail ?']) {
      const decision = await routed(message);
      const { decision: checked } = await check(decision, message, answering);
      expect(checked, message).toMatchObject({ kind: 'answer' });
    }
  });

  it('stays with a person when the visitor asks to be called or to talk to someone, or when no page names it', async () => {
    for (const message of ['Rappelez-moi, votre numéro ne répond pas', 'je veux parler à quelqu’un, c’est quoi votre numéro ?']) {
      const decision = await routed(message);
      expect(decision.kind, message).toBe('escalate');
      expect((await check(decision, message, answering)).decision, message).toBe(decision);
    }
    const message = 'c koi votre numero de tel ?';
    const decision = await routed(message);
    expect(decision).toMatchObject({ kind: 'escalate', category: 'human' });
    const reels = retrievedChunk({ title: 'Créer un Reel', section: null, content: 'Filme à la verticale.', score: 0.9 });
    expect((await check(decision, message, { search: async () => [reels] })).decision).toBe(decision);
  });
});
