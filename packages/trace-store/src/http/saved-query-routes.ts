import type { IncomingMessage } from 'node:http'
import { parseQuerySpec } from '../query/custom/query-spec.js'
import { QuerySpecError } from '../query/custom/query-spec-error.js'
import { MAX_SAVED_QUERIES } from '../store/saved-queries.js'
import { readBody } from './read-body.js'
import { sendJson } from './respond.js'
import type { RouteRequest } from './route.js'
import type { StoreContext } from './store-context.js'
import { StoreError } from './store-error.js'
import { tokenMatches } from './tokens.js'

// Saved queries: GET /api/saved-queries, POST /api/saved-queries, DELETE /api/saved-queries/:id.

export const MAX_QUERY_NAME_LENGTH = 200
const SAVED_QUERY_MAX_BODY_BYTES = 2 * 1024 * 1024

/** Saving and deleting change what every reader sees: the write token when one is set, else the read token. */
export function checkQueryWriteToken(request: IncomingMessage, _url: URL, context: StoreContext): void {
  const token = context.options.writeToken ?? context.options.readToken
  const presented = request.headers.authorization?.replace(/^Bearer\s+/i, '')
  if (token && !tokenMatches(presented, token)) throw new StoreError('unauthorized', 'missing or wrong write token (Authorization: Bearer …)')
}

/** GET /api/saved-queries → `{savedQueries: [{id, name, query, createdAtMs}]}`, newest first */
export function listSavedQueries({ response, context }: RouteRequest): void {
  sendJson(response, 200, { savedQueries: context.savedQueries.list() })
}

function readSaveBody(body: Buffer): { name: string; query: unknown } {
  let payload: unknown
  try {
    payload = JSON.parse(body.toString('utf8'))
  } catch {
    throw new StoreError('bad_request', 'body is not valid JSON; send {"name": "…", "query": <a query spec>}')
  }
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload))
    throw new StoreError('bad_request', 'body must be {"name": "…", "query": <a query spec>}')
  const { name, query, ...rest } = payload as Record<string, unknown>
  if (Object.keys(rest).length > 0) throw new StoreError('bad_request', `unknown field(s): ${Object.keys(rest).join(', ')}`)
  if (typeof name !== 'string' || name.trim() === '' || name.length > MAX_QUERY_NAME_LENGTH) {
    throw new StoreError('bad_request', `name: must be text of 1 to ${MAX_QUERY_NAME_LENGTH} characters`)
  }
  try {
    parseQuerySpec(query, Date.now())
  } catch (error) {
    if (error instanceof QuerySpecError) throw new StoreError('bad_request', `query.${error.message}`)
    throw error
  }
  return { name: name.trim(), query }
}

/** POST /api/saved-queries `{name, query}` → 201 `{savedQuery}`; the query must be a valid spec (kept as sent) */
export async function saveQuery({ request, response, context }: RouteRequest): Promise<void> {
  const { name, query } = readSaveBody(await readBody(request, SAVED_QUERY_MAX_BODY_BYTES))
  const savedQuery = context.savedQueries.save(name, query, Date.now())
  if (!savedQuery) throw new StoreError('unprocessable', `at most ${MAX_SAVED_QUERIES} queries are saved; delete one first`)
  sendJson(response, 201, { savedQuery })
}

/** DELETE /api/saved-queries/:id → 204, or 404 */
export function deleteSavedQuery({ response, params, context }: RouteRequest): void {
  if (!context.savedQueries.delete(Number(params[0]))) throw new StoreError('not_found', `no saved query ${params[0]}`)
  response.writeHead(204).end()
}
