import { searchSpans } from '../../../../../features/waterfall/model/search-spans'
import { badRequest, json, respond } from '../../../../../server/respond'
import { traceModelFromParams } from '../../../../../server/trace-route-helpers'

/** Ids of the spans matching a search within the trace (names, services, attribute keys and values, events). */
export async function GET(request: Request, context: { params: Promise<{ traceId: string }> }): Promise<Response> {
  return respond(async () => {
    const query = new URL(request.url).searchParams.get('q') ?? ''
    if (query.length > 200) return badRequest('q: must be at most 200 characters')
    const model = await traceModelFromParams((await context.params).traceId)
    if (!model.ok) return badRequest(model.reason)
    const spans = model.value.spans
    return json({ spanIds: [...searchSpans(spans, query)].map((index) => spans[index]!.spanId) })
  })
}
