import type { HistoryMessage } from '../capabilities/capabilities.ts';
import type { AgentName, RouteTarget } from '../contract/chat-schemas.ts';
import { IDENTITY_REPLY_AGENCY_CONTACT, IDENTITY_REPLY_PERSON_OFFER } from '../agents/assistant-identity.ts';
import { CLARIFYING_QUESTION_AGENCY_CONTACT, CLARIFYING_QUESTION_HAND_OVER_OFFER } from '../agents/persona-replies.ts';
import { SOMEONE_ELSES_CLIENTS, THIRD_PARTY_PLATFORMS } from './escalation-patterns.ts';
import { plainIntentText } from './plain-intent-text.ts';
import { contentStems } from '../french-text/french-text.ts';
import { questionTopicStems } from '../french-text/question-words.ts';

/**
 * A message read as the answer to the conversation's last assistant turn (multi-turn probes, 2026-12-05: 42 conversations,
 * 15 decided wrong), before its own words are scored (keyword-router.ts):
 * - after a hand-over, a message that asks nothing adds a detail for the person who takes over, as the hand-over reply
 *   invites ("c'était pour la formation Kajabi, 97€ sur Stripe", "c'est au sujet de mon compte Instagram que vous gérez"
 *   were answered by an expert on "Kajabi", "Instagram"): it stays with the team. A question goes to its expert as before
 *   ("en attendant, comment je crée un tunnel de vente ?");
 * - after the clarifying question, which offers a person "s'il s'agit d'un paiement ou de ton compte", a short answer naming a
 *   payment or the account is that hand-over ("c'est un paiement", "mon compte", "le paiement de la formation", "c'est pour
 *   ma facture"), unless it names the visitor's clients or a platform ("le paiement de mes clientes sur Stripe"); an answer
 *   that picks an expert by name or by rank ("plutôt pour Carole", "la deuxième") goes to that expert;
 * - after the identity reply, which offers a person, preferring one is a request for a person ("oui je préfère", "une
 *   personne svp", "oui un humain ce serait mieux"); "ok pas de souci" is not.
 * The same after their variants where no person could answer in this chat (CLARIFYING_QUESTION_AGENCY_CONTACT,
 * IDENTITY_REPLY_AGENCY_CONTACT: the agency is to be contacted directly): the clarifying question still asks which expert,
 * and a payment, the account or a person preferred is still a request for the team, whose hand-over reply then says again
 * where to reach a person (or hands the conversation over, an operators' inbox served since).
 * Run on plainIntentText's form.
 */
export type ReplyToTheLastTurn =
  | { kind: 'detail_for_the_team' }
  | { kind: 'hand_over'; category: 'billing' | 'account' | 'human'; evidence: string }
  | { kind: 'expert_picked'; agent: AgentName };

/** The agent of the conversation's last assistant turn, if any. */
export function lastAssistantAgent(history: readonly HistoryMessage[]): RouteTarget | null {
  return lastAssistantTurn(history)?.agent ?? null;
}

function lastAssistantTurn(history: readonly HistoryMessage[]): HistoryMessage | undefined {
  for (let index = history.length - 1; index >= 0; index -= 1) {
    const turn = history[index]!;
    if (turn.role === 'assistant' && turn.agent !== null) return turn;
  }
  return undefined;
}

/**
 * A question for an expert after a hand-over: a how-to, a what-is, a why, ideas or advice asked, something to know or to do,
 * a new question announced ("en attendant", "autre question", "sinon"), or the same question of another thing ("et pour
 * Instagram ?", decided then by its own words). Any other message, a question to the team included ("vous répondez quand ?",
 * "c'est pour la formation Kajabi, vous avez besoin de la facture ?"), is for the person who takes over.
 */
const ASKS_AN_EXPERT =
  /\b(?:comment|pourquoi|c est quoi|qu est ce que?|quel(?:le)?s? (?:outils?|formats?|tailles?|frequence|heure|logiciel|plateforme|est la (?:meilleure|difference))|que faire|quoi (?:publier|poster|mettre|ecrire|envoyer)|explique\w*|montre moi|conseill\w*|des idees|une idee|des astuces|how|what is|what s|which|why|en attendant|autre question|une question|sinon|par ailleurs|au passage|(?:je voudrais|je veux|j aimerais|je cherche a) (?:savoir|apprendre|comprendre|faire|creer|lancer|mettre en place|ecrire|publier|programmer))\b|^ (?:(?:ok|okay|merci\w*|super|top|d accord) )*et (?:pour|sur|avec|cote|niveau|concernant|si)\b(?! (?:\S+ ){0,2}(?:factures?|paiements?|remboursements?|commandes?|comptes?|acces|prelevements?|abonnements?) $)/;

