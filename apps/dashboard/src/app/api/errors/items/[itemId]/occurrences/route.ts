import { parseItemId, parsePage } from '../../../../../../features/errors/model/item-filters'
import { badRequest, json, respond } from '../../../../../../server/respond'
import { assertItemFound } from '../../../../../../server/rollbar-source'
import { getSources } from '../../../../../../server/sources'

export async function GET(request: Request, context: { params: Promise<{ itemId: string }> }): Promise<Response> {
  return respond(async () => {
    const itemId = parseItemId((await context.params).itemId)
    if (!itemId.ok) return badRequest(itemId.reason)
    const page = parsePage(new URL(request.url).searchParams)
    if (!page.ok) return badRequest(page.reason)
    return json(assertItemFound(await getSources().rollbar.occurrences(itemId.value, page.value), itemId.value))
  })
}
