// The operators' inbox (no framework). Reads /admin/conversations…, follows
// /admin/conversations/events (SSE) and refreshes what an event touches. Text is
// always set with textContent (visitor text never becomes markup).
import { createWithdrawals, shownId, takeOverQuestionOf } from './states.js';
import { scrollToEnd } from './transcript.js';
import { drawConversation } from './conversation.js';
import { conversationListItem, listsEveryWaitingCase, tabTitleOf, tickWaitingTimes } from './list.js';
import { createFreshness } from './freshness.js';
import { conversationInAddress, createDrafts, NO_SUCH_CONVERSATION, showConversationInAddress } from './place.js';
import { createRequest } from './request.js';
import { followEventStream } from './stream.js';
import { followLogoutsElsewhere, keepOperatorName, logOut, showSignedOut } from './session.js';

const api = '/admin/conversations';
const $ = (id) => document.getElementById(id);
// withAgents: the conversations back with the agents, read beside the cases to handle (withdrawals among them);
// waitingCount: the visitors waiting for a person, whatever the list shows (the tab's title says it).
const state = { selected: null, conversations: [], withAgents: [], detail: null, waitingCount: 0 };
// Hand-overs the visitor withdrew: said in the list and in the open conversation (see the module).
const withdrawals = createWithdrawals();
const withdrawalOf = (conversation) => withdrawals.of(conversation);
const showsWithdrawnCases = (filter) => filter === 'open' || filter === 'waiting_human';
// The reply being typed, per conversation (a reload keeps it; it never follows the operator to another visitor).
const drafts = createDrafts();
// Failed reads of the screen are tried again; the header's pill says when the screen is not up to date.
const freshness = createFreshness({ pill: $('connection'), readAgain: () => scheduleRefresh(state.selected) });

// Logged in with an own account (ADMIN_ACCOUNTS), the page names the operator (#operator-account)
// and the server signs with that name; with the shared login, the operator types theirs.
const account = $('operator-account');
const nameInput = $('operator-name');
// Who may answer depends on the name: the open conversation's buttons follow it.
if (nameInput) keepOperatorName(nameInput, () => renderDetail());
const operatorName = () => (account ? account.dataset.displayName : nameInput.value.trim() || undefined);

// A 401 from any request (or the stream's check): logged out elsewhere or credentials withdrawn.
function signedOut() {
  stream.stop();
  freshness.signedOut();
  showSignedOut($('signed-out'));
}
const request = createRequest({ onSignedOut: signedOut });

/**
 * The conversations shown: the list asked for and, among the cases to handle, those the visitor
 * withdrew that this operator has not opened since (they left the waiting list: said, not vanished).
 */
function shownConversations() {
  if (!showsWithdrawnCases($('filter').value)) return state.conversations;
  const listed = new Set(state.conversations.map((conversation) => conversation.conversation_id));
  return [...state.conversations, ...withdrawals.unread(state.withAgents, listed, state.selected)];
}

function renderList() {
  const list = $('conversations');
  // Drawn anew on every event: the operator moving through it with the keyboard keeps their place.
  const focusedId = document.activeElement?.closest?.('#conversations button')?.dataset.conversationId;
  list.replaceChildren();
  const conversations = shownConversations();
  $('count').textContent = `(${conversations.length})`;
  // Said in the tab's title too: an operator working in another tab sees a visitor waiting.
  document.title = tabTitleOf(state.waitingCount);
  for (const conversation of conversations) {
    const onOpen = () => select(conversation.conversation_id, true);
    list.append(conversationListItem(conversation, { withdrawal: withdrawalOf(conversation), current: conversation.conversation_id === state.selected, onOpen }));
  }
  if (focusedId) list.querySelector(`button[data-conversation-id="${CSS.escape(focusedId)}"]`)?.focus();
}

function renderDetail() {
  if (state.detail) drawConversation(state.detail, { withdrawal: withdrawalOf(state.detail), operatorName: operatorName() });
}

let listReads = 0; // only the latest read of the list is shown (an older one answering late may be of another filter)
async function refreshList() {
  const [filter, ticket] = [$('filter').value, ++listReads];
  // The waiting cases are counted whatever the filter: read apart when the list does not hold them all.
  const [body, withAgents, waiting] = await Promise.all([
    request(`${api}?state=${encodeURIComponent(filter)}&limit=200`),
    showsWithdrawnCases(filter) ? request(`${api}?state=ai&limit=200`) : null,
    listsEveryWaitingCase(filter) ? null : request(`${api}?state=waiting_human&limit=200`),
  ]);
  if (ticket !== listReads) return;
  [state.conversations, state.withAgents] = [body.conversations, withAgents?.conversations ?? []];
  state.waitingCount = (waiting ?? body).conversations.filter((conversation) => conversation.state === 'waiting_human').length;
  renderList();
}

