// What the operators' inbox says of a conversation (imported by inbox.js): its id, who wrote each
// message, its state's labels, the line under the reply box, the question before taking a
// colleague's conversation from them, and the hand-overs the visitor withdrew.
export const stateLabels = { waiting_human: 'En attente', human: 'Tenue par une personne', ai: 'Avec les agents', closed: 'Fermée' };
export const categoryLabels = {
  human: 'demande une personne', billing: 'facturation', complaint: 'réclamation', account: 'accès au compte',
  personal_data: 'données personnelles', legal: 'question juridique', out_of_scope: 'hors sujet', other: 'autre',
};

// Visitors choose their conversation ids: direction controls, invisible characters and spaces at
// either end are shown as their code point, so one id cannot pass for another (U+202E reversing it).
const DECEPTIVE_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u00ad\u034f\u061c\u115f\u1160\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\u{e0000}-\u{e007f}]|^\s+|\s+$/gu;
export function shownId(id) {
  return id.replace(DECEPTIVE_CHARACTERS, (match) =>
    Array.from(match, (character) => `⟦U+${character.codePointAt(0).toString(16).toUpperCase().padStart(4, '0')}⟧`).join(''),
  );
}

/** Which side wrote a message (its class in the transcript) and how it is named. */
export function whoOf(message) {
  if (message.author === 'visitor' || message.role === 'user') return ['visitor', 'Visiteur'];
  if (message.author === 'human') return ['human', `${message.operator_name ?? 'Équipe'} (humain)`];
  if (message.author === 'system') return ['system', 'Message automatique'];
  // The hand-over reply is the widget's "Relais à l’équipe", written by no agent the operator knows.
  if (message.agent === 'escalate') return ['agent', 'Relais à l’équipe (message automatique)'];
  const agent = message.agent === 'audrey' ? 'Audrey' : message.agent === 'carole' ? 'Carole' : 'Orchestrateur';
  return ['agent', `${agent} (agent IA)`];
}

export function waitedText(since) {
  if (!since) return '';
  const seconds = Math.max(0, Math.floor((Date.now() - Date.parse(since)) / 1000));
  if (seconds < 60) return `attend depuis ${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `attend depuis ${minutes} min`;
  return `attend depuis ${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/**
 * The question asked before handing back or closing a conversation a colleague holds (`action`:
 * 'handback' or 'close'), else null: `operatorName`, this operator's, if known (unknown: it may be
 * someone else's).
 */
export function takeOverQuestionOf(detail, action, operatorName) {
  if (detail.state !== 'human' || !detail.operator) return null;
  const holder = detail.operator.name;
  if (operatorName && holder.trim().toLowerCase() === operatorName.trim().toLowerCase()) return null;
  const what = action === 'close' ? 'Fermer cette conversation' : 'Rendre la main aux agents';
  return `${holder} tient cette conversation et répond au visiteur. ${what} à la place de ${holder} ? ${holder} ne pourra plus lui répondre.`;
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
  if (detail.state === 'human' && !operatorName) {
    const holder = detail.operator?.name ?? 'Une personne de l’équipe';
    return `${holder} a rejoint cette conversation. Indique ton nom en haut pour répondre : chaque réponse est signée du nom de qui l’écrit, et seule la personne qui a rejoint peut répondre.`;
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
