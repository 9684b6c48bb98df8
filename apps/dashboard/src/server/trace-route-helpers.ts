import 'server-only'
import { parseTraceId, type ParseResult } from '../features/traces/model/trace-query'
import { DashboardError } from './errors'
import type { LoadedTrace } from './loaded-trace'
import { getSources } from './sources'
import { cachedTrace } from './trace-cache'

/** The trace named by a route's `traceId` parameter (from the short-lived cache), or the reason it is not a trace id. */
export async function traceFromParams(rawTraceId: string): Promise<ParseResult<LoadedTrace>> {
  const traceId = parseTraceId(rawTraceId)
  if (!traceId.ok) return traceId
  const source = getSources().traces
  const trace = await cachedTrace(source, traceId.value)
  if (!trace) throw new DashboardError('not_found', `trace ${traceId.value} was not found in ${source.name}`)
  return { ok: true, value: trace }
}

/**
 * Starts fetching a trace into the cache without waiting for it: the trace page calls it while rendering, so the
 * upstream fetch runs while the HTML and the scripts travel to the browser. Failures are left for the routes to report.
 */
export function prefetchTrace(traceId: string): void {
  try {
    // cachedTrace keeps its own handlers on the promise: a failure here is not an unhandled rejection
    void cachedTrace(getSources().traces, traceId)
  } catch {
    // a bad configuration is reported by the routes
  }
}
