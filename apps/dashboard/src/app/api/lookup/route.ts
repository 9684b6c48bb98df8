import { errorResponse, json, respond } from '../../../server/respond'
import { resolveLookup } from '../../../server/resolve-lookup'
import { getSources } from '../../../server/sources'

/** Where a pasted trace id, traceparent, span id or occurrence uuid leads: `{ href }`, or 400/404 saying why not. */
export async function GET(request: Request): Promise<Response> {
  return respond(async () => {
    const outcome = await resolveLookup(new URL(request.url).searchParams.get('q') ?? '', getSources().rollbar)
    if (!outcome.ok) return errorResponse(outcome.code, outcome.message, outcome.code === 'bad_request' ? 400 : 404)
    return json({ href: outcome.href })
  })
}
