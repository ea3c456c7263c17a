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

// Hand-overs the visitor withdrew. The conversation keeps why its state last changed
// (`state_change_reason`, migration 0022): back with the agents (`ai`) because the visitor withdrew
// their request reads `cancelled`, so an inbox opened or reloaded afterwards says it as the one that
// heard the live event did. The operator who saw the case waiting reads why it left the waiting list
// and is not invited to join it.
const SEEN_KEY = 'lac_inbox_withdrawals_seen';
/** A withdrawal stays among the cases to handle for this long at most (a new browser does not list a week of them). */
const UNREAD_FOR_MS = 24 * 60 * 60 * 1000;
/** Withdrawals opened, remembered per browser (the most recent ones). */
const SEEN_KEPT = 500;

export const clockTime = (iso) => new Date(iso).toLocaleTimeString('fr-FR', { hour: '2-digit', minute: '2-digit' });

/** { at } when the visitor withdrew the hand-over and the conversation is still with the agents since, else undefined. */
export function withdrawalOf(conversation) {
  if (conversation?.state !== 'ai' || conversation.state_change_reason !== 'cancelled') return undefined;
  return { at: conversation.state_changed_at };
}

/**
 * The withdrawals this operator has opened, by conversation id and version of the withdrawal (a later
 * one is unread again), in this browser (localStorage: a reload or a new tab keeps them).
 */
export function createWithdrawals(storage = localStorage) {
  let seenVersions;
  try {
    seenVersions = new Map(Object.entries(JSON.parse(storage.getItem(SEEN_KEY) ?? '{}')));
  } catch {
    seenVersions = new Map();
  }
  const save = () => {
    while (seenVersions.size > SEEN_KEPT) seenVersions.delete(seenVersions.keys().next().value);
    storage.setItem(SEEN_KEY, JSON.stringify(Object.fromEntries(seenVersions)));
  };
  const isSeen = (conversation) => seenVersions.get(conversation.conversation_id) === conversation.version;
  return {
    of: withdrawalOf,

    /** The operator opened it: it leaves the cases to handle once they move on. */
    seen(conversation) {
      if (!withdrawalOf(conversation) || isSeen(conversation)) return;
      seenVersions.delete(conversation.conversation_id);
      seenVersions.set(conversation.conversation_id, conversation.version);
      save();
    },

    /**
     * Withdrawn cases to add to a list of cases to handle, among `withAgents` (conversations listed
     * with the agents): not listed already, withdrawn within a day, not opened since (or open now).
     */
    unread(withAgents, listedIds, selectedId, now = Date.now()) {
      return withAgents.filter((conversation) => {
        const withdrawal = withdrawalOf(conversation);
        if (!withdrawal || listedIds.has(conversation.conversation_id)) return false;
        if (now - Date.parse(withdrawal.at) > UNREAD_FOR_MS) return false;
        return !isSeen(conversation) || conversation.conversation_id === selectedId;
      });
    },
  };
}
