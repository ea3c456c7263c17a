// What the operators' inbox says of a conversation's state (imported by inbox.js): its labels, the
// line under the reply box, and the hand-overs the visitor withdrew, as the inbox remembers them.
export const stateLabels = { waiting_human: 'En attente', human: 'Tenue par une personne', ai: 'Avec les agents', closed: 'Fermée' };
export const categoryLabels = {
  human: 'demande une personne', billing: 'facturation', complaint: 'réclamation', account: 'accès au compte',
  personal_data: 'données personnelles', legal: 'question juridique', out_of_scope: 'hors sujet', other: 'autre',
};

export function waitedText(since) {
  if (!since) return '';
  const seconds = Math.max(0, Math.floor((Date.now() - Date.parse(since)) / 1000));
  if (seconds < 60) return `attend depuis ${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `attend depuis ${minutes} min`;
  return `attend depuis ${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/**
 * The line under the reply box: who may answer here, and what this operator can do. `heldByAnother`:
 * a colleague holds it; `operatorName`: this operator's, if known; `withdrawal`: the visitor withdrew.
 */
export function replyHintOf(detail, { heldByAnother, operatorName, withdrawal }) {
  if (detail.state === 'closed') return 'Conversation fermée : plus personne ne peut y répondre.';
  if (heldByAnother) {
    return `${detail.operator.name} a rejoint cette conversation : c’est ${detail.operator.name} qui répond au visiteur. Pour la reprendre, demande-lui de rendre la main aux agents, puis rejoins-la.`;
  }
  if (detail.state === 'human' && detail.operator && !operatorName) {
    return `${detail.operator.name} a rejoint cette conversation. Si c’est toi, indique ton nom en haut pour répondre.`;
  }
  if (detail.state === 'human') return 'Ctrl+Entrée envoie la réponse.';
  if (withdrawal) return 'Le visiteur n’attend plus personne. Pour lui écrire quand même, prends la main (bouton ci-dessus).';
  return 'Rejoins la conversation pour pouvoir répondre (Ctrl+Entrée envoie la réponse).';
}

// Hand-overs the visitor withdrew. The API keeps no trace of a withdrawal: the conversation is simply back with the agents (state
// `ai`). The inbox's event stream says why (a `state` event with reason `cancelled`): the inbox
// keeps that, for this tab (sessionStorage, so a reload keeps it), so the operator who saw the case
// waiting reads why it left the waiting list and is not invited to join it.
const STORAGE_KEY = 'lac_inbox_withdrawn';

export const clockTime = (iso) => new Date(iso).toLocaleTimeString('fr-FR', { hour: '2-digit', minute: '2-digit' });

/** Withdrawal marks by conversation id: { at, summary (the case as last listed), seen (opened since) }. */
export function createWithdrawals(storage = sessionStorage) {
  const marks = new Map(Object.entries(JSON.parse(storage.getItem(STORAGE_KEY) ?? '{}')));
  const save = () => storage.setItem(STORAGE_KEY, JSON.stringify(Object.fromEntries(marks)));
  return {
    /** The mark of a conversation the visitor withdrew and that is still with the agents, else undefined. */
    of(conversation) {
      return conversation?.state === 'ai' ? marks.get(conversation.conversation_id) : undefined;
    },

    /** A state event of the stream: marks a withdrawal (with the case as known), forgets it when the conversation moves on. */
    note(event, known) {
      const id = event.conversation_id;
      if (event.reason === 'cancelled') {
        const summary = known ? { ...known, messages: undefined, state: 'ai', operator: null, waiting_since: null, waiting_seconds: null } : undefined;
        marks.set(id, { at: event.at, summary, seen: false });
        save();
      } else if (marks.has(id) && event.reason !== 'snapshot') {
        marks.delete(id);
        save();
      }
    },

    /** The operator opened it: it leaves the cases to handle once they move on. */
    seen(conversationId) {
      const mark = marks.get(conversationId);
      if (mark && !mark.seen) {
        mark.seen = true;
        save();
      }
    },

    /** Withdrawn cases to add to a list of cases to handle: not listed, not opened since (or open now). */
    unread(listedIds, selectedId) {
      return [...marks.entries()]
        .filter(([id, mark]) => !listedIds.has(id) && mark.summary && (!mark.seen || id === selectedId))
        .map(([, mark]) => mark.summary);
    },
  };
}
