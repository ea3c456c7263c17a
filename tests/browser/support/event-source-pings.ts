import type { Page } from '../../../packages/widget/src/testing/headless-chromium.ts';

/**
 * Counts, in `page` (call before it loads), the `ping` events each EventSource it opens receives,
 * as its own listeners do: `pingsOfLatestStream(page)` then says how many the latest stream got.
 * Lets a test wait for a stream to have lived through a heartbeat interval (its second ping)
 * instead of sleeping.
 */
export async function countStreamPings(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const counts: number[] = [];
    (window as unknown as { __streamPings: number[] }).__streamPings = counts;
    const NativeEventSource = window.EventSource;
    window.EventSource = class extends NativeEventSource {
      constructor(url: string | URL, init?: EventSourceInit) {
        super(url, init);
        const index = counts.push(0) - 1;
        this.addEventListener('ping', () => {
          counts[index] = (counts[index] ?? 0) + 1;
        });
      }
    };
  });
}

export const pingsOfLatestStream = (page: Page): Promise<number> =>
  page.evaluate(() => (window as unknown as { __streamPings?: number[] }).__streamPings?.at(-1) ?? 0);

/** How many EventSources `page` opened since it loaded (counted by `countStreamPings`). */
export const streamsOpenedIn = (page: Page): Promise<number> =>
  page.evaluate(() => (window as unknown as { __streamPings?: number[] }).__streamPings?.length ?? 0);
