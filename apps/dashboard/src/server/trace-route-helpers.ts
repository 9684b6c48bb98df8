import 'server-only'
import type { TraceModel } from '../features/traces/model/trace-model'
import type { TraceOutline } from '../features/traces/model/trace-outline'
import { parseTraceId, type ParseResult } from '../features/traces/model/trace-query'
import { DashboardError } from './errors'
import type { LoadedTrace } from './loaded-trace'
import { getSources } from './sources'
import { cachedTrace, cachedTraceModel } from './trace-cache'

/** The trace named by a route's `traceId` parameter for its outline (from the short-lived cache), or why it is not a trace id. */
export async function traceFromParams(rawTraceId: string): Promise<ParseResult<LoadedTrace>> {
  const traceId = parseTraceId(rawTraceId)
  if (!traceId.ok) return traceId
  const source = getSources().traces
  const trace = await cachedTrace(source, traceId.value)
  if (!trace) throw new DashboardError('not_found', `trace ${traceId.value} was not found in ${source.name}`)
  return { ok: true, value: trace }
}

/** The whole model of the trace named by a route's `traceId` parameter (search within the trace, the trace route; the side panel when the source has no single-span view). */
export async function traceModelFromParams(rawTraceId: string): Promise<ParseResult<TraceModel>> {
  const traceId = parseTraceId(rawTraceId)
  if (!traceId.ok) return traceId
  const source = getSources().traces
  const model = await cachedTraceModel(source, traceId.value)
  if (!model) throw new DashboardError('not_found', `trace ${traceId.value} was not found in ${source.name}`)
  return { ok: true, value: model }
}

/**
 * Starts fetching a trace's outline into the cache without waiting for it: the trace page calls it while rendering,
 * so the upstream fetch runs while the HTML and the scripts travel to the browser. Failures are left for the routes.
 */
export function prefetchTrace(traceId: string): void {
  try {
    // cachedTrace keeps its own handlers on the promise: a failure here is not an unhandled rejection
    void cachedTrace(getSources().traces, traceId)
  } catch {
    // a bad configuration is reported by the routes
  }
}

/**
 * The outline `prefetchTrace` started fetching, for the trace page's server-rendered first rows; null when the trace
 * is missing or the source failed (the page then leaves the rows and the error to the client, which asks the outline
 * route and shows why). Never rejects.
 */
export async function prefetchedOutline(traceId: string): Promise<TraceOutline | null> {
  try {
    const trace = await cachedTrace(getSources().traces, traceId)
    return trace && trace.outline()
  } catch {
    return null
  }
}

/**
 * Whether the trace the page asked for exists, once `prefetchTrace`'s fetch has answered: the trace page waits for
 * it before it sends anything, because the HTTP status (404 for an unknown trace) goes out with the first byte.
 * 'unknown' when the source failed: the page renders and the client says why.
 */
export async function prefetchedTraceFound(traceId: string): Promise<'found' | 'missing' | 'unknown'> {
  try {
    return (await cachedTrace(getSources().traces, traceId)) ? 'found' : 'missing'
  } catch {
    return 'unknown'
  }
}
