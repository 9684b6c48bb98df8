/** A navigation has settled once nothing happened for this long after its next paint (no request in flight). */
export const SETTLE_QUIET_MS = 100
/** The longest a navigation span lasts. */
export const SETTLE_TIMEOUT_MS = 10_000

/** Why a navigation span ended. */
export type NavigationEnd = 'settled' | 'timeout' | 'next_navigation' | 'page_hide'

export interface SettleNavigationOptions {
  /** `performance.now()` of the history change */
  startTimeMs: number
  now: () => number
  /** calls back once the browser painted (the new route rendered) */
  afterNextPaint: (callback: () => void) => void
  /** called once, with the end time (`performance.now()` ms) and the reason */
  onSettled: (endTimeMs: number, reason: NavigationEnd) => void
}

export interface Settling {
  /** a request (fetch, XHR) started while the navigation was open; returns what to call when it ended */
  requestStarted(): () => void
  /** ends the navigation early (another navigation, the page hidden) */
  finish(reason: NavigationEnd, endTimeMs: number): void
}

/**
 * Decides when a navigation has settled: after its next paint, once the
 * requests started meanwhile have ended and none started for
 * `SETTLE_QUIET_MS` (routers fetch from effects that run after the paint).
 * The end is the last of those moments (the paint or the last request's
 * end), not the quiet period after it; at most `SETTLE_TIMEOUT_MS` after the
 * start.
 */
export function settleNavigation(options: SettleNavigationOptions): Settling {
  const { startTimeMs, now, onSettled } = options
  let done = false
  let painted = false
  let inFlight = 0
  let lastActivityMs = startTimeMs
  let quietTimer: ReturnType<typeof setTimeout> | undefined

  const finish = (reason: NavigationEnd, endTimeMs: number) => {
    if (done) return
    done = true
    clearTimeout(quietTimer)
    clearTimeout(timeoutTimer)
    onSettled(endTimeMs, reason)
  }
  const timeoutTimer = setTimeout(() => finish('timeout', startTimeMs + SETTLE_TIMEOUT_MS), SETTLE_TIMEOUT_MS)
  const waitForQuiet = () => {
    clearTimeout(quietTimer)
    if (painted && inFlight === 0) quietTimer = setTimeout(() => finish('settled', lastActivityMs), SETTLE_QUIET_MS)
  }
  options.afterNextPaint(() => {
    painted = true
    lastActivityMs = Math.max(lastActivityMs, now())
    waitForQuiet()
  })

  return {
    requestStarted() {
      if (done) return () => undefined
      inFlight++
      clearTimeout(quietTimer)
      let ended = false
      return () => {
        if (ended || done) return
        ended = true
        inFlight--
        lastActivityMs = Math.max(lastActivityMs, now())
        waitForQuiet()
      }
    },
    finish,
  }
}
