import { parseTraceQuery } from '../../../features/traces/model/trace-query'
import { badRequest, json, respond } from '../../../server/respond'
import { getSources } from '../../../server/sources'

export async function GET(request: Request): Promise<Response> {
  return respond(async () => {
    const query = parseTraceQuery(new URL(request.url).searchParams)
    if (!query.ok) return badRequest(query.reason)
    const startedAt = performance.now()
    const page = await getSources().traces.search(query.value)
    // a duration only: tells the proxy's own cost apart from the source's (the benchmark compares them)
    return json(page, { 'server-timing': `source;dur=${(performance.now() - startedAt).toFixed(2)}` })
  })
}
