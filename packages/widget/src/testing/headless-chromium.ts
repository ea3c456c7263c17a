import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export type { Browser, Locator, Page } from 'playwright-core';

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
