import { Window } from 'happy-dom';

/**
 * A happy-dom window whose DOM classes become the globals the widget code uses
 * (HTMLElement, customElements, document, location, localStorage), for tests that
 * must run in Node (they start the real API in-process). Import the widget's
 * modules after calling this (they extend HTMLElement when evaluated).
 */
export function installHappyDomGlobals(url: string): { window: Window; document: Document } {
  const window = new Window({ url, settings: { disableJavaScriptFileLoading: true, disableCSSFileLoading: true } });
  const globals: Record<string, unknown> = {
    window,
    document: window.document,
    HTMLElement: window.HTMLElement,
    customElements: window.customElements,
    location: window.location,
    localStorage: window.localStorage,
  };
  for (const [name, value] of Object.entries(globals)) {
    Object.defineProperty(globalThis, name, { value, configurable: true, writable: true });
  }
  // happy-dom's classes implement the DOM; its type declarations are its own.
  return { window, document: window.document as unknown as Document };
}
