import type { Page } from '../../../packages/widget/src/testing/headless-chromium.ts';

/**
 * Stops `page`'s installed clock (Playwright's) about where it is: from then on it moves only by
 * `clock.runFor`. `pauseAt` needs a time ahead of the page's clock, which runs on meanwhile: on a
 * loaded machine more than the margin passed between reading the page's time and pausing, and
 * `pauseAt` threw "Cannot fast-forward to the past". Tried again with the time read anew (a small
 * margin each time, so no page timer due soon fires on the way).
 */
export async function pausePageClock(page: Page): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    const nowMs = await page.evaluate(() => Date.now());
    try {
      await page.clock.pauseAt(nowMs + 250);
      return;
    } catch (error) {
      if (attempt >= 10 || !String(error).includes('to the past')) throw error;
    }
  }
}
