import { QuerySpecError } from './query-spec-error.js'
import { MAX_UNIX_SEC } from './query-spec-shape.js'

/** Honeycomb's default when a spec gives no time_range. */
export const DEFAULT_TIME_RANGE_SEC = 2 * 60 * 60
/**
 * A series never has more buckets than this (Honeycomb's bound too: granularity from range/1000 up to the range), so
 * the cost of a query's series is bounded whatever its range.
 */
export const MAX_BUCKETS = 1000
/** Without a granularity, a range gets about this many buckets at most, at a round step (see defaultGranularitySec). */
export const DEFAULT_MAX_BUCKETS = 200
const ROUND_STEPS_SEC = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400]
const DAY_SEC = 86400

export interface QueryTime {
  /** spans that start in [startMs, endMs) are counted; both whole seconds */
  startMs: number
  endMs: number
  /** true when the spec gave neither start_time nor end_time: the range ends at the whole second of `nowMs` */
  relativeToNow: boolean
  /** the width of a series bucket; buckets start at startMs */
  granularityMs: number
}

export interface TimeFields {
  time_range?: number
  start_time?: number
  end_time?: number
  granularity?: unknown
}

/** The smallest round step that splits the range into at most DEFAULT_MAX_BUCKETS buckets (whole days past a day). */
export function defaultGranularitySec(rangeSec: number): number {
  const floorSec = rangeSec / DEFAULT_MAX_BUCKETS
  return ROUND_STEPS_SEC.find((step) => step >= floorSec) ?? Math.ceil(floorSec / DAY_SEC) * DAY_SEC
}

function readGranularitySec(value: unknown, rangeSec: number): number {
  if (value === undefined) return defaultGranularitySec(rangeSec)
  const minSec = Math.ceil(rangeSec / MAX_BUCKETS)
  if (typeof value !== 'number' || !Number.isInteger(value) || value < minSec || value > rangeSec) {
    throw new QuerySpecError(
      `granularity: must be a whole number of seconds from ${minSec} to ${rangeSec}: a ${rangeSec} s time range has from 1 to ${MAX_BUCKETS} buckets`,
    )
  }
  return value
}

/**
 * The absolute range of a spec, as Honeycomb reads its time fields: `start_time` and `end_time` (unix s) as given;
 * one of them with `time_range` (s, default two hours) the range after the start or before the end; `time_range`
 * alone the range before now. Ranges are clipped to what the store can hold (1970 to 2262).
 */
export function resolveQueryTime(fields: TimeFields, nowMs: number): QueryTime {
  const { start_time: startSec, end_time: endSec, time_range: givenRangeSec } = fields
  if (startSec !== undefined && endSec !== undefined && givenRangeSec !== undefined) {
    throw new QuerySpecError('time_range: cannot be combined with both start_time and end_time')
  }
  if (startSec !== undefined && endSec !== undefined && startSec >= endSec) throw new QuerySpecError('start_time: must be before end_time')
  const rangeSec = givenRangeSec ?? DEFAULT_TIME_RANGE_SEC
  const relativeToNow = startSec === undefined && endSec === undefined
  let fromSec: number
  let toSec: number
  if (startSec !== undefined) {
    fromSec = startSec
    toSec = endSec ?? Math.min(MAX_UNIX_SEC, startSec + rangeSec)
  } else {
    toSec = endSec ?? Math.floor(nowMs / 1000)
    fromSec = Math.max(0, toSec - rangeSec)
  }
  // only a clock before 1970-01-01T00:00:01 leaves no range; nothing to bucket
  if (toSec <= fromSec) throw new QuerySpecError('time_range: the range is empty')
  const granularitySec = readGranularitySec(fields.granularity, toSec - fromSec)
  return { startMs: fromSec * 1000, endMs: toSec * 1000, relativeToNow, granularityMs: granularitySec * 1000 }
}
