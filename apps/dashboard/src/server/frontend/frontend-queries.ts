import 'server-only'
import type { QuerySpec } from '../../features/query/model/query-spec'
import { timeWindow, type FrontendRange, type TimeWindow } from '../../features/frontend/model/frontend-params'
import { mergeRouteTiers, routeTierSpecs, type RouteGroup } from '../../features/frontend/model/route-tiers'
import { DashboardError } from '../errors'
import { UnsupportedClausesError, type QueryResult } from '../query/query-source'
import { scrub } from '../respond'
import { getSources } from '../sources'

// The Frontend page's questions go to the configured source's query engine, the one behind the Query page's
// `POST /api/query` (src/server/query/): the store's own, Tempo's TraceQL metrics, or none (Jaeger). Nothing here
// counts or takes a percentile itself. Each answer is a value or a message fit to show, so one panel failing (a
// clause Tempo cannot answer, the store over its budget) leaves the others standing.

export type Answer<T> = { ok: true; value: T } | { ok: false; message: string }

/** What can be said in the page about a failed query: the source's own words only when they are safe to show. */
function failureMessage(error: unknown): string {
  if (error instanceof UnsupportedClausesError)
    return scrub(`${error.sourceName} cannot answer ${error.clauses.map((note) => `${note.clause} (${note.message})`).join('; ')}`)
  if (error instanceof DashboardError) return scrub(error.message)
  if (error instanceof Error && error.name === 'EnvError') return scrub(error.message)
  console.error(`[dashboard] unexpected ${error instanceof Error ? error.name : 'error'} while running a Frontend page query`)
  return 'the dashboard failed to run the query; see its log'
}

async function attempt<T>(run: () => Promise<T>): Promise<Answer<T>> {
  try {
    return { ok: true, value: await run() }
  } catch (error) {
    return { ok: false, message: failureMessage(error) }
  }
}

export function runQuery(spec: QuerySpec): Promise<Answer<QueryResult>> {
  return attempt(() => getSources().queries.run(spec))
}

/** One query per route key (route-tiers.ts), in parallel; their groups merged, each naming its route. */
export function runByRoute(base: QuerySpec): Promise<Answer<RouteGroup[]>> {
  return attempt(async () => {
    const tiers = routeTierSpecs(base)
    const results = await Promise.all(tiers.map((tier) => getSources().queries.run(tier.spec)))
    return mergeRouteTiers(tiers.map((tier, index) => ({ key: tier.key, rows: results[index]!.data.results })))
  })
}

/** Every service the trace source knows, for the service picker. */
export function listServices(): Promise<Answer<string[]>> {
  return attempt(() => getSources().traces.services())
}

/** Whether the source has an aggregate query API at all, and its name (Jaeger has none). */
export function queryCapabilities(): Answer<{ aggregates: boolean; sourceName: string; message?: string }> {
  try {
    const { aggregates, sourceName, message } = getSources().queries.capabilities
    return { ok: true, value: { aggregates, sourceName, message } }
  } catch (error) {
    return { ok: false, message: failureMessage(error) }
  }
}

/** The absolute seconds of one page view's queries, ending now. */
export function currentWindow(range: FrontendRange): TimeWindow {
  return timeWindow(range, Date.now())
}