/**
 * A request for the experts' help said without a question word (review of the multi-turn probes, 2026-12-05: 15 of 15
 * such questions after a hand-over got the team's acknowledgement, all answered by the expert before): what is sought or
 * wished for one's business ("je cherche un outil pour mes newsletters", "j'aimerais augmenter mes abonnés instagram"),
 * a tutorial, ideas, tips or examples ("tuto canva ?", "idées de posts pour noël"), how many or which is best ("combien de
 * hashtags ?", "quel est le meilleur moment pour poster ?"), whether a tool is worth it or which to choose ("systeme io
 * c'est bien pour un tunnel ?", "brevo ou mailchimp pour débuter ?"), help asked to do something ("tu peux m'aider à
 * écrire une séquence ?"), a struggle with one's own work ("je galère avec mes visuels canva"; not with the access, a payment
 * or the programme bought). A wish about the case itself (to be refunded, called, to know when) is not one.
 */
const ASKS_FOR_THE_EXPERTS_HELP =
  /\b(?:tuto\w*|idees?|astuces?|conseils?|(?:des|un|d|quelques) exemples?|inspirations?|bonnes pratiques|combien (?:de|d) (?!temps|jours?|semaines?|heures?|minutes?|mois|delais?)|(?:le|la) (?:meilleure?|mieux)|je (?:re)?cherche (?:un|une|des|a|comment|quoi)|besoin (?:d|de) (?:un|une|des|aide pour|idees|conseils)|(?:je voudrais|je veux|j aimerais|je souhaite|je compte|j ai envie (?:de|d)|je prevois (?:de|d)|je dois|j ai besoin (?:de|d))(?: bien| vraiment)? (?!(?:etre|avoir|savoir (?:quand|si|ou)|recevoir|recuperer|annuler|parler|payer|attendre|joindre|contacter|rappeler|que|qu)\b)\w+(?:er|ir|re)|(?:tu|vous) (?:peux|peut|pouvez|pourrais|pourriez) m aider (?:a|pour|avec)|aide moi (?:a|pour|avec)|tu m aides|(?:je galere|je rame|je bloque|je suis (?:perdue?|nulle?)|j (?:y )?arrive pas|je n (?:y )?arrive pas)(?!.*\b(?:acces|comptes?|connect\w*|paiements?|factures?|rembourse\w*|preleve\w*|commandes?|formation|programme|espace|lien)\b)|c est (?:bien|mieux|bon|top|utile|efficace|rentable|necessaire|obligatoire|une bonne idee)|vaut (?:il )?(?:le coup|mieux)|ou (?:\S+ ){1,3}pour (?:debuter|commencer|moi|mon|ma|mes|une|un))\b/;
/**
 * A question of the visitor's own ("…?") that neither addresses the team nor speaks of the case handed over or of what the
 * agency sells ("le module reels est où ?", "le coaching kajabi commence quand ?"), nor describes it ("c'était pour la
 * formation Instagram ?"): its own words decide, as before the hand-over.
 */
const OWN_QUESTION_NOT_OF_THE_CASE =
  /^(?! (?:c est|c etait|ce n est|ce n etait|pour|au sujet|concernant|a propos|j ai|je vous|on m)\b)(?!.*\b(?:vous|votre|vos|l equipe|quelqu un|commandes?|factures?|paiements?|payee?s?|rembourse\w*|preleve\w*|prelevements?|comptes?|acces|delais?|reponses?|repond\w*|urgent\w*|dossier|ticket|transmis\w*|relais|formations?|programmes?|modules?|coachings?|accompagnements?|seances?|ateliers?|masterclass|cours|offres?)\b)/;

