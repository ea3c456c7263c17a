import { describe, expect, it } from 'vitest';
import type { HistoryEntry } from '../client/chat-reply.ts';
import { installHappyDomGlobals } from '../testing/happy-dom-globals.ts';
import { renderHandoverNotice } from './handover-rendering.ts';
import { HandoverThread } from './handover-thread.ts';
import { renderAssistantMessage, renderUserMessage } from './message-rendering.ts';
import { rebuildThread } from './thread-refresh.ts';

/**
 * The thread rebuilt from a read of the server (another tab wrote) keeps the notices of state events
 * (not stored) after the item they followed. An answer written in this tab, or shown from an earlier
 * read, is found again in the read by its job or its message id: a notice shown after an answer
 * stayed after the question, above the answer, once the thread was read again.
 */
const { document } = installHappyDomGlobals('http://localhost:3000/');

function entry(fields: Partial<HistoryEntry> & Pick<HistoryEntry, 'role' | 'text'>): HistoryEntry {
  return { id: undefined, agent: 'audrey', sourceTitles: [], author: fields.role === 'user' ? 'visitor' : 'agent', operatorName: undefined, jobId: undefined, ...fields };
}

const entries = [
  entry({ id: '1', role: 'user', text: 'Ma question', jobId: 'job-1' }),
  entry({ id: '2', role: 'assistant', text: 'La réponse', jobId: 'job-1' }),
];

function setUp() {
  const messages = document.createElement('ol');
  const welcome = document.createElement('li');
  const status = document.createElement('p');
  const announcer = document.createElement('p');
  document.body.append(messages, status, announcer);
  const thread = new HandoverThread({ document, messages, status, announcer, beforeAppend: () => welcome.remove(), afterAppend: () => undefined });
  const rebuild = () => rebuildThread(document, messages, welcome, { entries, snapshot: undefined, conversationId: 'c1', thread });
  const kinds = () => Array.from(messages.children, (item) => (item as HTMLElement).dataset.testid);
  return { messages, rebuild, kinds };
}

describe('rebuildThread and the notices of state events', () => {
  it('keeps a notice shown after this tab’s own answer after that answer', () => {
    const { messages, rebuild, kinds } = setUp();
    const question = renderUserMessage(document, 'Ma question');
    const answer = renderAssistantMessage(document, { text: 'La réponse', agent: 'audrey', escalated: false, sourceTitles: [] });
    question.dataset.jobId = answer.dataset.jobId = 'job-1';
    messages.append(question, answer, renderHandoverNotice(document, 'joined', 'Léa a rejoint la conversation et te répond ici.'));
    rebuild();
    expect(kinds()).toEqual(['message-user', 'message-assistant', 'handover-notice']);
  });

  it('keeps it after the answer through a second read (the answer shown from the first)', () => {
    const { messages, rebuild, kinds } = setUp();
    rebuild();
    messages.append(renderHandoverNotice(document, 'handed_back', 'Léa a rendu la main.'));
    rebuild();
    rebuild();
    expect(kinds()).toEqual(['message-user', 'message-assistant', 'handover-notice']);
  });
});
