// Where the operator is in the inbox (imported by inbox.js): the open conversation, kept in the
// address (#conversation=<id>) so that a reload, or a link pasted to a colleague, opens it again;
// and the reply being typed, kept per conversation for this tab (sessionStorage, emptied at logout), so that a reload
// does not lose it and a draft written for one visitor never stays in the box when another
// conversation is opened (it would be sent to that visitor).

const DRAFT_PREFIX = 'lac_inbox_draft:';
const HASH_KEY = 'conversation';

/** The conversation id the address names, if any. */
export function conversationInAddress(hash = location.hash) {
  const value = new URLSearchParams(hash.replace(/^#/, '')).get(HASH_KEY);
  return value ? value : undefined;
}

/** Names `conversationId` (or none) in the address, without a new history entry. */
export function showConversationInAddress(conversationId) {
  const hash = conversationId ? `#${HASH_KEY}=${encodeURIComponent(conversationId)}` : '';
  history.replaceState(null, '', `${location.pathname}${location.search}${hash}`);
}

/** Said instead of a conversation the server says is gone (404) or impossible (400: an address cut or mistyped). */
export const NO_SUCH_CONVERSATION = {
  400: 'Cette conversation n’existe pas : l’adresse ne nomme aucune conversation possible (lien coupé ou mal recopié ?).',
  404: 'Cette conversation n’existe plus (effacée à la demande du visiteur ?).',
};

export function createDrafts(storage = sessionStorage) {
  const keyOf = (conversationId) => `${DRAFT_PREFIX}${conversationId}`;
  return {
    of: (conversationId) => (conversationId ? (storage.getItem(keyOf(conversationId)) ?? '') : ''),
    keep(conversationId, text) {
      if (!conversationId) return;
      try {
        if (text.trim() === '') storage.removeItem(keyOf(conversationId));
        else storage.setItem(keyOf(conversationId), text);
      } catch {
        // A full or refused storage keeps the draft on screen only.
      }
    },
    forget: (conversationId) => conversationId && storage.removeItem(keyOf(conversationId)),
    /** Every draft of this tab: the operator logs out, the next one in this browser must not find (and send) them. */
    forgetAll() {
      const keys = Array.from({ length: storage.length }, (_, index) => storage.key(index));
      for (const key of keys) if (key?.startsWith(DRAFT_PREFIX)) storage.removeItem(key);
    },
  };
}
