import { badRequest, json, respond } from '../../../../server/respond'
import { traceFromParams } from '../../../../server/trace-route-helpers'

/** The whole normalised trace. */
export async function GET(_request: Request, context: { params: Promise<{ traceId: string }> }): Promise<Response> {
  return respond(async () => {
    const trace = await traceFromParams((await context.params).traceId)
    if (!trace.ok) return badRequest(trace.reason)
    return json(trace.value.model())
  })
}
