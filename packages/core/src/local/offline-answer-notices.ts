import type { AgentName } from '../contract/chat-schemas.ts';
import { AGENCY_CONTACT_DETAILS_ON_ITS_SITE, CONTACT_THE_AGENCY_DIRECTLY, NOBODY_HERE_CONTACT_THE_AGENCY } from '../agents/agency-contact.ts';

/**
 * What the offline answerer (extractive-answerer.ts) says of itself: the notice closing an answer quoted from the sources
 * (an offline draft, and where to go further), and the answer that quotes nothing. Each offers a person of the team, or
 * where no person can answer in this chat (no operators' inbox served: AnswerInput `personCanAnswerHere` false), says to
 * contact the agency directly (agents/agency-contact.ts): "une personne de l'équipe prendra le relais", "l'équipe est là
 * pour toi" promised one who could not come, and a visitor asking for her was told nobody could answer.
 */

const OFFLINE_NOTICE_AUDREY =
  "(Réponse préparée hors ligne à partir de notre base de connaissances. Si tu veux aller plus loin, dis-le-moi et une personne de l'équipe prendra le relais.)";
const OFFLINE_NOTICE_CAROLE =
  "(Réponse préparée hors ligne à partir de notre base de connaissances. Pour un regard personnalisé, l'équipe est là pour toi 💛)";
/** The notices where no person can answer in this chat: "l'équipe est là pour toi" promised one who could not come. */
const OFFLINE_NOTICE_AUDREY_AGENCY_CONTACT =
  `(Réponse préparée hors ligne à partir de notre base de connaissances. Si tu veux aller plus loin avec quelqu'un de l'équipe, ${CONTACT_THE_AGENCY_DIRECTLY} : ${AGENCY_CONTACT_DETAILS_ON_ITS_SITE}.)`;
const OFFLINE_NOTICE_CAROLE_AGENCY_CONTACT =
  `(Réponse préparée hors ligne à partir de notre base de connaissances. Pour un regard personnalisé, ${CONTACT_THE_AGENCY_DIRECTLY} : ${AGENCY_CONTACT_DETAILS_ON_ITS_SITE} 💛)`;

export function offlineNotice(agent: AgentName, personCanAnswerHere: boolean): string {
  if (agent === 'audrey') return personCanAnswerHere ? OFFLINE_NOTICE_AUDREY : OFFLINE_NOTICE_AUDREY_AGENCY_CONTACT;
  return personCanAnswerHere ? OFFLINE_NOTICE_CAROLE : OFFLINE_NOTICE_CAROLE_AGENCY_CONTACT;
}

/** How the answer that quotes nothing opens (the answer then cites no source). */
export const NOTHING_FOUND = "Je n'ai rien trouvé sur ce sujet dans notre base de connaissances";

export function noSourceAnswer(agent: AgentName, personCanAnswerHere: boolean): string {
  const opening = agent === 'carole' ? `${NOTHING_FOUND}, et je préfère ne rien inventer 🙏` : `${NOTHING_FOUND}, et je préfère ne rien inventer.`;
  const person = personCanAnswerHere
    ? "Si tu veux, une personne de l'équipe peut te répondre directement : écris simplement « je veux parler à quelqu'un »."
    : NOBODY_HERE_CONTACT_THE_AGENCY;
  return `${opening} ${person} Tu peux aussi reformuler ta question avec d'autres mots. (Réponse préparée hors ligne.)`;
}
