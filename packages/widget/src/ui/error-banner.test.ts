// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ErrorBanner, OFFLINE_TEXT, RATE_LIMIT_OVER_TEXT } from './error-banner.ts';
import { SendLocks } from './send-locks.ts';
import { buildWidgetDom, type WidgetNodes } from './widget-dom.ts';

function bannerOnPage(): { nodes: WidgetNodes; banner: ErrorBanner } {
  const host = document.createElement('div');
  document.body.append(host);
  const nodes = buildWidgetDom(host, { title: 'Test' } as Parameters<typeof buildWidgetDom>[1]);
  return { nodes, banner: new ErrorBanner(nodes, new SendLocks(nodes.send)) };
}

/** The text a screen reader gets from a node: everything but what is `aria-hidden`. */
function spokenText(node: Node): string {
  if (node.nodeType === Node.TEXT_NODE) return node.textContent ?? '';
  if (node instanceof Element && node.getAttribute('aria-hidden') === 'true') return '';
  return Array.from(node.childNodes, spokenText).join('');
}

/** The text a sighted visitor reads: everything but the visually hidden parts. */
function visibleText(node: Node): string {
  if (node.nodeType === Node.TEXT_NODE) return node.textContent ?? '';
  if (node instanceof Element && node.classList.contains('visually-hidden')) return '';
  return Array.from(node.childNodes, visibleText).join('');
}

describe('the rate-limit countdown in the banner (a role="alert")', () => {
  beforeEach(() => {
    document.body.replaceChildren();
    vi.useFakeTimers();
  });
  afterEach(() => vi.useRealTimers());

  it('is said once to a screen reader, while the seconds shown change every second', () => {
    const { nodes, banner } = bannerOnPage();
    expect(nodes.error.getAttribute('role')).toBe('alert');
    banner.showRateLimit(40, 1);
    const saidFirst = spokenText(nodes.error);
    expect(saidFirst).toContain('Tu pourras écrire à nouveau dans 40 secondes.');
    expect(visibleText(nodes.errorText)).toContain('dans 40 s.');
    vi.advanceTimersByTime(3000);
    // The live region's spoken text did not change: not read out again every second.
    expect(spokenText(nodes.error)).toBe(saidFirst);
    expect(visibleText(nodes.errorText)).toContain('dans 37 s.');
    expect(nodes.error.dataset.retryAfterSeconds).toBe('37');
  });

  it('speaks to the visitor as the rest of the widget does (tu, never vous) and says the held message will go', () => {
    const { nodes, banner } = bannerOnPage();
    banner.showRateLimit(10, 1);
    for (const text of [spokenText(nodes.error), visibleText(nodes.errorText)]) {
      expect(text).not.toMatch(/veuillez|vous/i);
      expect(text).toContain('Ton message en attente partira tout seul.');
    }
  });

  it('says the held messages will go in the plural when several are held', () => {
    const { nodes, banner } = bannerOnPage();
    banner.showRateLimit(10, 3);
    for (const text of [spokenText(nodes.error), visibleText(nodes.errorText)]) {
      expect(text).toContain('Tes 3 messages en attente partiront tout seuls.');
      expect(text).not.toContain('Ton message');
    }
  });

  it('says when the visitor may write again, as send is enabled', () => {
    const { nodes, banner } = bannerOnPage();
    banner.showRateLimit(2, 1);
    expect(nodes.send.disabled).toBe(true);
    vi.advanceTimersByTime(2500);
    expect(nodes.send.disabled).toBe(false);
    expect(nodes.error.hidden).toBe(true);
    expect(nodes.announcer.textContent).toBe(RATE_LIMIT_OVER_TEXT);
  });

  it('says a long wait in minutes or hours (a day’s limit per client), not in thousands of seconds', () => {
    const { nodes, banner } = bannerOnPage();
    banner.showRateLimit(86_153, 1);
    expect(spokenText(nodes.error)).toContain('Tu pourras écrire à nouveau dans 23 heures et 56 minutes.');
    expect(visibleText(nodes.errorText)).toContain('dans 23 h 56 min.');
    banner.showRateLimit(300, 1);
    expect(visibleText(nodes.errorText)).toContain('dans 5 min.');
    expect(spokenText(nodes.error)).toContain('dans 5 minutes.');
    banner.showRateLimit(3_600, 1);
    expect(spokenText(nodes.error)).toContain('dans 1 heure.');
  });
});

describe('a failure another attempt may cure, while the browser is offline', () => {
  beforeEach(() => document.body.replaceChildren());

  it('keeps saying the visitor is offline (the messages go once back online), with its "Réessayer"; online, the failure itself', () => {
    const { nodes, banner } = bannerOnPage();
    const view = { navigator: { onLine: false }, addEventListener: () => undefined } as unknown as Window;
    banner.followConnection(view, () => undefined);
    let retried = 0;
    banner.showRetryable('Connexion impossible pour le moment. Vérifie ta connexion puis réessaie.', () => (retried += 1));
    expect(nodes.errorText.textContent).toBe(OFFLINE_TEXT);
    expect(nodes.error.dataset.kind).toBe('offline');
    expect(nodes.errorRetry.hidden).toBe(false);
    nodes.errorRetry.click();
    expect(retried).toBe(1);
    (view.navigator as { onLine: boolean }).onLine = true;
    banner.showRetryable('Connexion impossible pour le moment. Vérifie ta connexion puis réessaie.', () => undefined);
    expect(nodes.errorText.textContent).toContain('Connexion impossible');
    expect(nodes.error.dataset.kind).toBe('network');
  });
});
