// The open conversation (imported by inbox.js): its title and state, the visitor's withdrawal, the
// actions this operator can take, the reply box and the line under it, and its transcript.
import { clockTime, replyHintOf, shownId, stateLabels } from './states.js';
import { renderTranscript } from './transcript.js';

const $ = (id) => document.getElementById(id);

/** Draws `detail` (a conversation read with its messages); `withdrawal`: the visitor withdrew it; `operatorName`: this operator's, if known. */
export function drawConversation(detail, { withdrawal, operatorName }) {
  $('empty').hidden = true;
  $('conversation').hidden = false;
  const holder = detail.operator ? ` — avec ${detail.operator.name}` : '';
  $('conversation-title').textContent = `${shownId(detail.conversation_id)} · ${withdrawal ? 'Demande retirée, avec les agents' : stateLabels[detail.state]}${holder}`;
  $('withdrawn-notice').hidden = !withdrawal;
  if (withdrawal) {
    $('withdrawn-notice').textContent = `Le visiteur a retiré sa demande à ${clockTime(withdrawal.at)} : les agents lui répondent de nouveau. Rien à faire de ton côté.`;
  }
  // A conversation with the agents can be taken over too, before the visitor asks for a person; one
  // the visitor withdrew from the team only deliberately (a secondary action, said so).
  $('join').disabled = !(detail.state === 'ai' || detail.state === 'waiting_human');
  $('join').textContent = withdrawal ? 'Prendre la main quand même' : 'Rejoindre';
  $('join').classList.toggle('secondary', Boolean(withdrawal));
  $('handback').disabled = !(detail.state === 'waiting_human' || detail.state === 'human');
  $('close').disabled = detail.state === 'closed';
  // Only the person who joined writes to the visitor (the server refuses the others too: 409).
  const heldByAnother = detail.state === 'human' && detail.operator && operatorName && detail.operator.name.trim().toLowerCase() !== operatorName.toLowerCase();
  // With the shared login, a reply is signed with the name typed: none typed, nothing is sent (the
  // server would sign it with the holder's name, whoever wrote it); the line under the box says why.
  $('send').disabled = detail.state !== 'human' || Boolean(heldByAnother) || !operatorName;
  // Nothing to type where this operator cannot answer (a draft would be lost); a waiting case can be drafted before joining.
  $('reply-text').disabled = detail.state === 'closed' || Boolean(heldByAnother);
  $('reply-text').placeholder = heldByAnother ? `${detail.operator.name} répond au visiteur dans cette conversation.` : 'Ta réponse au visiteur…';
  $('reply-hint').textContent = replyHintOf(detail, { heldByAnother, operatorName, withdrawal });
  renderTranscript($('transcript'), detail.messages);
}
