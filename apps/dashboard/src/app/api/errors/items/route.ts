import { parseItemFilters } from '../../../../features/errors/model/item-filters'
import { badRequest, json, respond } from '../../../../server/respond'
import { getSources } from '../../../../server/sources'

export async function GET(request: Request): Promise<Response> {
  return respond(async () => {
    const filters = parseItemFilters(new URL(request.url).searchParams)
    if (!filters.ok) return badRequest(filters.reason)
    return json(await getSources().rollbar.items(filters.value))
  })
}
