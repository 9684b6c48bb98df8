import { END_NS, FIRST_START_NS, LAST_HOUR_FROM_NS } from './span-rows.js'

// The six reference queries of issue 16, each as the rows it answers. Every engine answers them
// over the same spans; the times are bound as integers (ns) and every result is compared across
// engines (example trace ids left out: they are not part of what is measured).

export type ResultRow = Record<string, string | number | null>

export const QUERY_IDS = ['p95-by-result-length', 'errors-by-route', 'heatmap-1h', 'group-by-3', 'compare-slowest-5pct', 'count-by-service-1m'] as const
export type QueryId = (typeof QUERY_IDS)[number]

export const QUERY_LABELS: Record<QueryId, string> = {
  'p95-by-result-length': 'P95(duration_ms), COUNT of demo-api GET /api/activities/home by app.result_length, last hour',
  'errors-by-route': 'COUNT of status=ERROR by http.route, 4 h (all spans)',
  'heatmap-1h': 'HEATMAP(duration_ms): 1-minute x 10 ms cells, last hour',
  'group-by-3': 'P95(duration_ms), COUNT by service, name, http.route, 4 h',
  'compare-slowest-5pct': 'Compare: slowest 5% vs the rest, all 30 attribute keys, 4 h',
  'count-by-service-1m': 'COUNT by service at 1-minute granularity, 4 h',
}

export const RANGE = {
  lastHour: { from: LAST_HOUR_FROM_NS, to: END_NS },
  all: { from: FIRST_START_NS, to: END_NS },
}
export const MINUTE_NS = 60_000_000_000n
export const HEATMAP_BUCKET_NS = 10_000_000n
export const OPERATION = { service: 'demo-api', name: 'GET /api/activities/home' }

/** Nearest-rank quantile index of a sorted array of n values (what DuckDB's quantile_disc returns). */
export function nearestRankIndex(count: number, quantile: number): number {
  return Math.max(0, Math.ceil(count * quantile) - 1)
}

export interface CompareCount {
  key: string
  value: string
  selected: number
  baseline: number
}

/**
 * Ranks attribute keys by how differently their values are spread in the selection and in the
 * rest: the total variation distance of the two distributions (half the sum over values of the
 * difference in share), spans without the key counting as one more value.
 */
export function rankCompare(counts: CompareCount[], selectedTotal: number, baselineTotal: number): ResultRow[] {
  const byKey = new Map<string, { distance: number; selected: number; baseline: number; top: string; topGap: number }>()
  for (const count of counts) {
    const entry = byKey.get(count.key) ?? { distance: 0, selected: 0, baseline: 0, top: '', topGap: -1 }
    const gap = count.selected / selectedTotal - count.baseline / baselineTotal
    entry.distance += Math.abs(gap)
    entry.selected += count.selected
    entry.baseline += count.baseline
    if (gap > entry.topGap || (gap === entry.topGap && count.value < entry.top)) {
      entry.topGap = gap
      entry.top = count.value
    }
    byKey.set(count.key, entry)
  }
  const rows: ResultRow[] = []
  for (const [key, entry] of byKey) {
    const missingGap = Math.abs((selectedTotal - entry.selected) / selectedTotal - (baselineTotal - entry.baseline) / baselineTotal)
    rows.push({ key, score: Math.round(((entry.distance + missingGap) / 2) * 1e6) / 1e6, overRepresented: entry.top })
  }
  return rows.sort((a, b) => Number(b.score) - Number(a.score) || String(a.key).localeCompare(String(b.key)))
}
