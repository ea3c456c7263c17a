import type { ReplyAgent } from '../client/chat-reply.ts';

/** How each answerer is shown. An escalation's badge says plainly that the team takes over (its text is automatic: no person wrote it). */
export const agentBadgeLabels: Record<ReplyAgent, string> = {
  audrey: '👩‍💼 Audrey',
  carole: '🎨 Carole',
  escalate: '🙋 Relais à l’équipe',
  unknown: '💬 Assistante',
};
