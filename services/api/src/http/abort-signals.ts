import type { Response } from 'express';

/**
 * An AbortSignal that fires when the client goes away before the response was sent
 * (the response closes unfinished) or when any of the extra signals fires (shutdown).
 * A client already gone when it is made (it left while a middleware or a first read awaited: the
 * response's 'close' came before this listener) aborts it at once, as does an extra signal that
 * already fired: a wait begun then does not run out its whole time for nobody.
 * Call `dispose()` once done to remove the listeners.
 */
export function requestLifetimeSignal(res: Response, extraSignals: Array<AbortSignal | undefined> = []): {
  signal: AbortSignal;
  dispose: () => void;
} {
  const controller = new AbortController();
  const onClose = (): void => {
    if (!res.writableFinished) controller.abort(new Error('client disconnected'));
  };
  const abort = (): void => controller.abort(new Error('shutting down'));
  res.once('close', onClose);
  if (res.destroyed) onClose();
  const watched = extraSignals.filter((signal): signal is AbortSignal => signal !== undefined);
  for (const signal of watched) {
    if (signal.aborted) controller.abort(signal.reason);
    else signal.addEventListener('abort', abort, { once: true });
  }
  return {
    signal: controller.signal,
    dispose: () => {
      res.off('close', onClose);
      for (const signal of watched) signal.removeEventListener('abort', abort);
    },
  };
}
