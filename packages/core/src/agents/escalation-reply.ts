import type { EscalationCategory } from '../capabilities/route-decision.ts';
import { NOBODY_CAN_ANSWER_IN_THIS_CHAT, NOBODY_HERE_CONTACT_THE_AGENCY } from './agency-contact.ts';
import { URGENT_HELP_LINES, type UrgentHelp } from './urgent-help.ts';

/**
 * The fixed French reply sent when a person takes over (agent 'escalate').
 * It never answers the question itself: it says who follows up, where and when.
 * The decision's escalation category picks the opening sentence.
 */

const openings: Record<EscalationCategory, string> = {
  human: 'Bien sûr !',
  billing: "Je comprends : les questions de paiement, de facturation et de remboursement sont traitées directement par l'équipe.",
  complaint: "Je suis désolée que ton expérience ne soit pas à la hauteur, et merci de nous l'avoir dit.",
  account: "Pas d'inquiétude pour ton accès : l'équipe va vérifier ton compte.",
  personal_data: "Ta demande concernant tes données personnelles sera traitée par l'équipe, dans le respect du RGPD.",
  legal: "Cette question mérite une réponse directe de l'équipe.",
  out_of_scope:
    "Cette question sort de ce qu'Audrey et Carole peuvent t'apporter ici (automatisation, tunnels de vente, emails, Instagram, contenu, design) : c'est l'équipe qui y répondra.",
};

const GENERIC_OPENING = 'Merci pour ton message.';

/**
 * The opening for the visitor's own health, symptoms or exhaustion (local/escalation-out-of-scope.ts
 * `speaksOfOwnHealth`): "cette question sort de ce qu'Audrey et Carole peuvent t'apporter (automatisation…)"
 * read cold to someone who cries every day or is on sick leave (blind round 15).
 */
const OWN_HEALTH_OPENING = "Prends bien soin de toi : ta santé passe avant tout le reste, et ce n'est pas à une assistante d'en juger.";

/**
 * What really happens next (docs/escalation.md, handover/): the conversation waits for a person,
 * an operator joins it from the inbox and answers here; if nobody has joined after
 * HANDOVER_OPERATOR_WAIT_SECONDS, the visitor gets the notice that says when the team is there
 * (SUPPORT_HOURS). No promise of an email or of a delay the team does not control. Said once: the
 * openings do not repeat that the team takes over, and the widget adds no notice of its own.
 */
const WHO_FOLLOWS_UP = "une personne va te répondre ici même, dans cette conversation, dès qu'elle est disponible.";
const WHAT_HAPPENS_NEXT =
  "Si personne ne peut le faire tout de suite, un message ici te dira quand l'équipe sera là. " +
  "Tu n'as rien d'autre à faire ; si tu veux ajouter un détail, écris-le ici : la personne qui prend le relais le lira.";
const FOLLOW_UP = `J'ai transmis ta demande à l'équipe : ${WHO_FOLLOWS_UP} ${WHAT_HAPPENS_NEXT}`;

/**
 * A follow-up ("merci", "ok") right after the conversation was handed to a person: the case is
 * already with the team, no second case is opened.
 */
export const ALREADY_WITH_THE_TEAM_REPLY =
  "C'est noté ! Ta demande est déjà entre les mains de l'équipe : une personne te répond ici, dans cette conversation, dès qu'elle est disponible. Si tu veux ajouter une précision, écris-la ici, elle reste dans ta conversation.";

/** After the emergency numbers: the category's opening ("cette question sort de…") would read cold. */
const URGENT_FOLLOW_UP = `J'ai aussi prévenu l'équipe tout de suite : ${WHO_FOLLOWS_UP} ${WHAT_HAPPENS_NEXT}`;

/**
 * When no person can answer in this chat: no API process serves the operators' inbox (no admin login
 * is configured, handover/operator-inbox-advert.ts), so nobody could ever join the conversation. The
 * reply used to promise "une personne va te répondre ici même" all the same, and the visitor's next
 * messages were held for that person. Now it says so, points to the agency's own contact, and the
 * conversation stays with the agents (handover-pipeline.ts): the next question is answered.
 */
const NOBODY_CAN_ANSWER_HERE = `${NOBODY_HERE_CONTACT_THE_AGENCY} En attendant, Audrey et Carole restent là pour tes questions sur ton activité.`;
const URGENT_NOBODY_CAN_ANSWER_HERE =
  `${NOBODY_CAN_ANSWER_IN_THIS_CHAT} : appelle les numéros que je viens de te donner, quelqu'un y répond tout de suite.`;
/** "Bien sûr !" before "nobody can answer here" reads as a yes to the request it turns down. */
const NOBODY_CAN_ANSWER_HUMAN_OPENING = "Je comprends que tu préfères parler à quelqu'un.";

/**
 * The opening for a loss the visitor tells ("mon mari est décédé, je dois mettre en pause", local/bereavement.ts): "les
 * questions de paiement… sont traitées directement par l'équipe" read cold to her (a probe of `pnpm start`, 2026-12-05).
 */
const BEREAVEMENT_OPENING = "Je suis sincèrement désolée pour ta perte, et merci de nous l'avoir dit : l'équipe trouvera avec toi la meilleure solution pour la suite.";

/**
 * The reply for an escalation of `category` (a generic opening when none is known). A message in
 * distress or describing a medical emergency (urgent-help.ts) first says where to get help now; one
 * where the visitor speaks of their own health (`ownHealth`) opens with care for them, one telling of a loss (`bereavement`)
 * with condolences.
 */
export function escalationReply(
  category?: EscalationCategory,
  urgentHelp: UrgentHelp | null = null,
  { ownHealth = false, bereavement = false, personCanAnswerHere = true }: { ownHealth?: boolean; bereavement?: boolean; personCanAnswerHere?: boolean } = {},
): string {
  if (urgentHelp !== null) return `${URGENT_HELP_LINES[urgentHelp]} ${personCanAnswerHere ? URGENT_FOLLOW_UP : URGENT_NOBODY_CAN_ANSWER_HERE}`;
  if (ownHealth) return `${OWN_HEALTH_OPENING} ${personCanAnswerHere ? FOLLOW_UP : NOBODY_CAN_ANSWER_HERE}`;
  if (bereavement) return `${BEREAVEMENT_OPENING} ${personCanAnswerHere ? FOLLOW_UP : NOBODY_CAN_ANSWER_HERE}`;
  if (!personCanAnswerHere) return `${category === 'human' ? NOBODY_CAN_ANSWER_HUMAN_OPENING : category === undefined ? GENERIC_OPENING : openings[category]} ${NOBODY_CAN_ANSWER_HERE}`;
  return `${category === undefined ? GENERIC_OPENING : openings[category]} ${FOLLOW_UP}`;
}