// Reads of the open conversation answer in any order (a slow one, then the operator opened another):
// only the latest read of the conversation still open is shown, never another visitor's transcript.
let detailReads = 0;
async function refreshDetail() {
  if (!state.selected) return;
  const [conversationId, ticket] = [state.selected, ++detailReads];
  const detail = await request(`${api}/${encodeURIComponent(conversationId)}`).catch((error) => (NO_SUCH_CONVERSATION[error.status] ? error.status : Promise.reject(error)));
  if (ticket !== detailReads || conversationId !== state.selected) return;
  if (typeof detail === 'number') return closeConversation(NO_SUCH_CONVERSATION[detail]);
  state.detail = detail;
  renderDetail();
}

/** Nothing of the open conversation stays on screen (erased, or gone); `why` is said instead. */
function closeConversation(why) {
  showConversationInAddress(undefined);
  $('reply-text').value = '';
  document.body.dataset.view = 'list';
  state.selected = null;
  state.detail = null;
  $('transcript').replaceChildren();
  $('conversation').hidden = true;
  $('empty').hidden = false;
  $('status').textContent = why;
}

async function select(conversationId, moveFocus) {
  if (conversationId !== state.selected) {
    drafts.keep(state.selected, $('reply-text').value);
    $('reply-text').value = drafts.of(conversationId);
    state.detail = null; // nothing of the previous conversation stays on screen (nor acts) until this one is read
    $('transcript').replaceChildren();
    for (const id of ['join', 'handback', 'close', 'send']) $(id).disabled = true;
    $('conversation-title').textContent = `${shownId(conversationId)} · …`;
  }
  state.selected = conversationId;
  showConversationInAddress(conversationId);
  document.body.dataset.view = 'conversation';
  const shown = shownConversations().find((conversation) => conversation.conversation_id === conversationId);
  if (shown) withdrawals.seen(shown);
  $('status').textContent = '';
  renderList();
  await freshness.read('detail', refreshDetail());
  // On a phone the conversation fills the screen, header scrolled away: the reply box and its status line in sight.
  if (matchMedia('(max-width: 700px)').matches) document.querySelector('main > section').scrollIntoView();
  if (moveFocus) $('conversation-title').focus({ preventScroll: true });
}
// On a narrow screen the list and the open conversation take turns: this goes back to the list.
$('back-to-list').addEventListener('click', () => {
  document.body.dataset.view = 'list';
  document.querySelector('#conversations button[aria-current="true"]')?.focus();
});

/**
 * Sends an operator action; true when the server took it. A refresh that fails afterwards is said
 * apart: the action was done (a reply kept in the box as if unsent was sent twice by a second click).
 */
async function act(action, body, headers = {}) {
  $('status').textContent = '';
  try {
    await request(`${api}/${encodeURIComponent(state.selected)}/${action}`, { method: 'POST', body: JSON.stringify(body ?? {}), headers });
  } catch (error) {
    $('status').textContent = error.message;
    // Refused by the conversation's state (409: another operator took it first, it was closed…):
    // the screen shows the conversation as it is now, held by whom.
    if (error.status === 409) await Promise.all([refreshDetail(), refreshList()]).catch(() => undefined);
    return false;
  }
  try {
    await Promise.all([refreshDetail(), refreshList()]);
  } catch (error) {
    $('status').textContent = `C’est fait, mais l’affichage n’a pas pu être mis à jour : ${error.message}`;
  }
  return true;
}

/** One key per reply, kept for its retries (same conversation, same text): the server stores it once. */
let pendingReply = null;
function replyKeyFor(conversationId, text) {
  if (pendingReply?.conversationId !== conversationId || pendingReply.text !== text) {
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    pendingReply = { conversationId, text, key: Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('') };
  }
  return pendingReply.key;
}

