/**
 * What the replies say instead of offering a person when nobody can answer in this chat: no API
 * process serves the operators' inbox (no admin login is configured, handover/operator-inbox-advert.ts).
 * One family of words for all of them (the hand-over reply, escalation-reply.ts; the offline answers'
 * notices, the clarifying question, the identity reply, the technical-trouble note, the live agents'
 * prompt): nobody answers here, the agency is contacted directly. The agency's contact details are
 * not known to this service: its site has them.
 */
export const NOBODY_CAN_ANSWER_IN_THIS_CHAT = "Personne de l'équipe ne peut te répondre dans ce chat pour le moment";
export const CONTACT_THE_AGENCY_DIRECTLY = "contacte directement l'agence";
export const AGENCY_CONTACT_DETAILS_ON_ITS_SITE = 'ses coordonnées sont sur son site';

/** "Personne de l'équipe ne peut te répondre dans ce chat pour le moment : pour échanger avec une personne, contacte directement l'agence (…)." */
export const NOBODY_HERE_CONTACT_THE_AGENCY = `${NOBODY_CAN_ANSWER_IN_THIS_CHAT} : pour échanger avec une personne, ${CONTACT_THE_AGENCY_DIRECTLY} (${AGENCY_CONTACT_DETAILS_ON_ITS_SITE}).`;
