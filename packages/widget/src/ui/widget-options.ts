/**
 * The widget's settings, read from the embedding `<script>`'s data attributes
 * (or the `<lac-chat-widget>` element's own attributes):
 *
 *   data-api-url          v2 API base URL (default: the origin the script came from)
 *   data-title            panel title (default "Une question ?")
 *   data-primary-color    bubble, header and visitor messages (CSS colour)
 *   data-text-color       text on the primary colour
 *   data-v2-share         0–100: share of visitors sent to v2 (default: everyone, when no v1 URL)
 *   data-v1-url           v1 endpoint (`…/webhook/chat`, or its origin)
 *   data-open             "true": panel open at load
 */
export interface WidgetOptions {
  apiBaseUrl: string;
  title: string;
  primaryColor: string | undefined;
  textColor: string | undefined;
  v2SharePercent: number | undefined;
  v1Url: string | undefined;
  openAtLoad: boolean;
}

export const DEFAULT_TITLE = 'Une question ?';

/** Only plain colour syntaxes reach the style sheet: hex, names, rgb()/hsl() with numbers. */
export function safeCssColor(value: string | null | undefined): string | undefined {
  const trimmed = value?.trim();
  if (!trimmed) return undefined;
  if (/^#[0-9a-f]{3,8}$/i.test(trimmed)) return trimmed;
  if (/^[a-z]{3,30}$/i.test(trimmed)) return trimmed;
  if (/^(rgb|rgba|hsl|hsla)\(\s*[0-9.,%\s/deg-]+\)$/i.test(trimmed)) return trimmed;
  return undefined;
}

function parseShare(value: string | null | undefined): number | undefined {
  if (value === null || value === undefined || value.trim() === '') return undefined;
  const share = Number(value);
  if (!Number.isFinite(share)) return undefined;
  return Math.min(100, Math.max(0, share));
}

/** `read(name)` returns the attribute `data-<name>` (or `<name>`), null when absent. */
export function readWidgetOptions(read: (name: string) => string | null, defaultApiBaseUrl: string): WidgetOptions {
  const title = read('title')?.trim();
  return {
    apiBaseUrl: (read('api-url')?.trim() || defaultApiBaseUrl).replace(/\/+$/, ''),
    title: title ? title.slice(0, 80) : DEFAULT_TITLE,
    primaryColor: safeCssColor(read('primary-color')),
    textColor: safeCssColor(read('text-color')),
    v2SharePercent: parseShare(read('v2-share')),
    v1Url: read('v1-url')?.trim() || undefined,
    openAtLoad: read('open') === 'true',
  };
}

/** Reads `data-<name>` first, then `<name>`, from an element. */
export function attributeReaderOf(element: Element): (name: string) => string | null {
  return (name) => element.getAttribute(`data-${name}`) ?? element.getAttribute(name);
}
