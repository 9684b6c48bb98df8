import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { settleNavigation, SETTLE_QUIET_MS, SETTLE_TIMEOUT_MS, type NavigationEnd } from './settle-navigation.js'

/** A navigation started at 1000 ms on a fake clock, painted when `paint()` is called. */
function startNavigation() {
  const settled: { endTimeMs: number; reason: NavigationEnd }[] = []
  let paint = () => undefined as void
  const settling = settleNavigation({
    startTimeMs: 1000,
    now: () => clockMs,
    afterNextPaint: (callback) => {
      paint = callback
    },
    onSettled: (endTimeMs, reason) => settled.push({ endTimeMs, reason }),
  })
  return { settled, settling, paint: () => paint() }
}

/** `performance.now()` of the fake page */
let clockMs = 1000
function advance(ms: number) {
  clockMs += ms
  vi.advanceTimersByTime(ms)
}
beforeEach(() => {
  vi.useFakeTimers()
  clockMs = 1000
})
afterEach(() => vi.useRealTimers())

describe('settleNavigation', () => {
  it('ends at the next paint when no request was started', () => {
    const { settled, paint } = startNavigation()
    advance(16)
    paint()
    advance(SETTLE_QUIET_MS - 1)
    expect(settled).toEqual([])
    advance(1)
    expect(settled).toEqual([{ endTimeMs: 1016, reason: 'settled' }])
  })

  it('waits for the requests started meanwhile, and ends when the last one ended', () => {
    const { settled, settling, paint } = startNavigation()
    const firstEnded = settling.requestStarted()
    advance(16)
    paint()
    // an effect after the paint starts another request
    advance(50)
    const secondEnded = settling.requestStarted()
    advance(200)
    firstEnded()
    advance(300)
    secondEnded()
    advance(SETTLE_QUIET_MS)
    expect(settled).toEqual([{ endTimeMs: 1566, reason: 'settled' }])
  })

  it('ends at the cap when a request never ends', () => {
    const { settled, settling, paint } = startNavigation()
    settling.requestStarted()
    paint()
    advance(SETTLE_TIMEOUT_MS)
    expect(settled).toEqual([{ endTimeMs: 1000 + SETTLE_TIMEOUT_MS, reason: 'timeout' }])
  })

  it('ends once, when finished early by the next navigation', () => {
    const { settled, settling, paint } = startNavigation()
    settling.finish('next_navigation', 1200)
    paint()
    advance(SETTLE_TIMEOUT_MS)
    expect(settled).toEqual([{ endTimeMs: 1200, reason: 'next_navigation' }])
  })
})
