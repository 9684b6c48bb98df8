import { json, respond } from '../../../../server/respond'
import { getSources } from '../../../../server/sources'

/** What the configured trace source answers of a custom query (src/server/query/query-source.ts, QueryCapabilities). */
export async function GET(): Promise<Response> {
  return respond(async () => json(getSources().queries.capabilities))
}
