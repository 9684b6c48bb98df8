import type { ResultValue } from '../../query/model/query-result'
import {
  ATTR_INTERACTION_EVENT_TYPE,
  ATTR_INTERACTION_TARGET,
  ATTR_SESSION_ID,
  ATTR_VITAL_NAME,
  MAX_VITAL,
  P75_DURATION,
  P75_VITAL,
  P95_DURATION,
} from './frontend-specs'
import type { TimeWindow } from './frontend-params'
import { compareRoutes, routeId, type ResultRow, type RouteGroup, type RouteKey } from './route-tiers'
import { rateVital, vitalDefinition, WEB_VITALS, type VitalDefinition, type VitalName, type VitalRating } from './web-vitals'

// Query answers → the Frontend page's tables and charts. Pure functions: the engine did the counting and the
// percentiles; these only join, rate and order what it answered.

/** A point of a query's series (its example traces, if any, are not needed here). */
export interface SeriesRow {
  time: string
  data: Record<string, ResultValue>
}

interface RouteIdentity {
  id: string
  route: string | null
  routeKey: RouteKey | null
}

const identity = (group: RouteGroup): RouteIdentity => ({ id: routeId(group), route: group.route, routeKey: group.routeKey })
const numberOf = (value: ResultValue | undefined): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null)
const textOf = (value: ResultValue | undefined): string | null => (value === null || value === undefined ? null : String(value))

export interface VitalCell {
  p75: number
  count: number
  rating: VitalRating
}

export interface VitalRouteRow extends RouteIdentity {
  vitals: Partial<Record<VitalName, VitalCell>>
}

/**
 * A row per route, a cell per vital it has: the p75 and the rating of that p75. Should one route have a vital in both
 * spellings (`lcp` and `LCP`, from two SDKs), the two p75s cannot be merged: the cell shows the group with more values.
 */
export function vitalRouteRows(groups: readonly RouteGroup[]): VitalRouteRow[] {
  const rows = new Map<string, VitalRouteRow>()
  for (const group of groups) {
    const vital = vitalDefinition(String(group.data[ATTR_VITAL_NAME]))
    const p75 = numberOf(group.data[P75_VITAL])
    if (!vital || p75 === null) continue
    const row = rows.get(routeId(group)) ?? { ...identity(group), vitals: {} }
    const count = numberOf(group.data.COUNT) ?? 0
    if ((row.vitals[vital.name]?.count ?? -1) < count) row.vitals[vital.name] = { p75, count, rating: rateVital(vital, p75) }
    rows.set(row.id, row)
  }
  return [...rows.values()].sort(compareRoutes)
}

export interface VitalLine {
  vital: VitalDefinition
  /** bucket start times, unix ms */
  timesMs: number[]
  /** p75 per bucket; null where the bucket had no value */
  values: (number | null)[]
}

/** The p75 of each vital over the window's buckets; only vitals with at least one value. */
export function vitalLines(series: readonly SeriesRow[], window: TimeWindow, granularitySec: number): VitalLine[] {
  const timesMs: number[] = []
  for (let sec = window.startSec; sec < window.endSec; sec += granularitySec) timesMs.push(sec * 1000)
  const lines = new Map<VitalName, (number | null)[]>()
  for (const point of series) {
    const vital = vitalDefinition(String(point.data[ATTR_VITAL_NAME]))
    const value = numberOf(point.data[P75_VITAL])
    const bucket = Math.round((Date.parse(point.time) / 1000 - window.startSec) / granularitySec)
    if (!vital || value === null || bucket < 0 || bucket >= timesMs.length) continue
    const values = lines.get(vital.name) ?? new Array<number | null>(timesMs.length).fill(null)
    values[bucket] = value
    lines.set(vital.name, values)
  }
  return WEB_VITALS.filter((vital) => lines.has(vital.name)).map((vital) => ({ vital, timesMs, values: lines.get(vital.name)! }))
}

export interface InteractionRow extends RouteIdentity {
  traceId: string | null
  spanId: string | null
  target: string | null
  eventType: string | null
  valueMs: number
  rating: VitalRating
}

const INP = WEB_VITALS.find((vital) => vital.name === 'INP')!

