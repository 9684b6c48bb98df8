// The spec sent when a query runs: a relative range ("last hour", as the URL keeps it) made absolute at that moment,
// so the charts, the heatmap's selection and Compare all speak of the same seconds.
import type { RunRange } from './chart-data'
import type { QueryResult } from './query-result'
import type { QuerySpec } from './query-spec'

export function absoluteSpec(spec: QuerySpec, nowMs: number): QuerySpec {
  if (spec.start_time !== undefined || spec.end_time !== undefined) return spec
  const { time_range: rangeSec = 3600, ...rest } = spec
  const endSec = Math.floor(nowMs / 1000)
  return { ...rest, start_time: Math.max(0, endSec - rangeSec), end_time: endSec }
}

/** The range and bucket width of a result; undefined if the answer does not say (then nothing is drawn over time). */
export function runRange(result: QueryResult): RunRange | undefined {
  const { start_time: startSec, end_time: endSec, time_range: rangeSec, granularity } = result.query
  if (typeof granularity !== 'number' || granularity <= 0) return undefined
  if (startSec !== undefined && endSec !== undefined) return { startSec, endSec, granularitySec: granularity }
  if (startSec !== undefined && rangeSec !== undefined) return { startSec, endSec: startSec + rangeSec, granularitySec: granularity }
  if (endSec !== undefined && rangeSec !== undefined) return { startSec: endSec - rangeSec, endSec, granularitySec: granularity }
  return undefined
}
