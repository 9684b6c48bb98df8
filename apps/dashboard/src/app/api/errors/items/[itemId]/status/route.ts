import { z } from 'zod'
import { parseItemId } from '../../../../../../features/errors/model/item-filters'
import { badRequest, json, respond } from '../../../../../../server/respond'
import { SETTABLE_STATUSES } from '../../../../../../server/rollbar-item-status'
import { assertItemFound } from '../../../../../../server/rollbar-source'
import { refuseCrossSiteWrite } from '../../../../../../server/same-origin'
import { getSources } from '../../../../../../server/sources'

const bodySchema = z.object({ status: z.enum(SETTABLE_STATUSES, { message: `status: must be one of ${SETTABLE_STATUSES.join(', ')}` }) }).strict()

/** Resolves, mutes or reopens an item upstream; only from the dashboard's own pages. Answers `{itemId, status}`. */
export async function PATCH(request: Request, context: { params: Promise<{ itemId: string }> }): Promise<Response> {
  return respond(async () => {
    const refused = refuseCrossSiteWrite(request)
    if (refused) return refused
    const itemId = parseItemId((await context.params).itemId)
    if (!itemId.ok) return badRequest(itemId.reason)
    let input: unknown
    try {
      input = await request.json()
    } catch {
      return badRequest('the body must be JSON like {"status":"resolved"}')
    }
    const parsed = bodySchema.safeParse(input)
    if (!parsed.success) return badRequest(parsed.error.issues[0]?.message ?? 'the body must be {"status": …}')
    return json(assertItemFound(await getSources().rollbarItemStatus.setStatus(itemId.value, parsed.data.status), itemId.value))
  })
}
