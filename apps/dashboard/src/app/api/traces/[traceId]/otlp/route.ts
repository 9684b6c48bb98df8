import { parseTraceId } from '../../../../../features/traces/model/trace-query'
import { DashboardError } from '../../../../../server/errors'
import { badRequest, json, respond } from '../../../../../server/respond'
import { getSources } from '../../../../../server/sources'

/** The trace as an OTLP JSON file to download. */
export async function GET(_request: Request, context: { params: Promise<{ traceId: string }> }): Promise<Response> {
  return respond(async () => {
    const traceId = parseTraceId((await context.params).traceId)
    if (!traceId.ok) return badRequest(traceId.reason)
    const source = getSources().traces
    const document = await source.otlp(traceId.value)
    if (!document) throw new DashboardError('not_found', `trace ${traceId.value} was not found in ${source.name}`)
    return json(document, { 'content-disposition': `attachment; filename="trace-${traceId.value}.otlp.json"` })
  })
}
