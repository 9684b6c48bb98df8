import type { ResultValue } from '../../query/model/query-result'
import type { QuerySpec } from '../../query/model/query-spec'

// A browser span names its page in one of several attributes, depending on the package's version and options: the
// route template (`browser.page.route`, from the routes entry; `url.template`, from the vitals entry's `route`
// option), else the path (`browser.page.path`, `url.path`). The query engine has no "first of these columns", and a
// percentile cannot be merged from the percentiles of parts, so each panel runs one query per key: the spans that
// lack every key before it and have this one, grouped by it. Every span is then counted exactly once, and each
// group's p75 is exact. The last query also takes the spans with none of the keys (their group's route is null).

export const ROUTE_KEYS = ['browser.page.route', 'url.template', 'browser.page.path', 'url.path'] as const
export type RouteKey = (typeof ROUTE_KEYS)[number]

export interface TierSpec {
  key: RouteKey
  spec: QuerySpec
}

export function routeTierSpecs(base: QuerySpec): TierSpec[] {
  return ROUTE_KEYS.map((key, index) => {
    const lacking = ROUTE_KEYS.slice(0, index).map((earlier) => ({ column: earlier, op: 'does-not-exist' }))
    const last = index === ROUTE_KEYS.length - 1
    return {
      key,
      spec: {
        ...base,
        filters: [...(base.filters ?? []), ...lacking, ...(last ? [] : [{ column: key, op: 'exists' }])],
        breakdowns: [...(base.breakdowns ?? []), key],
      },
    }
  })
}

export interface ResultRow {
  data: Record<string, ResultValue>
  exampleTraceIds: string[]
}

export interface RouteGroup extends ResultRow {
  /** the route as the span named it; null when it had no route attribute */
  route: string | null
  /** which attribute it came from */
  routeKey: RouteKey | null
}

/** The groups of every tier's answer, each with the route it names and where that came from. */
export function mergeRouteTiers(tiers: { key: RouteKey; rows: readonly ResultRow[] }[]): RouteGroup[] {
  return tiers.flatMap(({ key, rows }) =>
    rows.map((row) => {
      const value = row.data[key]
      const route = value === null || value === undefined ? null : String(value)
      return { ...row, route, routeKey: route === null ? null : key }
    }),
  )
}

/** Identifies a route across panels: the same text from another attribute is another row (its p75 is its own). */
export function routeId(group: Pick<RouteGroup, 'route' | 'routeKey'>): string {
  return group.routeKey === null ? 'none' : `${group.routeKey}\u0000${group.route}`
}

/** Routes in reading order: by route text, a route with no attribute last. */
export function compareRoutes(a: Pick<RouteGroup, 'route' | 'routeKey'>, b: Pick<RouteGroup, 'route' | 'routeKey'>): number {
  if (a.route === null || b.route === null) return a.route === b.route ? 0 : a.route === null ? 1 : -1
  if (a.route !== b.route) return a.route < b.route ? -1 : 1
  return ROUTE_KEYS.indexOf(a.routeKey!) - ROUTE_KEYS.indexOf(b.routeKey!)
}
