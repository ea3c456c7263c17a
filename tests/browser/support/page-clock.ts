import { expect } from 'vitest';
import type { Page } from '../../../packages/widget/src/testing/headless-chromium.ts';
import { streamsOpenedIn } from './event-source-pings.ts';

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

/**
 * One second of `page`'s paused clock, then what that second started, waited for instead of slept
 * through: each stream the page opened in it (counted by `countStreamPings`, installed before the
 * page loaded) until the test got it (`streamsSeen()`, its route or proxy), then `settled()` when
 * given (the page's check after a failure answered), 10 s at most (a page that makes no such check
 * still moves on, and its attempts are counted), then a moment for the page to act on the answers
 * (set its next timer). A second in which the page opened no stream is not waited for: nothing it
 * started is under way (a fixed 150 ms after every second made these tests wait minutes).
 */
export async function runPageSecond(page: Page, waitFor: { streamsSeen: () => number; settled?: () => boolean }): Promise<void> {
  const streamsBefore = await streamsOpenedIn(page);
  await page.clock.runFor(1_000);
  const streams = await streamsOpenedIn(page);
  if (streams === streamsBefore) return;
  const settled = waitFor.settled ?? (() => true);
  await expect.poll(() => waitFor.streamsSeen() >= streams && settled(), { timeout: 10_000 }).toBe(true).catch(() => undefined);
  await new Promise((resolve) => setTimeout(resolve, 150));
}

/**
 * Moves `page`'s installed clock (flowing as real time does, not paused) on 2 s at a time while
 * `shown()` is false, 10 s at most, with a moment after each jump for what it fired to answer: a
 * retry the page set (2, 4, 8 s…) fires without the test waiting for it. A retry set later, or
 * longer, still comes in real time: this never makes a page's timer fire later than it would.
 */
export async function hurryPageClockUntil(page: Page, shown: () => Promise<boolean>): Promise<void> {
  for (let jump = 0; jump < 5 && !(await shown()); jump += 1) {
    await page.clock.fastForward(2_000);
    await expect.poll(shown, { timeout: 300 }).toBe(true).catch(() => undefined);
  }
}
