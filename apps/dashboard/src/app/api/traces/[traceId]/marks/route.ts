import { spanMarks } from '../../../../../features/waterfall/model/span-marks'
import { badRequest, json, respond } from '../../../../../server/respond'
import { traceModelFromParams } from '../../../../../server/trace-route-helpers'

/** What the waterfall's rows add to the outline: fetch spans' method-and-path names and each span's event times. */
export async function GET(_request: Request, context: { params: Promise<{ traceId: string }> }): Promise<Response> {
  return respond(async () => {
    const model = await traceModelFromParams((await context.params).traceId)
    if (!model.ok) return badRequest(model.reason)
    return json(spanMarks(model.value))
  })
}