const MAX_CLARIFYING_ANSWER_WORDS = 10;
// English answers too ("it's about a payment", "my account"): the clarifying question is answered in the visitor's language.
const BILLING_WORDS = /\b(?:paiements?|payer|paye|facture\w*|prelevement\w*|preleve\w*|rembourse\w*|abonnement|commande|achat|carte bancaire|argent|echeances?|mensualites?|payments?|invoices?|refunds?|billing|charged?|subscription)\b/;
// "compte" the account, not the verb ("je compte lancer…") nor "compte à rebours", "compte rendu" (multi-turn probes, 2026-12-05).
const ACCOUNT_WORDS = /\b(?:(?<!\b(?:je|j|tu|on|il|elle|nous|vous|ils|elles|qui) )compte(?! (?:a rebours|rendu|tenu)\b)|acces|connexion|connecter|identifiants?|mot de passe|espace membre|login|account|log in|password)\b/;
/**
 * The visitor's clients, a platform, or a marketing subject: "les emails de paiement", "le lien de paiement", "mon compte pro",
 * "achat de followers ça vaut le coup ?", "l'abonnement à ma newsletter", the visitor's own selling ("le paiement de mes
 * séances de coaching", "accepter les paiements en ligne sur mon site", "mes factures d'auto-entrepreneuse") (multi-turn
 * probes, 2026-12-05: handed over).
 */
const NOT_THE_VISITORS_DEALINGS = new RegExp(
  `\\b(?:${SOMEONE_ELSES_CLIENTS}|${THIRD_PARTY_PLATFORMS}|stripe|paypal|sumup|comment|e ?mails?|sequences?|tunnels?|pages? de (?:vente|paiement)|liens? de paiement|automati\\w*|relances?|modeles?|templates?|reels?|posts?|stories|contenus?|visuels?|compte (?:pro|professionnel|createur|business)|mes (?:seances|services|prestations|produits|offres|ventes|devis)|mon (?:site|activite|entreprise|business|offre|produit|ebook|cabinet)|accepter|encaisser|faire payer|auto ?entrepreneu\\w*|micro ?entrepr\\w*|freelance|tva|urssaf|acomptes?|followers|abonnes|newsletters?|audience|vaut (?:il )?le coup)\\b`,
);
/**
 * The expert named as the answer's end ("carole", "plutôt pour Carole", "c'est pour audrey svp"), not a name in a sentence
 * about something else ("carole m'a dit de te demander pour mon tunnel", "je voulais demander à carole comment faire une
 * séquence email": probes of 2026-12-05, sent to the expert named instead of the one of the subject).
 */
const EXPERT_NAMED_AS_THE_ANSWER = /^ (?:\S+ ){0,4}?(carole|audrey)(?: (?:svp|stp|merci|plutot|please|alors|du coup|je pense|je crois))* $/;
/** The whole answer a rank ("la deuxième", "plutôt la première option"), not a rank in a sentence ("la première fois que…"). */
const RANK_ANSWER = (rank: string) => new RegExp(`^ (?:(?:plutot|c est|euh|alors|je dirais|ben|bah|oui) )*(?:(?:le|la|l) )?(?:${rank})(?: (?:option|choix|proposition|domaine|sujet|svp|stp|merci|plutot))* $`);
const FIRST = RANK_ANSWER('premiere?|1ere?|1er|1|option (?:1|un)|choix (?:1|un)');
const SECOND = RANK_ANSWER('deuxieme|2e|2eme|second|seconde|2|option (?:2|deux)|choix (?:2|deux)');

/**
 * Preferring a person: yes with a wish, or the person named alone ("oui je préfère", "une personne svp", "oui un humain"); not
 * the person as a sentence's subject ("quelqu'un m'a dit que tu étais une IA", "l'équipe est sympa", probes of 2026-12-05:
 * handed over): after the person, only courtesy or a preference.
 */
const PREFERS_A_PERSON =
  /^ (?:(?:bah|ben|eh bien|euh|alors|ah|bon) )?(?:oui|ouais|yes|volontiers|carrement|je prefere\w*|je veux bien|plutot|avec plaisir)(?: (?:je prefere\w*|je veux bien|volontiers|merci|please|plutot|svp|stp|s il (?:te|vous) plait))* $|^ (?:(?:oui|ouais|yes|plutot|je prefere\w*|je veux bien|volontiers) )*(?:une (?:vraie )?personne|un (?:vrai )?humain|quelqu un|un conseiller|une conseillere|l equipe|a (?:real )?person|a human)(?: (?:de|d) (?:l equipe|l agence|chez vous|votre equipe))?(?= $| (?:svp|stp|merci|please|oui|plutot|ce serait|ca serait|serait|c est mieux|de preference|si possible|je prefere|volontiers|alors|du coup|pour|now|instead)\b)(?!.*\bnon\b)/;

