import type { IncomingMessage } from 'node:http'
import { isSpanId, isTraceId } from '../otlp/ids.js'
import { traceToOtlp } from '../query/trace-to-otlp.js'
import type { TraceView } from '../query/trace-views.js'
import { parseSearchParams, parseTimeRange } from './parse-search-params.js'
import { sendJson, sendJsonText } from './respond.js'
import type { RouteRequest } from './route.js'
import type { StoreContext } from './store-context.js'
import { StoreError } from './store-error.js'
import { tokenMatches } from './tokens.js'

// The query API's handlers (GET /api/services, /api/operations, /api/dependencies, /api/traces,
// /api/traces/:id[/otlp|/outline|/spans/:spanId]).

/** GET /api/services */
export function listServices({ response, context }: RouteRequest): void {
  sendJson(response, 200, { services: context.queries.services() })
}

/** GET /api/operations?service= */
export function listOperations({ response, url, context }: RouteRequest): void {
  const service = url.searchParams.get('service')
  if (!service) throw new StoreError('bad_request', 'service: required')
  sendJson(response, 200, { operations: context.queries.operations(service) })
}

/** GET /api/traces?… */
export function searchTraces({ response, url, context }: RouteRequest): void {
  sendJson(response, 200, context.queries.search(parseSearchParams(url.searchParams)))
}

/** GET /api/dependencies?startFromMs=&startToMs= */
export function listDependencies({ response, url, context }: RouteRequest): void {
  const { startFromMs, startToMs } = parseTimeRange(url.searchParams, Date.now())
  sendJson(response, 200, context.queries.dependencies(startFromMs, startToMs))
}

/** GET /api/traces/:traceId/spans/:spanId */
export function getSpan({ response, params, context }: RouteRequest): void {
  const traceId = pathParameter(params[0]!)
  const spanId = pathParameter(params[1]!)
  if (!isTraceId(traceId)) throw new StoreError('invalid_trace_id', 'trace id must be 32 hex digits, not all zero')
  if (!isSpanId(spanId)) throw new StoreError('bad_request', 'span id must be 16 hex digits, not all zero')
  const spanJson = context.queries.spanJson(traceId, spanId)
  if (spanJson === null) throw new StoreError('not_found', `span ${spanId} of trace ${traceId} not found`)
  sendJsonText(response, 200, spanJson)
}

/** GET /api/traces/:traceId, …/outline and …/otlp (the trace as an OTLP JSON download) */
export function getTrace({ response, params, context }: RouteRequest): void {
  const traceId = pathParameter(params[0]!)
  const view = params[1]
  if (!isTraceId(traceId)) throw new StoreError('invalid_trace_id', 'trace id must be 32 hex digits, not all zero')
  const traceJson = view === '/outline' ? context.queries.traceOutlineJson(traceId) : context.queries.traceJson(traceId)
  if (traceJson === null) throw new StoreError('not_found', `trace ${traceId} not found`)
  if (view === '/otlp') {
    const trace = JSON.parse(traceJson) as TraceView
    sendJson(response, 200, traceToOtlp(trace), { 'Content-Disposition': `attachment; filename="trace-${traceId}.json"` })
  } else {
    sendJsonText(response, 200, traceJson)
  }
}

/** A path segment, lower-cased; a malformed %-escape is kept as is, so the id check answers 400 for it. */
function pathParameter(raw: string): string {
  try {
    return decodeURIComponent(raw).toLowerCase()
  } catch {
    return raw
  }
}

/** The query API's read token, as `Authorization: Bearer <token>`. */
export function checkReadToken(request: IncomingMessage, _url: URL, context: StoreContext): void {
  const { readToken } = context.options
  if (!readToken) return
  const presented = request.headers.authorization?.replace(/^Bearer\s+/i, '')
  if (!tokenMatches(presented, readToken)) throw new StoreError('unauthorized', 'missing or wrong read token (Authorization: Bearer …)')
}
