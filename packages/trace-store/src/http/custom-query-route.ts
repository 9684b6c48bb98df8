import { QueryIndexError } from '../query/columnar/columnar-index.js'
import { parseCompareSpec } from '../query/custom/compare-spec.js'
import { parseQuerySpec } from '../query/custom/query-spec.js'
import { QuerySpecError } from '../query/custom/query-spec-error.js'
import { readBody } from './read-body.js'
import { sendJsonText } from './respond.js'
import type { RouteRequest } from './route.js'
import { StoreError } from './store-error.js'

/** A Honeycomb query spec is small: 1,000 `in` values of 1 KiB each is the most a valid one holds. */
export const QUERY_MAX_BODY_BYTES = 2 * 1024 * 1024

function readSpecJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'))
  } catch {
    throw new StoreError('bad_request', 'body is not valid JSON; send a Honeycomb Query Specification with Content-Type: application/json')
  }
}

/** The status and message for a query the index did not answer. */
function indexError(error: QueryIndexError): StoreError {
  switch (error.reason) {
    case 'timeout':
      return new StoreError('unprocessable', 'the query ran past its time budget and was stopped; narrow the time range or add filters')
    case 'memory':
      return new StoreError(
        'unprocessable',
        'the query needed more memory than its budget and was stopped; narrow the time range, add filters or use fewer breakdowns',
      )
    case 'internal':
      return new StoreError('internal', 'the query failed in the query index')
    case 'unavailable':
      return new StoreError('service_unavailable', 'the query index is not available; see the store log')
  }
}

/** Reads and validates a body; a QuerySpecError becomes a 400 naming the clause. */
async function readSpec<T>(request: RouteRequest['request'], parse: (body: unknown, nowMs: number) => T): Promise<T> {
  const body = await readBody(request, QUERY_MAX_BODY_BYTES)
  try {
    return parse(readSpecJson(body), Date.now())
  } catch (error) {
    if (error instanceof QuerySpecError) throw new StoreError('bad_request', error.message)
    throw error
  }
}

async function answer(response: RouteRequest['response'], run: () => Promise<string>): Promise<void> {
  try {
    sendJsonText(response, 200, await run())
  } catch (error) {
    if (error instanceof QueryIndexError) throw indexError(error)
    throw error
  }
}

function queryIndexOf(context: RouteRequest['context']) {
  if (!context.queryIndex) throw new StoreError('service_unavailable', 'custom queries are off: the store was started without its query index')
  return context.queryIndex
}

/** POST /api/query: runs a Honeycomb Query Specification over the stored spans; the results as JSON (run-query.ts). */
export async function postQuery({ request, response, context }: RouteRequest): Promise<void> {
  const spec = await readSpec(request, parseQuerySpec)
  const index = queryIndexOf(context)
  await answer(response, () => index.query(spec))
}

/** POST /api/query/compare: `{query, selection}` → every field ranked by how the selection differs (compare-query.ts). */
export async function postCompare({ request, response, context }: RouteRequest): Promise<void> {
  const spec = await readSpec(request, parseCompareSpec)
  const index = queryIndexOf(context)
  await answer(response, () => index.compare(spec))
}
