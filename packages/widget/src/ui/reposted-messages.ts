/**
 * A message an earlier page of the tab posted, its answer lost to a reload, is posted again with its
 * Idempotency-Key (visitor-outbox.ts). The server may hold it already: in the history, or as an
 * unanswered job of the snapshot. The thread is shown at once all the same (it used to wait for that
 * post's answer, up to its five attempts), so the message must not show twice meanwhile: until the
 * post's 202 names its job, nothing but its text tells it from the server's copy. While the server's
 * thread shows a visitor message of the same text, the copy posted again (and its pending answer) is
 * hidden; once the 202 names the job, the copy goes if the server's thread shows that job, or shows if
 * not (a message of the same text typed earlier: it only showed once its post was answered).
 */
function itemsOf(messages: HTMLOListElement): HTMLLIElement[] {
  return Array.from(messages.children) as HTMLLIElement[];
}

function isServerQuestion(item: HTMLLIElement): boolean {
  return item.dataset.testid === 'message-user' && item.dataset.fromServer === 'true';
}

/** `userItem` holds a message posted by an earlier page, posted again with `idempotencyKey`. */
export function markReposted(userItem: HTMLLIElement, idempotencyKey: string): void {
  userItem.dataset.reposted = idempotencyKey;
}

/** The pending answer shown under `userItem` while it is posted: hidden with it. */
export function markAnswerOfReposted(assistantItem: HTMLLIElement, userItem: HTMLLIElement): void {
  if (userItem.dataset.reposted) assistantItem.dataset.repostedFor = userItem.dataset.reposted;
}

/** Hides each copy posted again that the server's thread may show already (one server message hides one copy). */
export function hideRepostedDuplicates(messages: HTMLOListElement): void {
  const items = itemsOf(messages);
  const serverTexts = new Map<string, number>();
  for (const item of items.filter(isServerQuestion)) serverTexts.set(item.textContent ?? '', (serverTexts.get(item.textContent ?? '') ?? 0) + 1);
  const hidden = new Set<string>();
  for (const item of items) {
    const key = item.dataset.reposted;
    const left = serverTexts.get(item.textContent ?? '') ?? 0;
    if (key === undefined || left === 0) continue;
    serverTexts.set(item.textContent ?? '', left - 1);
    hidden.add(key);
  }
  for (const item of items) {
    const key = item.dataset.reposted ?? item.dataset.repostedFor;
    if (key !== undefined && hidden.has(key)) item.dataset.duplicate = 'true';
    else delete item.dataset.duplicate;
  }
}

/** Not posted after all (refused before any work, a 429): no longer a copy of anything. */
export function forgetReposted(messages: HTMLOListElement, userItem: HTMLLIElement): void {
  const key = userItem.dataset.reposted;
  if (key === undefined) return;
  for (const item of itemsOf(messages)) {
    if (item.dataset.reposted === key || item.dataset.repostedFor === key) {
      delete item.dataset.reposted;
      delete item.dataset.repostedFor;
      delete item.dataset.duplicate;
    }
  }
  hideRepostedDuplicates(messages);
}

/**
 * The post of `userItem` was accepted as `jobId`: true when the server's thread shows that job
 * already (the copy and its pending answer are removed, the thread's own items are awaited), false
 * otherwise (the copy shows, and goes on as any message accepted). Not only for a message posted
 * again: a thread read (another tab's change) may answer between a post's arrival and its 202, with
 * the message in it, beside this tab's copy that had no job id yet to tell it by.
 */
export function settleAcceptedPost(messages: HTMLOListElement, userItem: HTMLLIElement, assistantItem: HTMLLIElement, jobId: string): boolean {
  const shown = itemsOf(messages).some((item) => item !== userItem && isServerQuestion(item) && item.dataset.jobId === jobId);
  forgetReposted(messages, userItem);
  if (!shown) return false;
  userItem.remove();
  assistantItem.remove();
  return true;
}
