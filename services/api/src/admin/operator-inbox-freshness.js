// Whether the inbox's screen is up to date (imported by inbox.js), said in the header's pill, and
// the reads that failed, tried again. An event of the stream only says "this conversation changed":
// the page then reads the list and the open conversation. A read that fails (the operator's network
// dropped while the stream still delivered, the API restarting) used to be dropped, and the screen
// stayed as it was until the next event: a visitor's messages sent meanwhile never showed. Now a
// failed read is tried again (2 s, then up to 15 s apart, at once when the browser says it is back
// online) until one succeeds, and the pill says the screen is waiting for it. In a hidden tab the
// retries wait (they went on every 15 s in tabs nobody looked at); back in sight, one at once. After
// a 401 (signedOut) nothing is tried again and the pill says the operator is logged out.

import { createVisibleTimer } from './visible-timer.js';

const RETRY_DELAYS_MS = [2_000, 4_000, 8_000, 15_000];

/** Said when a request did not reach the server (a reply is sent with its Idempotency-Key: sending it again stores it once). */
export const UNREACHABLE_TEXT = 'Le serveur n’a pas pu être joint (connexion perdue ?). Réessaie dans un instant : une réponse renvoyée n’est enregistrée qu’une fois.';

/**
 * `pill`: the #connection element; `readAgain()`: reads what is shown again (the list and the open
 * conversation). Returns `streamOpened()`, `streamFailed()` (the event stream), `signedOut()`, `read(key, promise)`
 * (a read of the screen: `key` names what it reads, 'list' or 'detail').
 */
export function createFreshness({ pill, readAgain, windowObject = window }) {
  let streamOpen = false;
  let streamEverOpened = false; // before the first stream: "Connexion…", as the page starts; after: "Reconnexion…"
  let signedOut = false;
  const failing = new Set();
  let attempt = 0;
  const retry = createVisibleTimer(() => {
    if (!signedOut) readAgain();
  }, { documentObject: windowObject.document });

  const show = () => {
    const offline = windowObject.navigator.onLine === false;
    const [state, text] = signedOut
      ? ['signed_out', 'Déconnecté·e']
      : offline
        ? ['offline', 'Hors ligne : l’écran n’est plus à jour']
        : !streamOpen
          ? ['connecting', streamEverOpened ? 'Reconnexion…' : 'Connexion…']
          : failing.size > 0
            ? ['stale', 'Mise à jour en attente…']
            : ['live', 'En direct'];
    pill.dataset.state = state;
    pill.textContent = text;
  };
  const scheduleRetry = () => {
    if (retry.pending() || signedOut) return;
    if (windowObject.document.visibilityState === 'hidden') {
      retry.schedule(0); // read as the tab is shown
      return;
    }
    const delay = RETRY_DELAYS_MS[Math.min(attempt, RETRY_DELAYS_MS.length - 1)];
    attempt += 1;
    retry.schedule(delay);
  };

  windowObject.addEventListener('offline', show);
  windowObject.addEventListener('online', () => {
    show();
    retry.runNow();
  });

  return {
    streamOpened() {
      streamOpen = true;
      streamEverOpened = true;
      show();
    },
    streamFailed() {
      streamOpen = false;
      show();
    },
    /** The server refused the credentials (401): nothing more is tried, the pill says so. */
    signedOut() {
      signedOut = true;
      retry.cancel();
      show();
    },
    /** Follows one read of the screen: a failure is tried again, a success clears it. Never rejects. */
    async read(key, promise) {
      try {
        const value = await promise;
        failing.delete(key);
        if (failing.size === 0) attempt = 0;
        show();
        return value;
      } catch {
        failing.add(key);
        show();
        scheduleRetry();
        return undefined;
      }
    },
  };
}
