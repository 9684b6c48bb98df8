import { parseTraceQuery } from '../../../features/traces/model/trace-query'
import { badRequest, json, respond } from '../../../server/respond'
import { getSources } from '../../../server/sources'

export async function GET(request: Request): Promise<Response> {
  return respond(async () => {
    const query = parseTraceQuery(new URL(request.url).searchParams)
    if (!query.ok) return badRequest(query.reason)
    return json(await getSources().traces.search(query.value))
  })
}
