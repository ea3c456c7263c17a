import type { AgentName } from '../contract/chat-schemas.ts';
import { spacedFoldedWords } from '../french-text/french-text.ts';
import { AGENCY_CONTACT_DETAILS_ON_ITS_SITE, CONTACT_THE_AGENCY_DIRECTLY, NOBODY_CAN_ANSWER_IN_THIS_CHAT } from './agency-contact.ts';

/**
 * "Tu es un robot ?", "Vous êtes une IA ou une vraie personne ?", "am I talking to a human?": the
 * visitor asks what the chat is. It is answered plainly, in the agent's voice: an AI assistant that
 * answers from the agency's guides, and how to reach a person (blind rounds 8 and 9 found these
 * questions handed over or given a clarifying question that did not answer them; round 12, with a
 * "là" or "ici" after it: "C'est une IA qui me répond là ?"; round 13, asked "qui" first and "un programme" as
 * the machine: "Vous êtes qui en fait, une vraie personne ou un programme ?"; round 14, the expert named as the other
 * half: "C'est une machine qui me répond ou c'est Audrey ?", and round 17 before the clause: "C'est un robot ou Audrey en vrai qui
 * me répond ?"; round 16, in the plural: "Vous êtes des vraies personnes ou un
 * chatbot ?"). The knowledge base is not searched for them.
 */

const WHO = String.raw`(?:robots?|bots?|chatbots?|chat bots?|ia|ai|intelligence artificielle|machines?|humains?|humaines?|vraies? personnes?|vrais? humains?|vraies? gens|vrais gens|vraies? humaines?|personnes? reelles?|real (?:person|people)|humans?|person|people)`;
/** The machine named as the other half of the question ("une vraie personne ou un programme ?"), not alone ("C'est un programme ?" may ask about an offer). */
const OR_A_MACHINE = String.raw`(?:${WHO}|programme|programme informatique|logiciel|algorithme)`;
/** The other half named as the expert herself, after the machine ("C'est une machine qui me répond ou c'est Audrey ?", blind round 14). */
const OR_A_PERSON_NAMED = String.raw`(?: (?:ou|or) (?:c est |est ce |bien )?(?:audrey|carole|une vraie personne|une personne|un humain|une humaine)(?: en vrai| elle meme| en personne)?)`;
const ASKS_WHAT_THE_CHAT_IS = new RegExp(
  String.raw`^ (?:(?:bonjour|bonsoir|salut|hello|hi|hey|coucou|allo|question|petite question|juste) )*(?:est ce que |dis moi |serieusement )?(?:tu es|vous etes|es tu|etes vous|t es|t es un|c est|ce sont|je parle a|je parle avec|j echange avec|je discute avec|are you|am i (?:talking|speaking|chatting) (?:to|with)|is this|is it)(?: qui| quoi)?(?: en fait| exactement| au juste| finalement)?(?: vraiment| bien| actually| really)? (?:un |une |a |an |des |de )?${WHO}(?: (?:ou|or) (?:a |avec |to |with )?(?:un |une |a |an |des |de )?${OR_A_MACHINE})?${OR_A_PERSON_NAMED}?(?: en vrai| ou quoi| qui (?:me )?(?:repond|reponds|repondent|ecrit|ecrivent|parle|parlent))?(?: la| ici| en ce moment| actuellement)?${OR_A_PERSON_NAMED}? $`,
);

/**
 * Who answers, asked without naming a bot or a person ("t'es qui ?", "qui es-tu ?", "c'est qui qui me répond ?", "who are
 * you?", "who am I talking to?": a probe of `pnpm start`, 2026-12-05, they got the clarifying question). The whole message,
 * a greeting before it allowed; not "vous êtes qui pour me dire ça ?" nor "qui est Audrey ?" (a person named).
 */
const ASKS_WHO_ANSWERS = new RegExp(
  String.raw`^ (?:(?:bonjour|bonsoir|salut|hello|hi|hey|coucou|euh|mais|du coup|en fait|et) )*(?:(?:tu es|t es|vous etes|c est) qui|qui (?:es tu|etes vous|est ce|est ce qui|c est qui)(?: qui)? ?(?:me (?:repond|parle|ecrit))?|c est qui qui (?:me )?(?:repond|parle|ecrit)|qui (?:me )?(?:repond|parle|ecrit)(?: la| ici)?|je (?:parle|discute|echange) (?:a|avec) qui|a qui (?:je parle|je m adresse|j ecris)|who (?:are you|is this|am i (?:talking|speaking|chatting) (?:to|with)|is (?:answering|replying|writing)))(?: la| ici| exactement| en fait| au juste| alors| toi| vous)? $`,
);

/** Whether `message` (all of it) asks whether the chat is a bot or a person, or who answers. */
export function asksWhatTheChatIs(message: string): boolean {
  const spaced = spacedFoldedWords(message);
  return ASKS_WHAT_THE_CHAT_IS.test(spaced) || ASKS_WHO_ANSWERS.test(spaced);
}

/** The identity reply's offer of a person (an answer preferring one is a request for a person: local/reply-to-the-last-turn.ts). */
export const IDENTITY_REPLY_PERSON_OFFER = "Si tu préfères échanger avec une personne de l'équipe, écris-le ici (par exemple « je veux parler à quelqu'un ») et je transmets ta demande.";

/**
 * Its variant when nobody can answer in this chat (no operators' inbox served, agency-contact.ts): the agency is contacted
 * directly. Preferring a person after it is still a request for one (reply-to-the-last-turn.ts): the hand-over reply then
 * says again where to reach a person (or hands over, an inbox served since).
 */
export const IDENTITY_REPLY_AGENCY_CONTACT = `${NOBODY_CAN_ANSWER_IN_THIS_CHAT} : si tu préfères échanger avec une personne, ${CONTACT_THE_AGENCY_DIRECTLY} (${AGENCY_CONTACT_DETAILS_ON_ITS_SITE}).`;

const identities: Record<AgentName, string> = {
  audrey:
    "Bonne question ! Je suis l'assistante virtuelle de l'agence (une intelligence artificielle), dans le rôle d'Audrey : " +
    "je réponds à partir des fiches pratiques de l'équipe sur l'automatisation, les emails et les tunnels de vente, et Carole " +
    'prend le relais pour Instagram et le contenu.',
  carole:
    "Bonne question 😊 Je suis l'assistante virtuelle de l'agence (une intelligence artificielle), dans le rôle de Carole : " +
    "je réponds à partir des fiches pratiques de l'équipe sur Instagram, le contenu et le visuel ✨, et Audrey prend le relais " +
    "pour l'automatisation et les emails.",
};

/** What the chat is, and how to reach a person: here, or where no person can answer here, the agency directly. */
export const assistantIdentityReply = (agent: AgentName, { personCanAnswerHere = true }: { personCanAnswerHere?: boolean } = {}): string =>
  `${identities[agent]} ${personCanAnswerHere ? IDENTITY_REPLY_PERSON_OFFER : IDENTITY_REPLY_AGENCY_CONTACT}`;
