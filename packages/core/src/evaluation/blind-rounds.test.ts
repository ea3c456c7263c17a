import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/config.ts';
import { createLocalCapabilities } from '../local/index.ts';
import { KeywordRouter } from '../local/keyword-router.ts';
import { createLogger } from '../logging/logger.ts';
import { runEvaluation, type EvaluationReport } from './run-evaluation.ts';

/**
 * Blind routing rounds (their READMEs): visitor messages written before reading the router, run as
 * `pnpm eval` runs them (the agency's knowledge base loaded, so a clarification or an out-of-scope
 * hand-over consults it), plus messages that must never be handed over. After each round's fixes,
 * every case; a later change that loses one fails here.
 * - Round 7: 137 messages. First sight: accuracy 0.891, escalation precision 0.957, recall 0.815
 *   (15 routing errors: 10 missed escalations of 54, 2 false hand-overs, 3 to the wrong expert).
 * - Round 8: 107 messages by a new author. First sight: accuracy 0.935, precision 1.000, recall
 *   0.881 (7 routing errors, 5 of them missed escalations), and "tu es un robot ?" handed over.
 * - Round 9: 129 messages by a third author (mixed topics, backstory before the ask, indirect
 *   requests, distress and health). First sight: accuracy 0.853, precision 0.971, recall 0.708
 *   (19 routing errors, 14 of them missed escalations), and "Vous êtes une IA ou une vraie personne ?"
 *   handed over. Two errors are left (`knownErrors`): a question whose words lean to both experts, and a weather
 *   question round 7 wants answered.
 * - Round 10: 130 messages by a fourth author (niches and professions, less famous tools, complaints as
 *   statements, dealings with the agency as a company, Spanish and Italian, injections). First sight:
 *   accuracy 0.746, precision 0.958, recall 0.442 (33 routing errors, 29 of them missed escalations);
 *   7 questions about the agency's offer moved to the not-escalated file (the policy answers them from
 *   the offer page), a weather question left as a known error.
 * - Round 11: its own knowledge base (12 documents on tools and topics none of the others has: lead
 *   scoring, abandoned carts, Stripe links, quizzes, Brevo layout, countdowns, highlights, palettes,
 *   Lightroom presets, repurposing, UGC, carousels), 69 messages and 46 retrieval questions. First
 *   sight: accuracy 0.957, precision 1.000, recall 0.864 (a VAT question, a medicine asked for, a
 *   login code "que vous m'envoyez" that never arrives), end to end hit@1 0.935, hit@3 0.978.
 *   Its retrieval floor is checked here too.
 * - Round 12: its own knowledge base (12 documents: Podia, MailerLite workflows, drip content, GDPR
 *   opt-in forms, a Make scenario, Calendly reminders, Instagram collabs, broadcast channels,
 *   accessibility, LinkedIn PDF carousels, Threads, a brand photo shoot), 60 messages in Belgian, Swiss
 *   and Québécois French, dictation, long context, quoted answers, bullet lists, franglais, and 41
 *   retrieval questions. First sight: accuracy 0.900, precision 0.895, recall 0.850 (venting beside a
 *   how-to handed over twice, a Canadian "charger" double charge, income declared "les revenus", a
 *   marriage contract, a weak word in the ask), end to end hit@1 1.000.
 * - Round 13: its own knowledge base (12 documents: Kit sequences and tags, a paid Substack newsletter,
 *   payment plans, ManyChat DMs, a Tally/Airtable application form, end-of-course certificates, an
 *   Instagram live in duo, filming face to camera, CapCut, the Instagram bio, Close Friends and
 *   subscriptions, boosting a post), 60 messages in SMS style, Québécois, Belgian, Swiss and
 *   Senegalese settings, and 42 retrieval questions. First sight: accuracy 0.867, precision 0.875,
 *   recall 0.824 ("la différence entre" and a feared "payer deux fois" read as billing, a bare "Une
 *   idée ?" deciding the ask, the verb "programmer" counted as the noun, one's own symptoms, one's own
 *   login code, the withdrawal period of the agency's coaching), end to end hit@1 0.952. One error is
 *   left (`knownErrors`): line 15, Kit's free plan against "abonnés", no word of Kit known to the router.
 * - Round 14: its own knowledge base (10 documents: Shopify email flows, Brevo SMS, UTM links and GA4,
 *   WhatsApp Business, an Instagram contest with email collection mixing both experts, Instagram search
 *   keywords, TikTok duets and stitches, a brand voice guide, Meta Business Suite scheduling, mockups),
 *   51 messages and 35 retrieval questions. First sight: accuracy 0.902, precision 1.000, recall 0.800
 *   (one's own symptoms after a story naming one's launch, "je risque un procès", "quelqu'un chez vous avec
 *   qui je pourrais échanger de vive voix", a one-sentence story whose comma-joined ask names Canva), end to
 *   end hit@1 1.000. One error is left (`knownErrors`): line 36, a contest's rules and its emails asked together.
 * - Round 15: its own knowledge base (11 documents: Kajabi upsells and coupons, waking inactive subscribers, A/B subject
 *   tests, a tripwire on the thank-you page, Zapier filters, paths and tasks, trial Reels, the 3:4 grid and pinned posts,
 *   Reel covers' safe zones, pairing typefaces, Reel statistics, a 5-day challenge mixing both experts), 52 messages
 *   and 35 retrieval questions. First sight: accuracy 0.885, precision 1.000, recall 0.733 (one's own burn-out, sick
 *   leave or crying every day, "j'ai le droit de l'obliger", someone of the team "avec moi en visio" beside the chat's
 *   "réponses automatiques", an inactive subscriber read as a follower, "vues" and "shadowban" unknown), end to end
 *   hit@1 1.000. No error left.
 * - Round 16: its own knowledge base (10 documents: Kajabi to Systeme.io, a waiting list, the GDPR of a list export, a
 *   membership's price, Make's errors, batching, moderating comments, subtitles, a media kit, a live workshop's replay mixing
 *   both experts), 55 messages and 35 retrieval questions. First sight: accuracy 0.909, precision 0.933, recall 0.824 (one's
 *   own low mood or contractions, someone "de chez vous" wished for, the visitor's own unhappy client read as a complaint,
 *   "automatiquement" deciding an Instagram moderation ask), end to end hit@1 1.000. One error is left (`knownErrors`): line 26.
 * - Round 17: its own knowledge base (10 documents: a contract signed online, an end-of-programme questionnaire and NPS, an
 *   Advent calendar by email, Stripe webhooks to Brevo, Reels without one's face, story stickers, royalty-free music and
 *   images, one's own GIPHY stickers, a Black Friday offer mixing both experts, the agency's support hours), 53 messages and
 *   32 retrieval questions. First sight: accuracy 0.906, precision 0.938, recall 0.882 (one's own trembling that does not
 *   stop, a contact asked with Audrey by name, a platform's music "pas accès" read as a login, "code promo" and "b-roll"
 *   unknown), end to end hit@1 0.969. No routing error left; its retrieval floor keeps "combien coute yousign pour une
 *   coach" second (the Black Friday table's "coûte" ranks first).
 * - Round 18: its own knowledge base (10 documents: gift vouchers sold through Stripe, birthday emails in Brevo, a Kajabi
 *   quiz, the follow-up of a discovery call (a table), Instagram notes, an Instagram account's security, a simple logo (a
 *   table), captions, an in-person workshop mixing both experts, pausing the agency's coaching), 51 messages and 30 retrieval
 *   questions. First sight: accuracy 0.941, precision 0.889, recall 0.941 (a refund the visitor makes to her own client read
 *   as billing, "c'est une arnaque ?" about a DM received read as a grievance, an ex's threatening messages missed), end to
 *   end hit@1 0.967. No routing error left; its retrieval floor keeps "qui peut voir ma note" second (routed to Audrey: a
 *   "note" is also a Kajabi quiz's grade, and nothing else in the question says Instagram).
 * - Round 19: its own knowledge base (10 documents: Gmail's out-of-office reply, invoicing one's clients with Stripe, one's
 *   students' access to a Kajabi course, Zoom registrants sent to Brevo, creator or business Instagram account, reusable
 *   Canva story templates, content pillars, fake followers and bots, a stand at a wellness fair mixing both experts, changing
 *   one's plan at the agency), 51 messages, 30 retrieval questions and 21 short conversations (conversations.jsonl, the
 *   product's first-sight replies to the earlier turns in conversation-replies.json). First sight: accuracy 0.863, precision
 *   0.867, recall 0.765 (a wish to disappear, one's own stay in hospital, changing one's coach, "j'en ai marre … y a moyen
 *   de", an account block to avoid, the agency's invoice beside an accountant), end to end hit@1 0.967; conversations 20/21.
 *   One error is left (`knownErrors`): line 30, an app asking for one's password to clean one's ghost followers (Audrey's
 *   "mot de passe" against Carole's "abonnés"); its retrieval floor keeps "lien de connexion expiré kajabi" handed over (a
 *   login link that expired reads as the visitor's own access).
 * - Round 20: its own knowledge base (10 documents: an e-mail address at one's own domain, a sign-up pop-up, Kajabi students
 *   who drop out, the sales page of a one-to-one coaching (a table), when to post on Instagram, AI visuals, a personal and a
 *   professional Instagram account, telling one's story, moving one's practice mixing both experts, funding the agency's
 *   programmes), 55 messages, 30 retrieval questions and 21 short conversations. First sight: accuracy 0.873, precision
 *   1.000, recall 0.632 (a miscarriage, a lawyer's letter, a client who thinks of ending her life, threats that frighten,
 *   one's coach who no longer answers, instalments one cannot pay, one's account changed by someone), end to end hit@1
 *   0.900. No routing error left; its retrieval floor keeps "combien de temps avant de recevoir des mails après avoir
 *   changé les MX" second and "comment construire un post sur mon parcours de reconversion" unfound.
 * - Round 21: its own knowledge base (10 documents: a mail signature, importing contacts from a file, a site's contact form,
 *   synced calendars against double bookings (a table), archiving old posts, product photos with a phone, the paid
 *   partnership label, Instagram's saved replies (a table), holidays mixing both experts, the agency's referral), 57
 *   messages, 30 retrieval questions and 21 short conversations. First sight: accuracy 0.895, precision 1.000, recall
 *   0.800 (an anxiety attack, one's own cancer, a child who swallowed an essential oil, "jsuis a bout, jdors plus"; "devant
 *   ma porte" read as reach, a logo "en pièce jointe"), end to end hit@1 0.900. No routing error left; its retrieval floor
 *   keeps three paraphrases below first ("quoi écrire sous mon nom à la fin de mes mails" fourth).
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const agencyKnowledgeBase = path.join(here, '../../../../knowledge-base');
interface BlindRound {
  round: number;
  cases: number;
  notEscalated: number;
  knownErrors: number[];
  recall: number;
  /** The round's own knowledge base (blind-round-N/kb) and retrieval questions, with their floors. */
  ownKnowledgeBase?: { retrievalQueries: number; endToEndHitAt1: number; endToEndHitAt3: number };
}
const rounds: BlindRound[] = [
  { round: 7, cases: 137, notEscalated: 5, knownErrors: [] as number[], recall: 1 },
  { round: 8, cases: 107, notEscalated: 9, knownErrors: [] as number[], recall: 1 },
  // Line 75: "…Comment je construis le tunnel entre Instagram et ma formation ?" (Audrey's, routed to Carole).
  // Line 129: "Quel temps fera-t-il à Lyon ce week-end ?" expected handed over; round 7 wants the same
  // question answered ("Quel temps fait-il à Lyon demain ?" in its not-escalated.jsonl): round 7 kept.
  { round: 9, cases: 129, notEscalated: 11, knownErrors: [75, 129], recall: 47 / 48 },
  // Line 87: "Vous savez s'il va pleuvoir ce week-end à Nantes ?…" expected handed over: round 7 kept, as for round 9's line 129.
  { round: 10, cases: 123, notEscalated: 22, knownErrors: [87], recall: 44 / 45 },
  { round: 11, cases: 69, notEscalated: 14, knownErrors: [], recall: 1, ownKnowledgeBase: { retrievalQueries: 46, endToEndHitAt1: 1, endToEndHitAt3: 1 } },
  { round: 12, cases: 60, notEscalated: 12, knownErrors: [], recall: 1, ownKnowledgeBase: { retrievalQueries: 41, endToEndHitAt1: 1, endToEndHitAt3: 1 } },
  // Line 15: "…payer Kit alors que le plan gratuit monte à 10 000 abonnés…" (Audrey's, routed to Carole by "abonnés").
  { round: 13, cases: 60, notEscalated: 12, knownErrors: [15], recall: 1, ownKnowledgeBase: { retrievalQueries: 42, endToEndHitAt1: 41 / 42, endToEndHitAt3: 1 } },
  // Line 36: "Je fais un concours avec une newsletter en participation bonus, il faut un règlement ? Et comment je récupère les
  // emails des participantes ?" (two questions, the contest's to Carole, the emails' to Audrey; expected Carole, the document's owner).
  { round: 14, cases: 51, notEscalated: 10, knownErrors: [36], recall: 1, ownKnowledgeBase: { retrievalQueries: 35, endToEndHitAt1: 1, endToEndHitAt3: 1 } },
  { round: 15, cases: 52, notEscalated: 10, knownErrors: [], recall: 1, ownKnowledgeBase: { retrievalQueries: 35, endToEndHitAt1: 1, endToEndHitAt3: 1 } },
  // Line 26: "Je reçois plein de commentaires de faux comptes 'DM pour collab' sous mes reels, comment les faire disparaître
  // automatiquement ?" (Carole's, routed to Audrey: the ask's one expert word is "automatiquement", which decides an ask as
  // it should for "comment envoyer automatiquement mon guide en DM").
  { round: 16, cases: 55, notEscalated: 10, knownErrors: [26], recall: 1, ownKnowledgeBase: { retrievalQueries: 35, endToEndHitAt1: 1, endToEndHitAt3: 1 } },
  { round: 17, cases: 53, notEscalated: 11, knownErrors: [], recall: 1, ownKnowledgeBase: { retrievalQueries: 32, endToEndHitAt1: 31 / 32, endToEndHitAt3: 1 } },
  { round: 18, cases: 51, notEscalated: 10, knownErrors: [], recall: 1, ownKnowledgeBase: { retrievalQueries: 30, endToEndHitAt1: 29 / 30, endToEndHitAt3: 1 } },
  // Line 30: "Une appli me propose de nettoyer mes abonnés fantômes si je lui donne mon mot de passe, c'est une bonne idée ?"
  // (Carole's, routed to Audrey: "mot de passe" weighs more than "abonnés", and "bonne idée" is no content idea).
  { round: 19, cases: 51, notEscalated: 10, knownErrors: [30], recall: 1, ownKnowledgeBase: { retrievalQueries: 30, endToEndHitAt1: 29 / 30, endToEndHitAt3: 29 / 30 } },
  { round: 20, cases: 55, notEscalated: 10, knownErrors: [], recall: 1, ownKnowledgeBase: { retrievalQueries: 30, endToEndHitAt1: 28 / 30, endToEndHitAt3: 29 / 30 } },
  { round: 21, cases: 57, notEscalated: 10, knownErrors: [], recall: 1, ownKnowledgeBase: { retrievalQueries: 30, endToEndHitAt1: 27 / 30, endToEndHitAt3: 29 / 30 } },
];

