import { badRequest, respond } from '../../../../../server/respond'
import { traceFromParams } from '../../../../../server/trace-route-helpers'

/**
 * The trace's outline: enough to draw the waterfall, a fraction of the whole trace's size. The whole trace is not
 * fetched here in the background: on a small machine that fetch (11 MB from the store, parsed) competed with the
 * browser's first paint and cost it ~200 ms; a search within the trace starts it (the side panel asks the store for the one span).
 */
export async function GET(_request: Request, context: { params: Promise<{ traceId: string }> }): Promise<Response> {
  return respond(async () => {
    const startedAt = performance.now()
    const trace = await traceFromParams((await context.params).traceId)
    if (!trace.ok) return badRequest(trace.reason)
    const loadedAt = performance.now()
    const body = JSON.stringify(trace.value.outline())
    const doneAt = performance.now()
    // durations only (no names of upstreams): lets the benchmark and browser devtools see where the time went.
    // `wait` is how long this request waited for the trace; the fetch may have started earlier, with the page.
    const { upstreamMs, parseMs } = trace.value.timing
    const timing = [
      `upstream;dur=${upstreamMs.toFixed(1)};desc="source answered"`,
      `parse;dur=${parseMs.toFixed(1)};desc="parse and check the outline"`,
      `wait;dur=${(loadedAt - startedAt).toFixed(1)}`,
      `outline;dur=${(doneAt - loadedAt).toFixed(1)};desc="serialise"`,
    ].join(', ')
    return new Response(body, { headers: { 'content-type': 'application/json', 'cache-control': 'no-store', 'server-timing': timing } })
  })
}
