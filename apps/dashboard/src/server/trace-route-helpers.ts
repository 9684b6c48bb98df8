import 'server-only'
import type { TraceModel } from '../features/traces/model/trace-model'
import { parseTraceId, type ParseResult } from '../features/traces/model/trace-query'
import { DashboardError } from './errors'
import { getSources } from './sources'
import { cachedTrace } from './trace-cache'

/** The trace named by a route's `traceId` parameter (from the short-lived cache), or the reason it is not a trace id. */
export async function traceFromParams(rawTraceId: string): Promise<ParseResult<TraceModel>> {
  const traceId = parseTraceId(rawTraceId)
  if (!traceId.ok) return traceId
  const source = getSources().traces
  const trace = await cachedTrace(source, traceId.value)
  if (!trace) throw new DashboardError('not_found', `trace ${traceId.value} was not found in ${source.name}`)
  return { ok: true, value: trace }
}