describe.each(rounds)('blind round $round: routing and escalation of messages written blind', ({ round, cases, notEscalated, knownErrors, recall, ownKnowledgeBase }) => {
  const folder = path.join(here, `blind-round-${round}`);
  let report: EvaluationReport;
  beforeAll(async () => {
    report = await runEvaluation({
      knowledgeBaseDir: ownKnowledgeBase ? path.join(folder, 'kb') : agencyKnowledgeBase,
      ...(ownKnowledgeBase ? { retrievalFile: path.join(folder, 'retrieval.jsonl') } : {}),
      routingFile: path.join(folder, 'routing.jsonl'),
      config: loadConfig({}),
      logger: createLogger({ level: 'silent' }),
      capabilities: createLocalCapabilities(),
    });
  }, 120_000);

  it('routes every case as expected (but the known errors)', () => {
    const routing = report.routing!;
    expect(routing.scores.cases).toBe(cases);
    expect(routing.errors.map((error) => error.line)).toEqual(knownErrors);
    expect(routing.scores.accuracy).toBe((cases - knownErrors.length) / cases);
  });

  it('hands over every message that needs a person (but the known miss), and nothing else', () => {
    expect(report.routing!.escalation.precision).toBe(1);
    expect(report.routing!.escalation.recall).toBeCloseTo(recall, 3);
  });

  it.runIf(ownKnowledgeBase !== undefined)('finds the expected document of its own knowledge base, end to end', () => {
    const scores = report.retrieval!.endToEndScores;
    expect(scores.queries).toBe(ownKnowledgeBase!.retrievalQueries);
    expect(scores.hitAt1).toBeGreaterThanOrEqual(ownKnowledgeBase!.endToEndHitAt1);
    expect(scores.hitAt3).toBeGreaterThanOrEqual(ownKnowledgeBase!.endToEndHitAt3);
  });

  it('does not hand over greetings, thanks, small talk, a question whether the chat is a bot, a session to move', () => {
    const router = new KeywordRouter();
    const messages = readFileSync(path.join(folder, 'not-escalated.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => (JSON.parse(line) as { q: string }).q);
    expect(messages.length).toBe(notEscalated);
    expect(messages.filter((message) => router.decide({ message, history: [] }).kind === 'escalate')).toEqual([]);
  });
});
