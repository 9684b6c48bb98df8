import { badRequest, json, respond } from '../../../../server/respond'
import { traceModelFromParams } from '../../../../server/trace-route-helpers'

/** The whole normalised trace. */
export async function GET(_request: Request, context: { params: Promise<{ traceId: string }> }): Promise<Response> {
  return respond(async () => {
    const model = await traceModelFromParams((await context.params).traceId)
    if (!model.ok) return badRequest(model.reason)
    return json(model.value)
  })
}
