// The operators' event stream (imported by inbox.js): one EventSource of every conversation's events,
// kept open. Before, a stream that closed or failed was opened again every 3 s forever: after a 401
// too (the operator logged out in another tab, credentials withdrawn), in a tab nobody looked at, and
// a stream a proxy held open without passing anything on still said "En direct".
//
// - A stream that fails is closed here and opened again after 3 s, then 6, 12… up to 60 s; the delay
//   starts again at 3 s once a stream lived through a heartbeat interval (its second `ping`). Not on
//   its first `ping`, which comes as it opens: a stream that opens and ends at once (an instance
//   shutting down, a proxy cutting it) was opened again every 3 s forever.
// - Before opening again, `stillSignedIn(signal)` asks the server: on a 401 the stream stops for good.
//   A check unanswered after 10 s is aborted and taken for "still signed in": a request hanging on a
//   dead connection (a laptop waking up, a network changed) kept the stream closed as long as it hung.
// - In a hidden tab nothing is opened again; back in sight, the stream opens at once.
// - The browser back online (its `online` event): a reopen waiting for its delay happens at once, and
//   the delay starts over (after minutes offline it had grown to a minute of missed events).
// - The server sends a `ping` event every heartbeat interval (its data says how long): nothing for
//   two intervals and the stream is taken for dead, closed and opened again.

const FIRST_REOPEN_DELAY_MS = 3_000;
const LONGEST_REOPEN_DELAY_MS = 60_000;
/** Until the server's first `ping` says its interval (the API's default). */
const ASSUMED_HEARTBEAT_MS = 15_000;
/** Nothing received for this many heartbeat intervals (plus the margin): the stream went silent. */
const SILENT_HEARTBEATS = 2;
const SILENCE_MARGIN_MS = 1_000;
/** How long the check after a failure may take before the stream is opened again all the same. */
const SIGNED_IN_CHECK_TIMEOUT_MS = 10_000;

import { createVisibleTimer } from './visible-timer.js';

const heartbeatOf = (event) => {
  try {
    const value = JSON.parse(event.data)?.heartbeat_ms;
    return Number.isFinite(value) && value > 0 ? value : undefined;
  } catch {
    return undefined;
  }
};

/**
 * Follows the stream at `url`: `on` maps event types to their handler; `onOpen()` when a stream
 * opens (read again what is shown: events may have been missed), `onDropped()` when it is lost,
 * `stillSignedIn(signal)` resolves false when the server answers 401 (`signal` aborts it when it takes
 * too long), `onSignedOut()` then. Returns
 * `start()` and `stop()`.
 */
export function followEventStream({ url, on, onOpen, onDropped, stillSignedIn, onSignedOut, documentObject = document, windowObject = window }) {
  let source;
  let reopenDelayMs = FIRST_REOPEN_DELAY_MS;
  let silenceTimer;
  let heartbeatMs = ASSUMED_HEARTBEAT_MS;
  let stopped = false;
  /** Pings received by the current stream: from its second one, it lived through a heartbeat interval. */
  let pingsOfSource = 0;
  const reopen = createVisibleTimer(() => {
    if (!stopped) open();
  }, { documentObject });

  function open() {
    reopen.cancel();
    const opened = new EventSource(url);
    source = opened;
    pingsOfSource = 0;
    opened.addEventListener('open', () => {
      watchForSilence();
      onOpen();
    });
    opened.addEventListener('error', () => void drop(opened));
    opened.addEventListener('ping', (event) => {
      if (opened !== source) return;
      heartbeatMs = heartbeatOf(event) ?? heartbeatMs;
      pingsOfSource += 1;
      if (pingsOfSource > 1) reopenDelayMs = FIRST_REOPEN_DELAY_MS;
      watchForSilence();
    });
    for (const [type, handler] of Object.entries(on)) {
      opened.addEventListener(type, (event) => {
        watchForSilence();
        handler(event);
      });
    }
  }
  function watchForSilence() {
    clearTimeout(silenceTimer);
    const current = source;
    silenceTimer = setTimeout(() => void drop(current), heartbeatMs * SILENT_HEARTBEATS + SILENCE_MARGIN_MS);
  }
  /** `dropped` failed or went silent: closed here (the browser would retry every few seconds on its own). */
  async function drop(dropped) {
    if (dropped !== source || stopped) return;
    dropped.close();
    source = undefined;
    clearTimeout(silenceTimer);
    onDropped();
    const check = new AbortController();
    const checkTimer = setTimeout(() => check.abort(), SIGNED_IN_CHECK_TIMEOUT_MS);
    const signedIn = await stillSignedIn(check.signal).finally(() => clearTimeout(checkTimer));
    if (stopped) return;
    if (!signedIn) {
      stopped = true;
      onSignedOut();
      return;
    }
    scheduleReopen();
  }
  function scheduleReopen() {
    if (documentObject.visibilityState !== 'hidden') {
      reopen.schedule(reopenDelayMs);
      reopenDelayMs = Math.min(reopenDelayMs * 2, LONGEST_REOPEN_DELAY_MS);
    } else {
      reopen.schedule(0); // hidden: opened as the tab is shown
    }
  }

  windowObject.addEventListener('online', () => {
    if (stopped || !reopen.counting()) return;
    reopenDelayMs = FIRST_REOPEN_DELAY_MS;
    open();
  });

  return {
    /** Opens the stream (not once stopped: a first read of the page answered 401). */
    start() {
      if (!stopped) open();
    },
    stop() {
      stopped = true;
      reopen.cancel();
      clearTimeout(silenceTimer);
      source?.close();
      source = undefined;
    },
  };
}
