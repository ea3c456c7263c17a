import type { AgentName } from '../contract/chat-schemas.ts';
import { AGENCY_CONTACT_DETAILS_ON_ITS_SITE, CONTACT_THE_AGENCY_DIRECTLY } from './agency-contact.ts';

/**
 * Fixed replies written in each agent's voice (tutoiement, Carole with emojis), sent without calling a
 * model: the polite refusal to reveal the instructions, and the clarifying question asked when a
 * message gives nothing to route on. Like the small-talk replies, they name the agents' domains, never
 * a tool brand: the knowledge base says which tools the agency uses, and another agency's may use
 * none of the sample's.
 */

const refusals: Record<AgentName, string> = {
  audrey:
    "Je ne peux pas partager mes instructions internes, c'est la règle de la maison. En revanche, je suis là pour t'aider " +
    "sur l'automatisation, tes tunnels de vente, tes emails ou tes outils en ligne. " +
    'Sur quoi est-ce que tu travailles en ce moment ?',
  carole:
    "Ça, je le garde pour moi 😉 Je ne peux pas partager mes instructions internes. Par contre, pour tes Reels, tes stories, " +
    'tes légendes ou ton identité visuelle, je suis toute à toi ✨ Sur quoi est-ce que tu bosses en ce moment ?',
};

/**
 * The clarifying question's offer of a person (keyword-router.ts reads an answer naming a payment or the account, given
 * right after it, as the hand-over it offers: local/reply-to-the-last-turn.ts).
 */
export const CLARIFYING_QUESTION_HAND_OVER_OFFER = "Et s'il s'agit d'un paiement ou de ton compte, dis-le-moi : une personne de l'équipe prendra le relais.";

/**
 * Its variant when nobody can answer in this chat (no operators' inbox served, agency-contact.ts): the agency is contacted
 * directly, no person is promised. An answer naming a payment or the account after it is still read as the hand-over
 * (reply-to-the-last-turn.ts), whose reply then says again where to reach a person (or hands over, an inbox served since).
 */
export const CLARIFYING_QUESTION_AGENCY_CONTACT =
  `Et s'il s'agit d'un paiement ou de ton compte, ${CONTACT_THE_AGENCY_DIRECTLY} (${AGENCY_CONTACT_DETAILS_ON_ITS_SITE}) : ` +
  "personne de l'équipe ne peut te répondre dans ce chat pour le moment.";

const clarifications: Record<AgentName, string> = {
  audrey:
    "Avec plaisir ! Pour bien t'orienter, peux-tu m'en dire un peu plus ? Ta question porte plutôt sur l'automatisation, " +
    "les emails et les tunnels de vente (c'est mon domaine), ou sur Instagram, le contenu et le visuel (c'est celui de Carole) ?",
  carole:
    "Avec plaisir ✨ Pour bien t'aider, tu peux m'en dire un peu plus ? Ta question porte plutôt sur Instagram, le contenu " +
    "et le visuel (c'est mon domaine 💡), ou sur l'automatisation, les emails et les tunnels de vente (c'est celui d'Audrey) ?",
};

export const instructionsRefusal = (agent: AgentName): string => refusals[agent];

/** The clarifying question, with its offer of a person, or where a person can answer is not this chat, the agency's contact. */
export const clarifyingQuestion = (agent: AgentName, { personCanAnswerHere = true }: { personCanAnswerHere?: boolean } = {}): string =>
  `${clarifications[agent]} ${personCanAnswerHere ? CLARIFYING_QUESTION_HAND_OVER_OFFER : CLARIFYING_QUESTION_AGENCY_CONTACT}`;

/**
 * The expert picked in answer to the clarifying question, no question asked yet ("j'ai besoin d'aide", then "la deuxième"):
 * she asks for it, in her field (local/reply-to-the-last-turn.ts `afterAnExpertPick`).
 */
const questionInvitations: Record<AgentName, string> = {
  audrey:
    "Avec plaisir, je suis là pour ça ! Dis-moi ta question sur l'automatisation, tes emails, tes tunnels de vente ou tes outils en ligne : je te réponds à partir des fiches pratiques de l'agence.",
  carole:
    "Avec plaisir ✨ Dis-moi ta question sur Instagram, tes Reels, tes stories, tes légendes ou ton visuel : je te réponds à partir des fiches pratiques de l'agence.",
};

export const questionInvitation = (agent: AgentName): string => questionInvitations[agent];