// Taking a conversation needs a name: two operators joining without one would both "hold" it under
// the shared admin login (a join is idempotent for the same name), each thinking they answer.
$('join').addEventListener('click', () => {
  if (!operatorName()) {
    $('status').textContent = 'Indique ton nom avant de prendre la conversation : il est affiché au visiteur et évite que deux personnes la prennent.';
    nameInput?.focus();
    return;
  }
  void act('join', { operator_name: operatorName() }).then((joined) => joined && $('reply-text').focus());
});
// Handing back or closing a conversation a colleague holds takes it from them: asked first, naming them.
for (const action of ['handback', 'close']) {
  $(action).addEventListener('click', () => {
    const question = state.detail ? takeOverQuestionOf(state.detail, action, operatorName()) : null;
    if (question && !confirm(question)) return;
    // The button pressed is now disabled: focus goes to the title, which says the new state (not lost to the page).
    void act(action, { ...(operatorName() ? { operator_name: operatorName() } : {}) }).then((done) => done && $('conversation-title').focus());
  });
}
$('reply-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const text = $('reply-text').value.trim();
  // Ctrl+Entrée submits the form whatever the button says: the same rule as the button.
  if (!text && !$('send').disabled) $('status').textContent = 'Rien à envoyer : la réponse est vide.';
  if (!text || $('send').disabled) return;
  // Another conversation may be opened meanwhile: only the sent one's draft is cleared, never the open one's.
  const conversationId = state.selected;
  const key = replyKeyFor(conversationId, text);
  if (await act('messages', { text, ...(operatorName() ? { operator_name: operatorName() } : {}) }, { 'idempotency-key': key })) {
    pendingReply = null;
    if (drafts.of(conversationId).trim() === text) drafts.forget(conversationId);
    if (state.selected !== conversationId) return;
    if ($('reply-text').value.trim() === text) $('reply-text').value = '';
    scrollToEnd($('transcript')); // the operator sees the reply they sent, wherever they had scrolled
  }
  if (state.selected === conversationId) $('reply-text').focus();
});
$('reply-text').addEventListener('input', () => drafts.keep(state.selected, $('reply-text').value));
$('reply-text').addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
    event.preventDefault();
    $('reply-form').requestSubmit();
  }
});
$('filter').addEventListener('change', () => void refreshList());

// Live: one stream of every conversation's events; refresh what changed (coalesced).
let listTimer;
function scheduleRefresh(conversationId) {
  clearTimeout(listTimer);
  listTimer = setTimeout(() => void freshness.read('list', refreshList()), 50);
  if (conversationId === state.selected) void freshness.read('detail', refreshDetail());
}
const stream = followEventStream({
  url: `${api}/events`,
  onOpen() {
    freshness.streamOpened();
    scheduleRefresh(state.selected);
  },
  onDropped: () => freshness.streamFailed(),
  // A stream refused, a 401 among the reasons? EventSource does not say: a read does.
  stillSignedIn: (signal) => request(`${api}?state=waiting_human&limit=1`, { signal }).then(() => true, (error) => error.status !== 401),
  onSignedOut: signedOut,
  on: {
    message: (event) => scheduleRefresh(JSON.parse(event.data).conversation_id),
    state: (event) => scheduleRefresh(JSON.parse(event.data).conversation_id),
    // The API may have missed events (its Redis subscription came back): read again what is shown.
    resync: () => scheduleRefresh(state.selected),
    // The visitor erased a conversation: nothing of it stays on screen.
    erased(event) {
      const { conversation_id: erased } = JSON.parse(event.data);
      drafts.forget(erased);
      if (erased === state.selected) closeConversation('La conversation ouverte a été effacée à la demande du visiteur.');
      state.conversations = state.conversations.filter((conversation) => conversation.conversation_id !== erased);
      renderList();
      scheduleRefresh(undefined);
    },
  },
});

setInterval(tickWaitingTimes, 1000); // waiting times move on their own

$('logout').addEventListener('click', () => logOut({ drafts, beforeLeaving: () => stream.stop() }));
// Logged out in another tab: this one stops too, and forgets its drafts as that tab did.
followLogoutsElsewhere(() => {
  drafts.forgetAll();
  signedOut();
});

// A first read that fails is tried again like any other, and the header says why (never the raw error).
await freshness.read('list', refreshList());
stream.start();
// Reloaded (or opened from a link) with a conversation in the address: it opens again, with its draft.
if (conversationInAddress()) void select(conversationInAddress(), false);
// A link to a conversation pasted into this open tab changes the address only: it opens too.
addEventListener('hashchange', () => {
  const conversationId = conversationInAddress();
  if (conversationId && conversationId !== state.selected) void select(conversationId, true);
});
