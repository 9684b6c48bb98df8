/** Which uncaught errors to catch while a lazily loaded Rollbar is not there yet. */
export interface EarlyCaptureOptions {
  uncaught: boolean
  unhandledRejections: boolean
}

/**
 * Listens for uncaught errors and unhandled rejections until the returned
 * stop function is called, and hands each to `report`. A lazily loaded
 * Rollbar installs its own handlers only once its chunk has run; without
 * this, an error thrown by a click in the first moments of a page (before the
 * chunk arrives) would reach no one. Listening on `window` (not replacing
 * `onerror`) leaves the page's own handlers alone; the bubbling `error`
 * listener sees script errors only, not failed resource loads.
 */
export function captureEarlyErrors(options: EarlyCaptureOptions, report: (error: unknown) => void): () => void {
  if (typeof window === 'undefined' || typeof window.addEventListener !== 'function') return () => undefined
  const onError = (event: ErrorEvent) => {
    // a cross-origin script's error arrives without its Error: the message is all there is
    guarded(() => report(event.error ?? event.message))
  }
  const onRejection = (event: PromiseRejectionEvent) => guarded(() => report(event.reason))
  if (options.uncaught) window.addEventListener('error', onError)
  if (options.unhandledRejections) window.addEventListener('unhandledrejection', onRejection)
  return () => {
    window.removeEventListener('error', onError)
    window.removeEventListener('unhandledrejection', onRejection)
  }
}

/** The package never breaks the host app: a failing report is dropped, not rethrown into the page's event loop. */
function guarded(run: () => void): void {
  try {
    run()
  } catch {
    // nothing to do: reporting an error must not raise another
  }
}
