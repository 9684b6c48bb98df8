import { json } from '../../../server/respond'
import { readJsonBody, respondToWrite } from '../../../server/query/query-route-helpers'
import { getSources } from '../../../server/sources'

/**
 * Runs a Honeycomb Query Specification on the configured trace source; only from the dashboard's own pages. Answers
 * the store's QueryResult shape plus `meta` (src/server/query/query-source.ts).
 */
export async function POST(request: Request): Promise<Response> {
  return respondToWrite(request, async () => {
    const body = await readJsonBody(request, '{"calculations":[{"op":"COUNT"}],"time_range":3600}')
    if (!body.ok) return body.response
    return json(await getSources().queries.run(body.value))
  })
}
