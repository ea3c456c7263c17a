// Who works in the inbox and how they leave it (imported by inbox.js): the name typed with the shared
// login (kept in this browser for the next visit), the logout, and the screen said when the server no
// longer takes this tab's credentials.
//
// The name used to outlive a logout: the next operator of a shared browser found the previous one's
// name typed in, and joined and replied under it. The logout now forgets it with the drafts.

const NAME_KEY = 'lac_operator_name';
/**
 * The logout told to this browser's other inbox tabs. Found by review: a tab left open beside the one
 * where the operator logged out kept its stream, said "En direct" and kept receiving every
 * conversation's events (the visitors' words with them) until the next event made it read and meet
 * the 401; on a quiet evening, for as long as nothing happened. They now stop at once.
 */
const SESSION_CHANNEL = 'lac-admin-session';

function sessionChannel() {
  try {
    return new BroadcastChannel(SESSION_CHANNEL);
  } catch {
    return undefined; // no BroadcastChannel: the other tabs learn it at their next read (401)
  }
}

/** `onLoggedOut()` when the operator logs out in another tab of this browser. */
export function followLogoutsElsewhere(onLoggedOut) {
  sessionChannel()?.addEventListener('message', (event) => {
    if (event.data?.type === 'logged_out') onLoggedOut();
  });
}

/** The shared login's name field: filled with the name kept, kept when changed; `onInput` on every keystroke. */
export function keepOperatorName(input, onInput) {
  input.value = localStorage.getItem(NAME_KEY) ?? '';
  input.addEventListener('change', () => localStorage.setItem(NAME_KEY, input.value.trim()));
  input.addEventListener('input', onInput);
}

/**
 * Ends the operator's session: `beforeLeaving()` (the stream closed), the drafts and the name of this
 * browser forgotten, then the logout. Basic auth has no session to end: the browser keeps the
 * credentials until it closes. The logout route answers 401 to credentials deliberately wrong (sent
 * instead of the cached ones, without a prompt): the browser forgets the admin realm's credentials.
 * Then a page that asks for none.
 */
export function logOut({ drafts, beforeLeaving }) {
  beforeLeaving();
  const channel = sessionChannel();
  channel?.postMessage({ type: 'logged_out' });
  channel?.close();
  drafts.forgetAll(); // the next operator in this tab (a shared browser) finds none of them
  try {
    localStorage.removeItem(NAME_KEY); // nor this operator's name, under which they would join and reply
  } catch {
    // A refused storage kept nothing.
  }
  const xhr = new XMLHttpRequest();
  xhr.open('POST', '/admin/logout', true, 'deconnexion', `deconnexion-${Date.now()}`);
  xhr.onloadend = () => location.replace('/admin/logged-out');
  xhr.send();
}

/** The server refused this tab's credentials (401): said at the top of the page, with the way back to the login. */
export function showSignedOut(banner) {
  banner.hidden = false;
  banner.querySelector('a')?.focus();
}
