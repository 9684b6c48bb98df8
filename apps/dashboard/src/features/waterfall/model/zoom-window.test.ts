import { describe, expect, it } from 'vitest'
import { barInWindow, formatZoomWindow, MIN_WINDOW_FRACTION, parseZoomWindow, windowFromFractions } from './zoom-window'

describe('zoom window', () => {
  it('turns a drag in either direction into a window of the trace', () => {
    expect(windowFromFractions(0.5, 0.25, 200)).toEqual({ startMs: 50, endMs: 100 })
    expect(windowFromFractions(-1, 2, 200)).toEqual({ startMs: 0, endMs: 200 })
  })

  it('widens a click to the smallest window', () => {
    const window = windowFromFractions(1, 1, 1000)
    expect(window.endMs).toBe(1000)
    expect(window.endMs - window.startMs).toBeCloseTo(1000 * MIN_WINDOW_FRACTION)
  })

  it('round-trips through the URL and refuses windows outside the trace', () => {
    expect(parseZoomWindow(formatZoomWindow({ startMs: 12.5, endMs: 40.123456 }), 100)).toEqual({ startMs: 12.5, endMs: 40.123 })
    expect(parseZoomWindow('10-500', 100)).toEqual({ startMs: 10, endMs: 100 })
    for (const text of ['', '5', '40-10', '100-120', 'a-b', '-1-5']) expect(parseZoomWindow(text, 100)).toBeNull()
  })

  it('places bars on the window, clipped, and marks spans outside it', () => {
    const window = { startMs: 100, endMs: 200 }
    expect(barInWindow(150, 25, window)).toEqual({ left: 0.5, width: 0.25, outside: false })
    expect(barInWindow(50, 100, window)).toEqual({ left: 0, width: 0.5, outside: false })
    expect(barInWindow(180, 100, window)).toMatchObject({ left: 0.8, outside: false })
    expect(barInWindow(180, 100, window).width).toBeCloseTo(0.2)
    expect(barInWindow(0, 50, window)).toMatchObject({ width: 0, outside: true })
    expect(barInWindow(250, 5, window)).toMatchObject({ left: 1, width: 0, outside: true })
  })
})