/** What ends the clarifying question and the identity reply: a person offered here, or the agency to contact directly. */
const CLARIFYING_QUESTION_OFFERS = [CLARIFYING_QUESTION_HAND_OVER_OFFER, CLARIFYING_QUESTION_AGENCY_CONTACT];
const IDENTITY_REPLY_OFFERS = [IDENTITY_REPLY_PERSON_OFFER, IDENTITY_REPLY_AGENCY_CONTACT];

const asksAnExpert = (message: string, text: string): boolean =>
  ASKS_AN_EXPERT.test(text) || ASKS_FOR_THE_EXPERTS_HELP.test(text) || (/\?\s*$/.test(message) && OWN_QUESTION_NOT_OF_THE_CASE.test(text));

export function replyToTheLastTurn(message: string, history: readonly HistoryMessage[]): ReplyToTheLastTurn | null {
  const last = lastAssistantTurn(history);
  if (last === undefined) return null;
  const text = plainIntentText(message);
  if (last.agent === 'escalate') return asksAnExpert(message, text) ? null : { kind: 'detail_for_the_team' };
  if (last.agent === null) return null;
  if (CLARIFYING_QUESTION_OFFERS.some((offer) => last.content.includes(offer))) return answerToTheClarifyingQuestion(text, last.agent);
  if (IDENTITY_REPLY_OFFERS.some((offer) => last.content.includes(offer)) && PREFERS_A_PERSON.test(text)) return { kind: 'hand_over', category: 'human', evidence: text.trim() };
  return null;
}

function answerToTheClarifyingQuestion(text: string, asker: RouteTarget): ReplyToTheLastTurn | null {
  if (text.trim().split(' ').length > MAX_CLARIFYING_ANSWER_WORDS) return null;
  const other: AgentName = asker === 'carole' ? 'audrey' : 'carole';
  const named = EXPERT_NAMED_AS_THE_ANSWER.exec(text)?.[1];
  if (named === 'carole' || named === 'audrey') return { kind: 'expert_picked', agent: named };
  // The clarifying question names the asker's field first ("c'est mon domaine"), the other expert's second.
  if (FIRST.test(text) && asker !== 'escalate') return { kind: 'expert_picked', agent: asker };
  if (SECOND.test(text)) return { kind: 'expert_picked', agent: other };
  if (NOT_THE_VISITORS_DEALINGS.test(text)) return null;
  const billing = BILLING_WORDS.exec(text);
  if (billing !== null) return { kind: 'hand_over', category: 'billing', evidence: billing[0] };
  const account = ACCOUNT_WORDS.exec(text);
  return account === null ? null : { kind: 'hand_over', category: 'account', evidence: account[0] };
}

/** Words that ask for help without saying with what ("j'ai besoin d'aide", "j'ai une question", "un souci"). */
const NO_TOPIC_STEMS: ReadonlySet<string> = new Set(
  contentStems('aide aider besoin question questions souci soucis probleme problemes bonjour bonsoir salut coucou hello merci info infos renseignement renseignements demande demandes truc chose conseil conseils petite petit svp please help'),
);

/**
 * An expert pick ("la deuxième", "plutôt Carole") answers the clarifying question: what it leaves to answer. The question the
 * visitor asked before it, when that named a topic (search and answer it), or none yet ("j'ai besoin d'aide": the expert
 * asks for the question, persona-replies.ts). A probe of `pnpm start`, 2026-12-05: "la deuxième" after "j'ai besoin
 * d'aide" was searched as written and quoted "Ajoute si besoin une deuxième action « Add a tag »…".
 */
export type AfterAnExpertPick = { kind: 'not_a_pick' } | { kind: 'question_before'; question: string } | { kind: 'no_question_yet' };

export function afterAnExpertPick(message: string, history: readonly HistoryMessage[]): AfterAnExpertPick {
  if (replyToTheLastTurn(message, history)?.kind !== 'expert_picked') return { kind: 'not_a_pick' };
  const asked = [...history].reverse().find((turn, index, reversed) => turn.role === 'user' && reversed.slice(0, index).some((later) => later.role === 'assistant'));
  if (asked === undefined || !questionTopicStems(asked.content).some((stem) => !NO_TOPIC_STEMS.has(stem))) return { kind: 'no_question_yet' };
  return { kind: 'question_before', question: asked.content };
}

/** The text to search for a message that may be an expert pick: the question before it when it named a topic, else `searched`. */
export function searchTextAfterAnExpertPick(message: string, history: readonly HistoryMessage[], searched: string): string {
  const pick = afterAnExpertPick(message, history);
  return pick.kind === 'question_before' ? pick.question : searched;
}
