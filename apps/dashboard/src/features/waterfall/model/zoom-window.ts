// The time window the waterfall is zoomed to (picked on the minimap), as ms from the trace's start.

export interface ZoomWindow {
  startMs: number
  endMs: number
}

/** Narrower windows than this fraction of the trace are widened to it (a click is not a zoom to nothing). */
export const MIN_WINDOW_FRACTION = 0.001

/** The window for a drag between two fractions (0–1, either order) of the trace's duration. */
export function windowFromFractions(a: number, b: number, durationMs: number): ZoomWindow {
  const clamp = (value: number) => Math.min(1, Math.max(0, Number.isFinite(value) ? value : 0))
  let from = Math.min(clamp(a), clamp(b))
  let to = Math.max(clamp(a), clamp(b))
  if (to - from < MIN_WINDOW_FRACTION) {
    const middle = (from + to) / 2
    from = Math.max(0, Math.min(1 - MIN_WINDOW_FRACTION, middle - MIN_WINDOW_FRACTION / 2))
    to = from + MIN_WINDOW_FRACTION
  }
  return { startMs: from * durationMs, endMs: to * durationMs }
}

/** `?window=` as it is written in the URL: start and end in ms, µs precision ("12.5-40"). */
export function formatZoomWindow(window: ZoomWindow): string {
  const text = (ms: number) => String(Number(ms.toFixed(3)))
  return `${text(window.startMs)}-${text(window.endMs)}`
}

/** Reads `?window=`; null when absent or not a window inside the trace (a link from a longer trace, a typo). */
export function parseZoomWindow(text: string | null | undefined, durationMs: number): ZoomWindow | null {
  const match = /^(\d+(?:\.\d+)?)-(\d+(?:\.\d+)?)$/.exec(text ?? '')
  if (!match) return null
  const startMs = Number(match[1])
  const endMs = Math.min(Number(match[2]), durationMs)
  if (!(endMs > startMs) || startMs >= durationMs) return null
  return { startMs, endMs }
}

/**
 * A bar's left edge and width as fractions (0–1) of the lane when the lane shows `window`, clipped to it; `outside`
 * when the span does not overlap the window (it is then drawn dimmed, as a 0-width mark at the nearer edge).
 */
export function barInWindow(startOffsetMs: number, durationMs: number, window: ZoomWindow): { left: number; width: number; outside: boolean } {
  const span = window.endMs - window.startMs
  if (!(span > 0)) return { left: 0, width: 1, outside: false }
  const endOffsetMs = startOffsetMs + Math.max(0, durationMs)
  const outside = endOffsetMs < window.startMs || startOffsetMs > window.endMs
  const left = Math.min(1, Math.max(0, (startOffsetMs - window.startMs) / span))
  const right = Math.min(1, Math.max(0, (endOffsetMs - window.startMs) / span))
  return { left, width: Math.max(0, right - left), outside }
}
