import type { HistoryMessage } from '../capabilities/capabilities.ts';
import type { AgentName, RouteTarget } from '../contract/chat-schemas.ts';
import { IDENTITY_REPLY_PERSON_OFFER } from '../agents/assistant-identity.ts';
import { CLARIFYING_QUESTION_HAND_OVER_OFFER } from '../agents/persona-replies.ts';
import { SOMEONE_ELSES_CLIENTS, THIRD_PARTY_PLATFORMS } from './escalation-patterns.ts';
import { plainIntentText } from './plain-intent-text.ts';

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
  /\b(?:comment|pourquoi|c est quoi|qu est ce que?|quel(?:le)?s? (?:outils?|formats?|tailles?|frequence|heure|logiciel|plateforme|est la (?:meilleure|difference))|que faire|quoi (?:publier|poster|mettre|ecrire|envoyer)|explique\w*|montre moi|conseill\w*|des idees|une idee|des astuces|how|what is|what s|which|why|en attendant|autre question|une question|sinon|par ailleurs|au passage|(?:je voudrais|je veux|j aimerais|je cherche a) (?:savoir|apprendre|comprendre|faire|creer|lancer|mettre en place|ecrire|publier|programmer))\b|^ (?:(?:ok|okay|merci\w*|super|top|d accord) )*et (?:pour|sur|avec|cote|niveau|concernant|si)\b/;

const MAX_CLARIFYING_ANSWER_WORDS = 10;
const BILLING_WORDS = /\b(?:paiements?|payer|paye|facture\w*|prelevement\w*|preleve\w*|rembourse\w*|abonnement|commande|achat|carte bancaire|argent|echeances?|mensualites?)\b/;
const ACCOUNT_WORDS = /\b(?:compte|acces|connexion|connecter|identifiants?|mot de passe|espace membre|login)\b/;
/** The visitor's clients, a platform, or a marketing subject: "les emails de paiement", "le lien de paiement", "mon compte pro". */
const NOT_THE_VISITORS_DEALINGS = new RegExp(
  `\\b(?:${SOMEONE_ELSES_CLIENTS}|${THIRD_PARTY_PLATFORMS}|stripe|paypal|sumup|comment|e ?mails?|sequences?|tunnels?|pages? de (?:vente|paiement)|liens? de paiement|automati\\w*|relances?|modeles?|templates?|reels?|posts?|stories|contenus?|visuels?|compte (?:pro|professionnel|createur|business))\\b`,
);
/** The whole answer a rank ("la deuxième", "plutôt la première option"), not a rank in a sentence ("la première fois que…"). */
const RANK_ANSWER = (rank: string) => new RegExp(`^ (?:(?:plutot|c est|euh|alors|je dirais|ben|bah|oui) )*(?:(?:le|la|l) )?(?:${rank})(?: (?:option|choix|proposition|domaine|sujet|svp|stp|merci|plutot))* $`);
const FIRST = RANK_ANSWER('premiere?|1ere?|1er|1|option (?:1|un)|choix (?:1|un)');
const SECOND = RANK_ANSWER('deuxieme|2e|2eme|second|seconde|2|option (?:2|deux)|choix (?:2|deux)');

/** Preferring a person: yes with a wish, or the person named alone ("oui je préfère", "une personne svp", "oui un humain"). */
const PREFERS_A_PERSON =
  /^ (?:(?:bah|ben|eh bien|euh|alors|ah|bon) )?(?:oui|ouais|yes|volontiers|carrement|je prefere\w*|je veux bien|plutot|avec plaisir)(?: (?:je prefere\w*|je veux bien|volontiers|merci|please|plutot|svp|stp|s il (?:te|vous) plait))* $|^ (?:(?:oui|ouais|yes|plutot|je prefere\w*|je veux bien|volontiers) )*(?:une (?:vraie )?personne|un (?:vrai )?humain|quelqu un|un conseiller|une conseillere|l equipe|a (?:real )?person|a human)\b(?!.*\bnon\b)/;

export function replyToTheLastTurn(message: string, history: readonly HistoryMessage[]): ReplyToTheLastTurn | null {
  const last = lastAssistantTurn(history);
  if (last === undefined) return null;
  const text = plainIntentText(message);
  if (last.agent === 'escalate') return ASKS_AN_EXPERT.test(text) ? null : { kind: 'detail_for_the_team' };
  if (last.agent === null) return null;
  if (last.content.includes(CLARIFYING_QUESTION_HAND_OVER_OFFER)) return answerToTheClarifyingQuestion(text, last.agent);
  if (last.content.includes(IDENTITY_REPLY_PERSON_OFFER) && PREFERS_A_PERSON.test(text)) return { kind: 'hand_over', category: 'human', evidence: text.trim() };
  return null;
}

function answerToTheClarifyingQuestion(text: string, asker: RouteTarget): ReplyToTheLastTurn | null {
  if (text.trim().split(' ').length > MAX_CLARIFYING_ANSWER_WORDS) return null;
  const other: AgentName = asker === 'carole' ? 'audrey' : 'carole';
  if (/\bcarole\b/.test(text) && !/\baudrey\b/.test(text)) return { kind: 'expert_picked', agent: 'carole' };
  if (/\baudrey\b/.test(text) && !/\bcarole\b/.test(text)) return { kind: 'expert_picked', agent: 'audrey' };
  // The clarifying question names the asker's field first ("c'est mon domaine"), the other expert's second.
  if (FIRST.test(text) && asker !== 'escalate') return { kind: 'expert_picked', agent: asker };
  if (SECOND.test(text)) return { kind: 'expert_picked', agent: other };
  if (NOT_THE_VISITORS_DEALINGS.test(text)) return null;
  const billing = BILLING_WORDS.exec(text);
  if (billing !== null) return { kind: 'hand_over', category: 'billing', evidence: billing[0] };
  const account = ACCOUNT_WORDS.exec(text);
  return account === null ? null : { kind: 'hand_over', category: 'account', evidence: account[0] };
}