/** The slowest interactions by INP, largest first, rated by Google's thresholds. */
export function slowestInteractionRows(groups: readonly RouteGroup[], limit: number): InteractionRow[] {
  const rows: InteractionRow[] = []
  for (const group of groups) {
    const valueMs = numberOf(group.data[MAX_VITAL])
    if (valueMs === null) continue
    rows.push({
      ...identity(group),
      traceId: textOf(group.data['trace.trace_id']),
      spanId: textOf(group.data['trace.span_id']),
      target: textOf(group.data[ATTR_INTERACTION_TARGET]),
      eventType: textOf(group.data[ATTR_INTERACTION_EVENT_TYPE]),
      valueMs,
      rating: rateVital(INP, valueMs),
    })
  }
  return rows.sort((a, b) => b.valueMs - a.valueMs).slice(0, limit)
}

export interface DurationStats {
  count: number
  p75Ms: number | null
  p95Ms: number | null
}

export interface RouteLoadRow extends RouteIdentity {
  pageLoads?: DurationStats
  navigations?: DurationStats
  spans: number
  errors: number
  /** errored spans / all spans of the route; null when it has none */
  errorRate: number | null
}

const durationStats = (group: RouteGroup): DurationStats => ({
  count: numberOf(group.data.COUNT) ?? 0,
  p75Ms: numberOf(group.data[P75_DURATION]),
  p95Ms: numberOf(group.data[P95_DURATION]),
})

/** The slower of a route's two load times (p75), for the order. */
const loadP75 = (row: RouteLoadRow) => Math.max(row.pageLoads?.p75Ms ?? -1, row.navigations?.p75Ms ?? -1)

/**
 * A row per route: its page loads and in-app navigations (count, p75, p95) and its error rate over all its spans.
 * Slowest first (the slower p75 of the two); routes without loads after, by error rate.
 */
export function routeLoadRows(navigations: readonly RouteGroup[], documentLoads: readonly RouteGroup[], spans: readonly RouteGroup[]): RouteLoadRow[] {
  const rows = new Map<string, RouteLoadRow>()
  const rowOf = (group: RouteGroup) => {
    const row = rows.get(routeId(group)) ?? { ...identity(group), spans: 0, errors: 0, errorRate: null }
    rows.set(row.id, row)
    return row
  }
  for (const group of documentLoads) rowOf(group).pageLoads = durationStats(group)
  for (const group of navigations) rowOf(group).navigations = durationStats(group)
  for (const group of spans) {
    const row = rowOf(group)
    const count = numberOf(group.data.COUNT) ?? 0
    row.spans += count
    if (group.data.error === true) row.errors += count
  }
  for (const row of rows.values()) row.errorRate = row.spans > 0 ? row.errors / row.spans : null
  return [...rows.values()].sort((a, b) => loadP75(b) - loadP75(a) || (b.errorRate ?? -1) - (a.errorRate ?? -1) || compareRoutes(a, b))
}

export interface SessionRow {
  sessionId: string
  spans: number
  errors: number
  /** start of the first bucket with a span of the session, unix ms */
  firstSeenMs: number
  /** end of the last such bucket (at most the window's end), unix ms */
  lastSeenMs: number
}

/**
 * Sessions with their span and error counts, most recently seen first. The engine has no time column to take a
 * minimum of, so first and last seen are read from the series: to within one bucket (`granularitySec`).
 */
export function sessionRows(
  results: readonly ResultRow[],
  series: readonly SeriesRow[],
  window: TimeWindow,
  granularitySec: number,
  limit: number,
): SessionRow[] {
  const sessions = new Map<string, SessionRow>()
  for (const row of results) {
    const sessionId = textOf(row.data[ATTR_SESSION_ID])
    if (sessionId === null) continue
    const session = sessions.get(sessionId) ?? { sessionId, spans: 0, errors: 0, firstSeenMs: Infinity, lastSeenMs: -Infinity }
    const count = numberOf(row.data.COUNT) ?? 0
    session.spans += count
    if (row.data.error === true) session.errors += count
    sessions.set(sessionId, session)
  }
  for (const point of series) {
    const session = sessions.get(textOf(point.data[ATTR_SESSION_ID]) ?? '')
    const startMs = Date.parse(point.time)
    if (!session || (numberOf(point.data.COUNT) ?? 0) <= 0 || Number.isNaN(startMs)) continue
    session.firstSeenMs = Math.min(session.firstSeenMs, startMs)
    session.lastSeenMs = Math.max(session.lastSeenMs, Math.min(startMs + granularitySec * 1000, window.endSec * 1000))
  }
  return [...sessions.values()]
    .filter((session) => Number.isFinite(session.firstSeenMs))
    .sort((a, b) => b.lastSeenMs - a.lastSeenMs || b.firstSeenMs - a.firstSeenMs || (a.sessionId < b.sessionId ? -1 : 1))
    .slice(0, limit)
}
