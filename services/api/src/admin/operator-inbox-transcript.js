// The open conversation's transcript (imported by inbox.js). Every event of the conversation reads
// it again; drawing it anew each time (as before) threw the operator who had scrolled up to read
// back to the end, dropped the text they were selecting to copy, and had a screen reader announce
// the whole live region again. The messages already shown stay as they are: only new ones are
// added, and the view follows the end only when the operator was at the end already.
import { whoOf } from './states.js';

/** How close to the end (px) still counts as reading the end. */
const AT_END_PX = 40;

function itemOf(message) {
  const [kind, label] = whoOf(message);
  const item = document.createElement('li');
  item.className = kind;
  item.dataset.author = kind;
  item.dataset.messageId = message.id;
  const who = document.createElement('span');
  who.className = 'who';
  who.textContent = `${label} · ${new Date(message.created_at).toLocaleTimeString('fr-FR', { hour: '2-digit', minute: '2-digit' })}`;
  const text = document.createElement('span');
  text.textContent = message.content;
  item.append(who, text);
  return item;
}

/** Shows `messages` (oldest first) in `list` (the #transcript element), keeping what it shows already. */
export function renderTranscript(list, messages) {
  const atEnd = list.scrollHeight - list.scrollTop - list.clientHeight < AT_END_PX;
  const shown = [...list.children];
  const onlyAdded = shown.length <= messages.length && shown.every((item, index) => item.dataset.messageId === messages[index].id);
  if (!onlyAdded) list.replaceChildren();
  for (const message of messages.slice(onlyAdded ? shown.length : 0)) list.append(itemOf(message));
  if (atEnd || !onlyAdded) scrollToEnd(list);
}

export function scrollToEnd(list) {
  list.scrollTop = list.scrollHeight;
}
