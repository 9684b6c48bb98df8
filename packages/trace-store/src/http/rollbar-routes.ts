import type { IncomingMessage, ServerResponse } from 'node:http'
import { z } from 'zod'
import { StoreError } from '../errors.js'
import { describeZodError, paramsToObject } from '../query/parse-search-params.js'
import { occurrenceFacts } from '../rollbar/occurrence-facts.js'
import { readBody } from './read-body.js'
import { sendJson } from './respond.js'
import type { StoreContext } from './store-context.js'
import { headerValue, tokenMatches } from './tokens.js'

/** Rollbar rejects larger item payloads too. */
export const ROLLBAR_MAX_BODY_BYTES = 1024 * 1024
const ITEM_PATH = /^\/api\/1\/item\/(\d{1,15})$/
const INSTANCES_PATH = /^\/api\/1\/item\/(\d{1,15})\/instances$/

const positiveInt = z.coerce.number({ message: 'must be a number' }).int({ message: 'must be a whole number' }).min(1, { message: 'must be >= 1' })

const itemsQuerySchema = z
  .object({
    status: z.array(z.enum(['active', 'resolved', 'muted', 'archived'], { message: 'must be active, resolved, muted or archived' })).optional(),
    level: z.array(z.enum(['debug', 'info', 'warning', 'error', 'critical'], { message: 'must be debug, info, warning, error or critical' })).optional(),
    environment: z.array(z.string().min(1)).optional(),
    ids: z.string().regex(/^\d+(,\d+)*$/, { message: 'must be comma-separated item ids' }).optional(),
    q: z.string().optional(),
    page: positiveInt.optional(),
    access_token: z.string().optional(),
  })
  .strict()

const pageQuerySchema = z.object({ page: positiveInt.optional(), access_token: z.string().optional() }).strict()

/** Rollbar's error envelope. */
function sendRollbarError(response: ServerResponse, error: StoreError): void {
  sendJson(response, error.httpStatus, { err: 1, message: error.message })
}

function presentedToken(request: IncomingMessage, url: URL): string | undefined {
  return headerValue(request.headers['x-rollbar-access-token']) ?? url.searchParams.get('access_token') ?? undefined
}

/** Routes the Rollbar-compatible API under /api/1/; false when the path is not one of it. */
export async function handleRollbar(request: IncomingMessage, response: ServerResponse, url: URL, context: StoreContext): Promise<boolean> {
  const path = url.pathname
  if (!path.startsWith('/api/1/')) return false
  try {
    // rollbar.js posts to its `endpoint` as given: accept the API root as well as Rollbar's item path.
    if (path === '/api/1/item/' || path === '/api/1/item' || (path === '/api/1/' && request.method === 'POST')) {
      if (request.method !== 'POST') throw new StoreError('method_not_allowed', 'use POST to report an item')
      await postItem(request, response, url, context)
      return true
    }
    if (request.method !== 'GET') throw new StoreError('method_not_allowed', `${request.method} is not allowed on ${path}`)
    const { readToken } = context.options
    if (readToken && !tokenMatches(presentedToken(request, url), readToken)) throw new StoreError('unauthorized', 'invalid access token')

    if (path === '/api/1/items' || path === '/api/1/items/') {
      const parsed = itemsQuerySchema.safeParse(paramsToObject(url.searchParams, ['status', 'level', 'environment']))
      if (!parsed.success) throw new StoreError('bad_request', describeZodError(parsed.error))
      const query = parsed.data
      const result = context.rollbar.listItems({
        statuses: query.status ?? [],
        levels: query.level ?? [],
        environments: query.environment ?? [],
        ids: query.ids ? query.ids.split(',').map(Number) : [],
        query: query.q,
        page: query.page ?? 1,
      })
      sendJson(response, 200, { err: 0, result })
      return true
    }
    const instancesMatch = INSTANCES_PATH.exec(path)
    if (instancesMatch) {
      const parsed = pageQuerySchema.safeParse(paramsToObject(url.searchParams, []))
      if (!parsed.success) throw new StoreError('bad_request', describeZodError(parsed.error))
      const itemId = Number(instancesMatch[1])
      if (!context.rollbar.item(itemId)) throw new StoreError('not_found', 'item not found')
      sendJson(response, 200, { err: 0, result: context.rollbar.instances(itemId, parsed.data.page ?? 1) })
      return true
    }
    const itemMatch = ITEM_PATH.exec(path)
    if (itemMatch) {
      const item = context.rollbar.item(Number(itemMatch[1]))
      if (!item) throw new StoreError('not_found', 'item not found')
      sendJson(response, 200, { err: 0, result: item })
      return true
    }
    throw new StoreError('not_found', `no Rollbar API endpoint at ${path}`)
  } catch (error) {
    if (!(error instanceof StoreError)) throw error
    if (error.code === 'payload_too_large') response.setHeader('Connection', 'close')
    sendRollbarError(response, error)
    return true
  }
}

async function postItem(request: IncomingMessage, response: ServerResponse, url: URL, context: StoreContext): Promise<void> {
  const body = await readBody(request, ROLLBAR_MAX_BODY_BYTES)
  let payload: unknown
  try {
    payload = JSON.parse(body.toString('utf8'))
  } catch {
    throw new StoreError('bad_request', 'body is not valid JSON')
  }
  const payloadObject = (payload ?? {}) as { access_token?: unknown; data?: unknown }
  const token = presentedToken(request, url) ?? (typeof payloadObject.access_token === 'string' ? payloadObject.access_token : undefined)
  if (!token) throw new StoreError('unauthorized', 'missing access token')
  const { rollbarPostToken } = context.options
  if (rollbarPostToken && !tokenMatches(token, rollbarPostToken)) throw new StoreError('unauthorized', 'invalid access token')

  const facts = occurrenceFacts(payloadObject.data, Math.floor(Date.now() / 1000))
  if (typeof facts === 'string') throw new StoreError('unprocessable', facts)
  const result = context.rollbar.record(facts, payloadObject.data as Record<string, unknown>)
  sendJson(response, 200, { err: 0, result: { id: result.occurrenceId, uuid: result.uuid } })
}
