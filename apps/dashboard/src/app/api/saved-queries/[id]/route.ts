import { badRequest } from '../../../../server/respond'
import { respondToWrite } from '../../../../server/query/query-route-helpers'
import { SAVED_QUERY_ID } from '../../../../server/query/saved-queries'
import { getSources } from '../../../../server/sources'

/** Deletes a saved query; only from the dashboard's own pages. 204, or 404 when the store has no such query. */
export async function DELETE(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  return respondToWrite(request, async () => {
    const { id } = await context.params
    if (!SAVED_QUERY_ID.test(id)) return badRequest('id: a saved query id is 1 to 64 letters, digits, - or _')
    await getSources().savedQueries.remove(id)
    return new Response(null, { status: 204, headers: { 'cache-control': 'no-store' } })
  })
}
