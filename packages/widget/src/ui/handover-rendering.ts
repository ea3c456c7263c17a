import { element } from './message-rendering.ts';

/**
 * What the visitor sees of a person of the team (issue 12): their replies, with a person badge and
 * their display name, and the hand-over notices (joined, handed back, closed, the automatic
 * "nobody is available yet" message). All text is set with textContent.
 */
export const HUMAN_BADGE_PREFIX = '🧑';

export function humanBadgeText(operatorName: string | undefined): string {
  return `${HUMAN_BADGE_PREFIX} ${operatorName ?? 'Équipe'} · équipe`;
}

/** A reply written by a person of the team. */
export function renderHumanMessage(document: Document, reply: { id: string | undefined; text: string; operatorName: string | undefined }): HTMLLIElement {
  const item = element(document, 'li', 'message message-human');
  item.dataset.testid = 'message-human';
  if (reply.id) item.dataset.messageId = reply.id;
  const badge = element(document, 'span', 'human-badge', humanBadgeText(reply.operatorName));
  badge.dataset.testid = 'human-badge';
  badge.title = 'Une personne de l’équipe (pas un agent IA)';
  if (reply.operatorName) badge.dataset.operatorName = reply.operatorName;
  item.append(badge, element(document, 'p', 'message-text', reply.text));
  return item;
}

export type HandoverNoticeKind = 'joined' | 'handed_back' | 'cancelled' | 'cancel_failed' | 'closed' | 'system';

/** A centred notice in the thread (a state change, or an automatic message of the team's side). */
export function renderHandoverNotice(document: Document, kind: HandoverNoticeKind, text: string, messageId?: string): HTMLLIElement {
  const item = element(document, 'li', 'handover-notice', text);
  item.dataset.testid = 'handover-notice';
  item.dataset.kind = kind;
  item.setAttribute('role', 'note');
  if (messageId) item.dataset.messageId = messageId;
  return item;
}

export function joinedNoticeText(operatorName: string | undefined): string {
  return `${operatorName ?? 'Une personne de l’équipe'} a rejoint la conversation et te répond ici.`;
}

export function handedBackNoticeText(operatorName: string | undefined): string {
  return `${operatorName ?? 'La personne de l’équipe'} a rendu la main : Audrey et Carole te répondent à nouveau.`;
}

/** The visitor withdrew their hand-over request ("Annuler et revenir à l’assistante"). */
export const HANDOVER_CANCELLED_NOTICE_TEXT = 'C’est noté, tu n’attends plus personne : Audrey et Carole te répondent à nouveau.';

export const CLOSED_NOTICE_TEXT = 'L’équipe a clôturé cette conversation. Tu peux écrire à nouveau quand tu veux.';

/** The line under the header while a person holds the conversation; undefined: hidden. */
export function handoverStatusText(state: string, operatorName: string | undefined): string | undefined {
  if (state === 'waiting_human') return 'Une personne de l’équipe va prendre le relais ici.';
  if (state === 'human') return `Tu échanges avec ${operatorName ?? 'une personne de l’équipe'}, de l’équipe.`;
  return undefined;
}
