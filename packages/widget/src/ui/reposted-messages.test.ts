import { Window } from 'happy-dom';
import { afterAll, describe, expect, it } from 'vitest';
import { forgetReposted, hideRepostedDuplicates, markAnswerOfReposted, markReposted, settleAcceptedPost } from './reposted-messages.ts';
import { renderPendingAssistantMessage, renderUserMessage } from './message-rendering.ts';

/**
 * A message posted again after a reload, shown beside the server's thread read at once: never twice,
 * whether the server holds it (hidden, then removed once its 202 names a job the thread shows) or not.
 */
const window = new Window({ url: 'http://localhost:3000/' });
const document = window.document as unknown as Document;
afterAll(async () => window.happyDOM.close());

function serverQuestion(text: string, jobId: string): HTMLLIElement {
  const item = renderUserMessage(document, text);
  Object.assign(item.dataset, { restored: 'true', fromServer: 'true', jobId });
  return item;
}

function repostedCopy(messages: HTMLOListElement, text: string, key: string): { user: HTMLLIElement; answer: HTMLLIElement } {
  const user = renderUserMessage(document, text);
  markReposted(user, key);
  const answer = renderPendingAssistantMessage(document);
  messages.append(user, answer);
  markAnswerOfReposted(answer, user);
  return { user, answer };
}

const hidden = (messages: HTMLOListElement) => Array.from(messages.children).filter((item) => (item as HTMLElement).dataset.duplicate === 'true');

describe('messages posted again after a reload', () => {
  it('hides the copy and its pending answer while the server thread shows a message of its text, one copy for one message', () => {
    const messages = document.createElement('ol');
    messages.append(serverQuestion('Bonjour', 'job-1'));
    const first = repostedCopy(messages, 'Bonjour', 'key-1');
    const second = repostedCopy(messages, 'Bonjour', 'key-2');
    const other = repostedCopy(messages, 'Autre chose', 'key-3');
    hideRepostedDuplicates(messages);
    expect(hidden(messages)).toEqual([first.user, first.answer]);
    expect([second.user, other.user].every((item) => item.dataset.duplicate === undefined)).toBe(true);
  });

  it('removes the copy once its 202 names a job the server thread shows', () => {
    const messages = document.createElement('ol');
    messages.append(serverQuestion('Bonjour', 'job-1'));
    const copy = repostedCopy(messages, 'Bonjour', 'key-1');
    hideRepostedDuplicates(messages);
    expect(settleAcceptedPost(messages, copy.user, copy.answer, 'job-1')).toBe(true);
    expect(Array.from(messages.children)).toHaveLength(1);
  });

  it('shows the copy once its 202 names another job (a message of the same text, earlier), or it was refused by the limit', () => {
    const messages = document.createElement('ol');
    messages.append(serverQuestion('Oui', 'job-1'));
    const copy = repostedCopy(messages, 'Oui', 'key-1');
    hideRepostedDuplicates(messages);
    expect(settleAcceptedPost(messages, copy.user, copy.answer, 'job-2')).toBe(false);
    expect(hidden(messages)).toEqual([]);
    expect(messages.contains(copy.user) && messages.contains(copy.answer)).toBe(true);
    // Settled: a later rebuild does not hide it again.
    hideRepostedDuplicates(messages);
    expect(hidden(messages)).toEqual([]);

    const refused = repostedCopy(messages, 'Oui', 'key-2');
    hideRepostedDuplicates(messages);
    expect(hidden(messages)).toEqual([refused.user, refused.answer]);
    forgetReposted(messages, refused.user);
    expect(hidden(messages)).toEqual([]);
  });

  it('removes a message of this page whose 202 came after a thread read already showing its job (the read raced the post)', () => {
    const messages = document.createElement('ol');
    messages.append(serverQuestion('Et pour Zapier ?', 'job-7'));
    const user = renderUserMessage(document, 'Et pour Zapier ?');
    const answer = renderPendingAssistantMessage(document);
    messages.append(user, answer);
    expect(settleAcceptedPost(messages, user, answer, 'job-7')).toBe(true);
    expect(Array.from(messages.children).map((item) => (item as HTMLElement).dataset.jobId)).toEqual(['job-7']);
    // Another job: the message stays, as any accepted one.
    const next = renderUserMessage(document, 'Et pour Zapier ?');
    const nextAnswer = renderPendingAssistantMessage(document);
    messages.append(next, nextAnswer);
    expect(settleAcceptedPost(messages, next, nextAnswer, 'job-8')).toBe(false);
    expect(messages.children).toHaveLength(3);
  });

  it('leaves the messages of this page alone', () => {
    const messages = document.createElement('ol');
    messages.append(serverQuestion('Bonjour', 'job-1'), renderUserMessage(document, 'Bonjour'));
    hideRepostedDuplicates(messages);
    expect(hidden(messages)).toEqual([]);
  });
});
