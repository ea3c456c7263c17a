// One conversation of the inbox's list (imported by inbox.js): its state's badge (or "Demande
// retirée"), its id, how long it has waited, its category and holder, and whose words its last
// message is; the waiting times, moved on every second; and the tab's title.
import { categoryLabels, clockTime, shownId, stateLabels, waitedText } from './states.js';

/** The list item of `conversation`; `withdrawal`: the visitor withdrew it; `current`: it is open; `onOpen`: on click. */
export function conversationListItem(conversation, { withdrawal, current, onOpen }) {
  const item = document.createElement('li');
  const button = document.createElement('button');
  button.type = 'button';
  button.dataset.conversationId = conversation.conversation_id;
  if (current) button.setAttribute('aria-current', 'true');
  const badge = document.createElement('span');
  badge.className = `badge ${withdrawal ? 'withdrawn' : conversation.state}`;
  badge.textContent = withdrawal ? 'Demande retirée' : stateLabels[conversation.state];
  const title = document.createElement('strong');
  title.textContent = shownId(conversation.conversation_id);
  const meta = document.createElement('span');
  meta.className = 'meta';
  meta.dataset.waitingSince = conversation.state === 'waiting_human' ? conversation.waiting_since ?? '' : '';
  const category = conversation.escalation ? categoryLabels[conversation.escalation.category] ?? conversation.escalation.category : '';
  const holder = conversation.operator ? `avec ${conversation.operator.name}` : '';
  const withdrawnText = withdrawal ? `retirée par le visiteur à ${clockTime(withdrawal.at)}, revenue aux agents` : '';
  meta.textContent = [meta.dataset.waitingSince ? waitedText(meta.dataset.waitingSince) : '', withdrawnText, category, holder].filter(Boolean).join(' · ');
  const excerpt = document.createElement('span');
  excerpt.className = 'excerpt';
  // What the visitor wants: a waiting case's last message is the automatic hand-over reply or notice
  // (the same words for every case), so a case waiting for a person shows the visitor's last words.
  const lastMessage = conversation.last_message;
  const visitorWords = conversation.state === 'waiting_human' ? conversation.last_visitor_message : null;
  excerpt.textContent = visitorWords ? `Visiteur : ${visitorWords}` : lastMessage ? `${excerptLabelOf(lastMessage)} : ${lastMessage.content}` : '';
  button.append(badge, title, meta, excerpt);
  button.addEventListener('click', onOpen);
  item.append(button);
  return item;
}

/**
 * Whose words an excerpt is: the visitor's, a notice of the hand-over (`author` system: the "nobody
 * is available" notice was labelled "Réponse", as if someone had answered), or an answer.
 */
function excerptLabelOf(message) {
  if (message.role === 'user') return 'Visiteur';
  return message.author === 'system' ? 'Message automatique' : 'Réponse';
}

/** Moves every waiting time shown on by one tick (called every second). */
export function tickWaitingTimes() {
  for (const meta of document.querySelectorAll('.meta[data-waiting-since]')) {
    if (!meta.dataset.waitingSince) continue;
    const parts = meta.textContent.split(' · ');
    parts[0] = waitedText(meta.dataset.waitingSince);
    meta.textContent = parts.join(' · ');
  }
}

/** Whether the list read under `filter` holds every case waiting for a person (else they are read apart, to be counted). */
export const listsEveryWaitingCase = (filter) => filter === 'open' || filter === 'waiting_human' || filter === 'all';

/**
 * The tab's title: an operator working in another tab sees a visitor waiting. `waitingCount` counts
 * every waiting case whatever the list shows (it followed the filter: a visitor waiting was not
 * counted while the list showed the conversations held by a person).
 */
export const tabTitleOf = (waitingCount) => `${waitingCount > 0 ? `(${waitingCount} en attente) ` : ''}Boîte de réception — conversations`;
