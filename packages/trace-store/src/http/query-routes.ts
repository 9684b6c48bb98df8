import type { IncomingMessage, ServerResponse } from 'node:http'
import { StoreError } from '../errors.js'
import { isSpanId, isTraceId } from '../otlp/ids.js'
import { parseSearchParams } from '../query/parse-search-params.js'
import { traceToOtlp } from '../query/trace-to-otlp.js'
import type { TraceView } from '../query/trace-views.js'
import { sendJson, sendJsonText } from './respond.js'
import type { StoreContext } from './store-context.js'
import { tokenMatches } from './tokens.js'

const TRACE_PATH = /^\/api\/traces\/([^/]+)(\/otlp|\/outline)?$/
const SPAN_PATH = /^\/api\/traces\/([^/]+)\/spans\/([^/]+)$/

/** Routes GET /api/services, /api/operations, /api/traces, /api/traces/:id[/otlp|/outline|/spans/:spanId]; false when the path is not one of them. */
export function handleQuery(request: IncomingMessage, response: ServerResponse, url: URL, context: StoreContext): boolean {
  const path = url.pathname
  const isQueryPath = path === '/api/services' || path === '/api/operations' || path === '/api/traces' || TRACE_PATH.test(path) || SPAN_PATH.test(path)
  if (!isQueryPath) return false
  if (request.method !== 'GET') throw new StoreError('method_not_allowed', `${request.method} is not allowed on ${path}; use GET`)
  checkReadToken(request, context)

  if (path === '/api/services') {
    sendJson(response, 200, { services: context.queries.services() })
  } else if (path === '/api/operations') {
    const service = url.searchParams.get('service')
    if (!service) throw new StoreError('bad_request', 'service: required')
    sendJson(response, 200, { operations: context.queries.operations(service) })
  } else if (path === '/api/traces') {
    sendJson(response, 200, context.queries.search(parseSearchParams(url.searchParams)))
  } else if (SPAN_PATH.test(path)) {
    const [, rawTraceId, rawSpanId] = SPAN_PATH.exec(path)!
    const traceId = pathParameter(rawTraceId!)
    const spanId = pathParameter(rawSpanId!)
    if (!isTraceId(traceId)) throw new StoreError('invalid_trace_id', 'trace id must be 32 hex digits, not all zero')
    if (!isSpanId(spanId)) throw new StoreError('bad_request', 'span id must be 16 hex digits, not all zero')
    const spanJson = context.queries.spanJson(traceId, spanId)
    if (spanJson === null) throw new StoreError('not_found', `span ${spanId} of trace ${traceId} not found`)
    sendJsonText(response, 200, spanJson)
  } else {
    const [, rawTraceId, view] = TRACE_PATH.exec(path)!
    const traceId = pathParameter(rawTraceId!)
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
  return true
}

/** A path segment, lower-cased; a malformed %-escape is kept as is, so the id check answers 400 for it. */
function pathParameter(raw: string): string {
  try {
    return decodeURIComponent(raw).toLowerCase()
  } catch {
    return raw
  }
}

function checkReadToken(request: IncomingMessage, context: StoreContext): void {
  const { readToken } = context.options
  if (!readToken) return
  const presented = request.headers.authorization?.replace(/^Bearer\s+/i, '')
  if (!tokenMatches(presented, readToken)) throw new StoreError('unauthorized', 'missing or wrong read token (Authorization: Bearer …)')
}
