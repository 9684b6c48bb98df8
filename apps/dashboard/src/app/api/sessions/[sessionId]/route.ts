import { parseSessionId } from '../../../../features/lookup/model/parse-lookup'
import { loadSession } from '../../../../server/load-session'
import { badRequest, json, respond } from '../../../../server/respond'
import { getSources } from '../../../../server/sources'

/** Every trace and Rollbar occurrence of one session. */
export async function GET(_request: Request, context: { params: Promise<{ sessionId: string }> }): Promise<Response> {
  return respond(async () => {
    const sessionId = parseSessionId((await context.params).sessionId)
    if (!sessionId) return badRequest('sessionId: must be 1–128 letters, digits or . _ : -')
    return json(await loadSession(sessionId, getSources()))
  })
}
