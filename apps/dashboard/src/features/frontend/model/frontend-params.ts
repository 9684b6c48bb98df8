// The Frontend page's state, all in its URL (`/frontend?service=…&range=24h`): a link shows the same page.

export interface FrontendRange {
  id: '1h' | '24h' | '7d'
  label: string
  rangeSec: number
  /** bucket of the vitals-over-time charts */
  chartGranularitySec: number
  /** bucket of the sessions' first and last seen: as fine as the store's 1,000 buckets per query allow */
  sessionGranularitySec: number
}

export const FRONTEND_RANGES: readonly FrontendRange[] = [
  { id: '1h', label: 'Last hour', rangeSec: 3600, chartGranularitySec: 60, sessionGranularitySec: 5 },
  { id: '24h', label: 'Last 24 hours', rangeSec: 86_400, chartGranularitySec: 1800, sessionGranularitySec: 90 },
  { id: '7d', label: 'Last 7 days', rangeSec: 604_800, chartGranularitySec: 3 * 3600, sessionGranularitySec: 900 },
]

const DEFAULT_RANGE = FRONTEND_RANGES[1]!

/** Service names are sent to the query engine as a filter value only; this bounds what a URL can make it compare. */
const MAX_SERVICE_NAME_CHARS = 256

export interface FrontendParams {
  /** null: the page picks the first service that records web vitals */
  service: string | null
  range: FrontendRange
}

type SearchParams = Record<string, string | string[] | undefined>

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value)

export function parseFrontendParams(search: SearchParams): FrontendParams {
  const service = first(search.service)?.trim()
  const rangeId = first(search.range)
  return {
    service: service && service.length <= MAX_SERVICE_NAME_CHARS ? service : null,
    range: FRONTEND_RANGES.find((range) => range.id === rangeId) ?? DEFAULT_RANGE,
  }
}

/** The absolute seconds every query of one page view asks about, so its panels speak of the same spans. */
export interface TimeWindow {
  startSec: number
  endSec: number
}

/** Ends after the current second: the engine counts spans that start before `end_time`, so this second's are in. */
export function timeWindow(range: FrontendRange, nowMs: number): TimeWindow {
  const endSec = Math.floor(nowMs / 1000) + 1
  return { startSec: endSec - range.rangeSec, endSec }
}

/** `90 s`, `15 min`: a bucket width as the page states a precision. */
export function formatBucket(seconds: number): string {
  return seconds < 120 ? `${seconds} s` : `${Math.round(seconds / 60)} min`
}
