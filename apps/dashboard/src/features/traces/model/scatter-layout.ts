import { nanoToMs, type TraceSummary } from './trace-model'

export interface ScatterPoint {
  traceId: string
  x: number
  y: number
  error: boolean
  label: string
}

export interface ScatterLayout {
  points: ScatterPoint[]
  startMs: number
  endMs: number
  maxDurationMs: number
}

/** Duration over start time: x from the earliest to the latest start, y from 0 (bottom) to the longest duration (top). */
export function scatterLayout(
  traces: readonly TraceSummary[],
  box: { width: number; height: number; padLeft: number; padBottom: number; padTop: number; padRight: number },
): ScatterLayout {
  if (traces.length === 0) return { points: [], startMs: 0, endMs: 0, maxDurationMs: 0 }
  const starts = traces.map((trace) => nanoToMs(trace.startTimeUnixNano))
  const startMs = Math.min(...starts)
  const endMs = Math.max(...starts)
  const maxDurationMs = Math.max(...traces.map((trace) => trace.durationMs), 0)
  const plotWidth = box.width - box.padLeft - box.padRight
  const plotHeight = box.height - box.padTop - box.padBottom
  const points = traces.map((trace, index) => {
    const xFraction = endMs === startMs ? 0.5 : (starts[index]! - startMs) / (endMs - startMs)
    const yFraction = maxDurationMs === 0 ? 0 : trace.durationMs / maxDurationMs
    return {
      traceId: trace.traceId,
      x: box.padLeft + xFraction * plotWidth,
      y: box.padTop + (1 - yFraction) * plotHeight,
      error: (trace.errorCount ?? 0) > 0,
      label: `${trace.rootServiceName}: ${trace.rootSpanName}`,
    }
  })
  return { points, startMs, endMs, maxDurationMs }
}
