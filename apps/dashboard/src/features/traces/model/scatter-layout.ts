import { nanoToMs, type TraceSummary } from './trace-model'

// The /traces scatter plot as pure functions: start time (linear, x) against duration (log, y), axis ticks, picking the
// points under the pointer and turning a brushed x range back into times.
//
// Durations are on a log scale: a page of traces is usually many fast ones and a few slow ones, and on a linear axis
// the fast ones are squashed into one line at the bottom.

export interface PlotBox {
  width: number
  height: number
  padLeft: number
  padRight: number
  padTop: number
  padBottom: number
}

export interface ScatterPoint {
  traceId: string
  x: number
  y: number
  error: boolean
  label: string
  startMs: number
  durationMs: number
}

export interface ScatterLayout {
  points: ScatterPoint[]
  /** the x axis' domain, unix ms (a little wider than the starts) */
  startMs: number
  endMs: number
  /** the y axis' domain, ms, powers of ten around the durations */
  minDurationMs: number
  maxDurationMs: number
  timeTicks: TimeTicks
  durationTicks: number[]
}

export interface TimeTicks {
  values: number[]
  /** how much of a time the labels need */
  precision: 'second' | 'minute' | 'day'
}

/** durations below this are drawn on it (a log scale has no zero) */
export const MIN_PLOTTED_DURATION_MS = 0.01

export function scatterLayout(traces: readonly TraceSummary[], box: PlotBox): ScatterLayout {
  const plotWidth = Math.max(1, box.width - box.padLeft - box.padRight)
  const plotHeight = Math.max(1, box.height - box.padTop - box.padBottom)
  if (traces.length === 0) {
    return { points: [], startMs: 0, endMs: 0, minDurationMs: 1, maxDurationMs: 10, timeTicks: { values: [], precision: 'second' }, durationTicks: [] }
  }
  const starts = traces.map((trace) => nanoToMs(trace.startTimeUnixNano))
  let minStart = Infinity
  let maxStart = -Infinity
  let minDuration = Infinity
  let maxDuration = -Infinity
  for (let index = 0; index < traces.length; index += 1) {
    minStart = Math.min(minStart, starts[index]!)
    maxStart = Math.max(maxStart, starts[index]!)
    const duration = Math.max(traces[index]!.durationMs, MIN_PLOTTED_DURATION_MS)
    minDuration = Math.min(minDuration, duration)
    maxDuration = Math.max(maxDuration, duration)
  }
  // a margin of 3% each side, so the first and last points are not cut in half by the axes; one instant gets ±30 s
  const margin = maxStart === minStart ? 30_000 : (maxStart - minStart) * 0.03
  const startMs = minStart - margin
  const endMs = maxStart + margin
  let lowExp = Math.floor(Math.log10(minDuration))
  let highExp = Math.ceil(Math.log10(maxDuration))
  if (highExp === lowExp) highExp += 1
  if (lowExp < Math.log10(MIN_PLOTTED_DURATION_MS)) lowExp = Math.log10(MIN_PLOTTED_DURATION_MS)
  const minDurationMs = 10 ** lowExp
  const maxDurationMs = 10 ** highExp
  const x = (ms: number) => box.padLeft + ((ms - startMs) / (endMs - startMs)) * plotWidth
  const y = (durationMs: number) => box.padTop + (1 - (Math.log10(Math.max(durationMs, minDurationMs)) - lowExp) / (highExp - lowExp)) * plotHeight
  const points = traces.map((trace, index) => ({
    traceId: trace.traceId,
    x: x(starts[index]!),
    y: y(trace.durationMs),
    error: (trace.errorCount ?? 0) > 0,
    label: `${trace.rootServiceName}: ${trace.rootSpanName || '(unnamed)'}`,
    startMs: starts[index]!,
    durationMs: trace.durationMs,
  }))
  return {
    points,
    startMs,
    endMs,
    minDurationMs,
    maxDurationMs,
    timeTicks: timeTicks(startMs, endMs, Math.max(2, Math.floor(plotWidth / 80))),
    durationTicks: durationTicks(lowExp, highExp),
  }
}

const SECOND = 1000
const MINUTE = 60 * SECOND
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR
const TIME_STEPS = [1, 2, 5, 10, 15, 30]
  .map((n) => n * SECOND)
  .concat(
    [1, 2, 5, 10, 15, 30].map((n) => n * MINUTE),
    [1, 2, 3, 6, 12].map((n) => n * HOUR),
    [1, 2, 7, 14, 30].map((n) => n * DAY),
  )

/** Round times between `startMs` and `endMs` (multiples of the smallest step that gives at most `maxCount`). */
export function timeTicks(startMs: number, endMs: number, maxCount: number): TimeTicks {
  const span = endMs - startMs
  if (!(span > 0)) return { values: [], precision: 'second' }
  const step = TIME_STEPS.find((candidate) => span / candidate <= maxCount) ?? Math.ceil(span / maxCount / DAY) * DAY
  const values: number[] = []
  for (let tick = Math.ceil(startMs / step) * step; tick <= endMs; tick += step) values.push(tick)
  return { values, precision: step < MINUTE ? 'second' : step < DAY ? 'minute' : 'day' }
}

/** Powers of ten from 10^lowExp to 10^highExp; with three decades or fewer, also their 2× and 5×. */
export function durationTicks(lowExp: number, highExp: number): number[] {
  const ticks: number[] = []
  const dense = highExp - lowExp <= 3
  for (let exp = Math.ceil(lowExp); exp <= highExp; exp += 1) {
    const base = 10 ** exp
    ticks.push(Number(base.toPrecision(12)))
    if (dense && exp < highExp) ticks.push(Number((2 * base).toPrecision(12)), Number((5 * base).toPrecision(12)))
  }
  return ticks
}

/** The points within `radius` px of (x, y), nearest first: overlapping points are all reachable. */
export function pointsNear(points: readonly ScatterPoint[], x: number, y: number, radius: number): ScatterPoint[] {
  const near: { point: ScatterPoint; distance: number }[] = []
  const limit = radius * radius
  for (const point of points) {
    const distance = (point.x - x) ** 2 + (point.y - y) ** 2
    if (distance <= limit) near.push({ point, distance })
  }
  near.sort((a, b) => a.distance - b.distance)
  return near.map((entry) => entry.point)
}

/**
 * A brushed x range (px, either direction, clamped to the plot) → the time range it covers, whole ms widened
 * outward so the points at its edges stay in; null for a range narrower than `minWidthPx` (a click, not a drag).
 */
export function brushToTimeRange(
  layout: Pick<ScatterLayout, 'startMs' | 'endMs'>,
  box: PlotBox,
  x0: number,
  x1: number,
  minWidthPx = 4,
): { fromMs: number; toMs: number } | null {
  const left = Math.max(box.padLeft, Math.min(x0, x1))
  const right = Math.min(box.width - box.padRight, Math.max(x0, x1))
  if (right - left < minWidthPx) return null
  const plotWidth = box.width - box.padLeft - box.padRight
  const at = (px: number) => layout.startMs + ((px - box.padLeft) / plotWidth) * (layout.endMs - layout.startMs)
  return { fromMs: Math.floor(at(left)), toMs: Math.ceil(at(right)) }
}
