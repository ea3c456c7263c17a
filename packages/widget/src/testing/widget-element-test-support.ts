import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { Window } from 'happy-dom';

/**
 * What the `<lac-chat-widget>` DOM tests share (happy-dom, see `installHappyDomGlobals`): the page
 * reset around tests, mounting the element, finding its parts by `data-testid`, and sending as a
 * visitor does (type, then click send).
 */

/** The element defined once; every test on an empty page and empty storage; the window closed after the file. */
export function resetWidgetPageAroundTests(window: Window, document: Document, defineWidgetElement: () => void): void {
  beforeAll(() => defineWidgetElement());
  beforeEach(() => {
    document.body.replaceChildren();
    window.localStorage.clear();
  });
  afterAll(async () => {
    document.body.replaceChildren();
    await window.happyDOM.close();
  });
}

/** A new widget element with these attributes, appended to the page, and its (open) shadow root. */
export function mountWidgetElement<WidgetElement extends HTMLElement>(
  document: Document,
  tagName: string,
  attributes: Record<string, string>,
): { widget: WidgetElement; root: ShadowRoot } {
  const widget = document.createElement(tagName) as WidgetElement;
  for (const [name, value] of Object.entries(attributes)) widget.setAttribute(name, value);
  document.body.append(widget);
  return { widget, root: widget.shadowRoot! };
}

export const allByTestId = (root: ShadowRoot, testId: string): HTMLElement[] =>
  Array.from(root.querySelectorAll<HTMLElement>(`[data-testid="${testId}"]`));

export const oneByTestId = (root: ShadowRoot, testId: string): HTMLElement => allByTestId(root, testId)[0]!;

/** The assistant messages whose answer has fully arrived. */
export const doneAnswers = (root: ShadowRoot): HTMLElement[] =>
  Array.from(root.querySelectorAll<HTMLElement>('[data-testid="message-assistant"][data-state="done"]'));

/** Types `text` in the input and clicks send. */
export function sendMessage(root: ShadowRoot, text: string): void {
  (oneByTestId(root, 'chat-input') as HTMLTextAreaElement).value = text;
  (oneByTestId(root, 'chat-send') as HTMLButtonElement).click();
}
