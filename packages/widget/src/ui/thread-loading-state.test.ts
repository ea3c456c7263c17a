import { Window } from 'happy-dom';
import { afterAll, describe, expect, it } from 'vitest';
import { THREAD_LOAD_FAILED_TEXT, THREAD_LOADING_TEXT, ThreadLoadingState } from './thread-loading-state.ts';

const window = new Window({ url: 'http://localhost:3000/' });
const document = window.document as unknown as Document;
afterAll(async () => window.happyDOM.close());

function thread(): { messages: HTMLOListElement; welcome: HTMLLIElement; state: ThreadLoadingState } {
  const messages = document.createElement('ol');
  const welcome = document.createElement('li');
  welcome.className = 'welcome';
  messages.append(welcome);
  return { messages, welcome, state: new ThreadLoadingState(document, messages, welcome) };
}

describe('the thread while a reloaded widget reads it', () => {
  it('says it is loading, busy, instead of the welcome text of a new conversation', () => {
    const { messages, welcome, state } = thread();
    state.show();
    expect(welcome.isConnected).toBe(false);
    expect(messages.getAttribute('aria-busy')).toBe('true');
    const item = messages.querySelector('[data-testid="thread-loading"]')!;
    expect(item.textContent).toBe(THREAD_LOADING_TEXT);
    expect(item.getAttribute('role')).toBe('status');
    state.done();
    expect(messages.hasAttribute('aria-busy')).toBe(false);
    expect(messages.children).toHaveLength(0);
    expect(state.active).toBe(false);
  });

  it('says the history could not be read, with a retry that shows the loading again', () => {
    const { messages, state } = thread();
    let retried = 0;
    state.show();
    state.fail(() => (retried += 1));
    const failed = messages.querySelector('[data-testid="thread-load-failed"]')!;
    expect(failed.getAttribute('role')).toBe('alert');
    expect(failed.textContent).toContain(THREAD_LOAD_FAILED_TEXT);
    expect(messages.hasAttribute('aria-busy')).toBe(false);
    expect(messages.children).toHaveLength(1);
    (messages.querySelector('[data-testid="thread-load-retry"]') as HTMLButtonElement).click();
    expect(retried).toBe(1);
    expect(messages.querySelector('[data-testid="thread-load-failed"]')).toBeNull();
    expect(messages.querySelector('[data-testid="thread-loading"]')?.textContent).toBe(THREAD_LOADING_TEXT);
    expect(messages.getAttribute('aria-busy')).toBe('true');
    expect(state.active).toBe(true);
  });

  it('tries the read again by itself as the browser comes back online, once', () => {
    const { messages, state } = thread();
    let retried = 0;
    state.show();
    state.fail(() => (retried += 1));
    window.dispatchEvent(new window.Event('online'));
    expect(retried).toBe(1);
    expect(messages.querySelector('[data-testid="thread-loading"]')?.textContent).toBe(THREAD_LOADING_TEXT);
    // Retrying: the next "online" is nobody's (nor is a failure's timer left behind).
    window.dispatchEvent(new window.Event('online'));
    expect(retried).toBe(1);
    state.done();
  });

  it('tries the read again by itself after a while, until it is read (before: only when the visitor pressed "Réessayer")', async () => {
    const { messages, state } = thread();
    let retried = 0;
    state.show();
    state.fail(() => {
      retried += 1;
      state.done();
    });
    expect(retried).toBe(0);
    await window.happyDOM.waitUntilComplete();
    expect(retried).toBe(1);
    expect(messages.children).toHaveLength(0);
    // Read: nothing more is tried.
    window.dispatchEvent(new window.Event('online'));
    expect(retried).toBe(1);
  });
});
