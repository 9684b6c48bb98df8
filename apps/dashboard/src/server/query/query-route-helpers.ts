import 'server-only'
import { badRequest, errorResponse, respond } from '../respond'
import { refuseCrossSiteWrite } from '../same-origin'
import { UnsupportedClausesError } from './query-source'

/** A query spec is small (the store takes 2 MiB, the most a valid one holds); a saved query's body no larger. */
export const QUERY_MAX_BODY_BYTES = 2 * 1024 * 1024

/** The request's body parsed as JSON, or the 413/400 to answer: read up to the limit, never further. */
export async function readJsonBody(request: Request, example: string): Promise<{ ok: true; value: unknown } | { ok: false; response: Response }> {
  const declared = Number(request.headers.get('content-length') ?? '0')
  const tooLarge = () => errorResponse('payload_too_large', `the body must be at most ${QUERY_MAX_BODY_BYTES} bytes`, 413)
  if (declared > QUERY_MAX_BODY_BYTES) return { ok: false, response: tooLarge() }
  const chunks: Uint8Array[] = []
  let size = 0
  if (request.body) {
    const reader = request.body.getReader()
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      size += value.byteLength
      if (size > QUERY_MAX_BODY_BYTES) {
        await reader.cancel()
        return { ok: false, response: tooLarge() }
      }
      chunks.push(value)
    }
  }
  const text = Buffer.concat(chunks).toString('utf8')
  try {
    return { ok: true, value: JSON.parse(text) }
  } catch {
    return { ok: false, response: badRequest(`the body must be JSON like ${example}`) }
  }
}

/**
 * A POST/DELETE route: refused with 403 unless it comes from the dashboard's own pages, then `run`; a spec the source
 * cannot answer is a 400 `unsupported_by_source` listing each clause, other failures as `respond` maps them.
 */
export function respondToWrite(request: Request, run: () => Promise<Response>): Promise<Response> {
  return respond(async () => {
    const refused = refuseCrossSiteWrite(request)
    if (refused) return refused
    try {
      return await run()
    } catch (error) {
      if (!(error instanceof UnsupportedClausesError)) throw error
      return Response.json(
        { error: { code: 'unsupported_by_source', message: `${error.sourceName} cannot answer every clause of this query`, unsupported: error.clauses } },
        { status: 400, headers: { 'cache-control': 'no-store' } },
      )
    }
  })
}
