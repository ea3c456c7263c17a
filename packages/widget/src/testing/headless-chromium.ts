import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

export type { Browser, BrowserContext, Locator, Page, Route } from 'playwright-core';

/**
 * Debian's Chromium driven by playwright-core, for the browser tests. Never
 * downloads a browser: it uses CHROMIUM_PATH, /usr/bin/chromium or
 * /usr/bin/chromium-browser (`apt-get install -y chromium`).
 */
export function findChromiumExecutable(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return candidates.find((candidate): candidate is string => candidate !== undefined && candidate !== '' && existsSync(candidate));
}

/**
 * Flags for a closed network: no background connections, no sandbox (root in CI).
 * Every `launch()` gets a fresh, temporary user-data-dir from playwright itself.
 */
export const headlessChromiumFlags = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
];

export interface HeadlessChromium {
  browser: Browser;
  close(): Promise<void>;
}

export async function launchHeadlessChromium(executablePath: string): Promise<HeadlessChromium> {
  const browser = await chromium.launch({ executablePath, headless: true, args: headlessChromiumFlags });
  return {
    browser,
    close: async () => {
      await browser.close().catch(() => undefined);
    },
  };
}

/** Where the browser tests put their screenshots: the repository's test-results/screenshots/ (gitignored). */
export const browserTestScreenshotDirectory = fileURLToPath(new URL('../../../../test-results/screenshots/', import.meta.url));

/** Saves a screenshot of `page` as `<fileStem>.png` in that folder (created when missing) and prints its path. */
export async function saveBrowserTestScreenshot(page: Page, fileStem: string, printedAs: string): Promise<string> {
  await mkdir(browserTestScreenshotDirectory, { recursive: true });
  const file = path.join(browserTestScreenshotDirectory, `${fileStem}.png`);
  await page.screenshot({ path: file });
  process.stdout.write(`[${printedAs}] screenshot: ${file}\n`);
  return file;
}
