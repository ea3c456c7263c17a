import type { ReplyAgent } from '../client/chat-reply.ts';

/** How each answerer is shown. An escalation says plainly that a person takes over. */
export const agentBadgeLabels: Record<ReplyAgent, string> = {
  audrey: '👩‍💼 Audrey',
  carole: '🎨 Carole',
  escalate: '🙋 Équipe humaine',
  unknown: '💬 Assistante',
};

export const ESCALATION_NOTICE = 'Ta demande est transmise à une personne de l’équipe, qui te répondra directement.';
