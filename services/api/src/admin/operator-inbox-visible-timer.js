// A timer that does not run in a hidden tab (imported by stream.js and freshness.js): what it would
// have done while the tab was hidden (reopen the event stream, read the screen again) is done at once
// when the tab is shown. Both used their own copy of this: retries and reopens went on every few
// seconds in tabs nobody looked at.

/**
 * `run()` is called once `schedule(delayMs)`'s delay is over, the tab visible; scheduled or running out
 * while hidden, it is called as the tab is shown. `counting()`: the delay is running (not waiting for
 * the tab); `pending()`: either. `runNow()` calls it at once (scheduled or not), `cancel()` forgets it.
 */
export function createVisibleTimer(run, { documentObject = document } = {}) {
  let timer;
  let whenVisible = false;
  const hidden = () => documentObject.visibilityState === 'hidden';
  const cancel = () => {
    clearTimeout(timer);
    timer = undefined;
    whenVisible = false;
  };
  const runNow = () => {
    cancel();
    run();
  };
  documentObject.addEventListener('visibilitychange', () => {
    if (!hidden()) {
      if (whenVisible) runNow();
      return;
    }
    if (timer === undefined) return;
    clearTimeout(timer);
    timer = undefined;
    whenVisible = true;
  });
  return {
    schedule(delayMs) {
      cancel();
      if (hidden()) whenVisible = true;
      else timer = setTimeout(runNow, delayMs);
    },
    runNow,
    cancel,
    counting: () => timer !== undefined,
    pending: () => timer !== undefined || whenVisible,
  };
}
