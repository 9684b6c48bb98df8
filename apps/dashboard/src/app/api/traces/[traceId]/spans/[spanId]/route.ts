import { parseTraceId } from '../../../../../../features/traces/model/trace-query'
import { DashboardError } from '../../../../../../server/errors'
import { badRequest, json, respond } from '../../../../../../server/respond'
import { getSources } from '../../../../../../server/sources'
import { traceModelFromParams } from '../../../../../../server/trace-route-helpers'

/**
 * One span in full (attributes, events, links) with its resource: the waterfall's side panel. From the source's
 * single-span view when it has one (the store decompresses one chunk), so selecting a span never waits for, nor
 * competes with, the whole trace; else from the whole model.
 */
export async function GET(_request: Request, context: { params: Promise<{ traceId: string; spanId: string }> }): Promise<Response> {
  return respond(async () => {
    const params = await context.params
    const spanId = params.spanId.toLowerCase()
    if (!/^[0-9a-f]{16}$/.test(spanId)) return badRequest('spanId: must be 16 hex digits')
    const source = getSources().traces
    if (source.span) {
      const traceId = parseTraceId(params.traceId)
      if (!traceId.ok) return badRequest(traceId.reason)
      const found = await source.span(traceId.value, spanId)
      if (!found) throw new DashboardError('not_found', `span ${spanId} is not in trace ${traceId.value}`)
      return json(found)
    }
    const trace = await traceModelFromParams(params.traceId)
    if (!trace.ok) return badRequest(trace.reason)
    const model = trace.value
    const span = model.spans.find((candidate) => candidate.spanId === spanId)
    if (!span) throw new DashboardError('not_found', `span ${spanId} is not in trace ${model.traceId}`)
    return json({ span, resource: model.resources[span.resourceId] ?? [] })
  })
}
