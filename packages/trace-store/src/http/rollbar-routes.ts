import type { IncomingMessage } from 'node:http'
import { z } from 'zod'
import { describeZodError } from './describe-zod-error.js'
import { paramsToObject, wholeNumberIn } from './parse-search-params.js'
import { occurrenceFacts } from '../rollbar/occurrence-facts.js'
import { replaceRemoteIp } from '../rollbar/remote-ip.js'
import { ITEM_STATUSES } from '../rollbar/rollbar-store.js'
import { readBody } from './read-body.js'
import { sendJson } from './respond.js'
import type { RouteRequest } from './route.js'
import type { StoreContext } from './store-context.js'
import { StoreError } from './store-error.js'
import { headerValue, tokenMatches } from './tokens.js'

/** Rollbar rejects larger item payloads too. */
export const ROLLBAR_MAX_BODY_BYTES = 1024 * 1024

/** A status change is a few bytes; Rollbar's PATCH fields together are well under this. */
export const ROLLBAR_PATCH_MAX_BODY_BYTES = 16 * 1024

/** Beyond it a page is empty anyway; it keeps the row offset a safe integer. */
export const MAX_PAGE = 1_000_000_000
const pageNumber = wholeNumberIn(1, MAX_PAGE)

const itemsQuerySchema = z
  .object({
    status: z.array(z.enum(['active', 'resolved', 'muted', 'archived'], { message: 'must be active, resolved, muted or archived' })).optional(),
    level: z.array(z.enum(['debug', 'info', 'warning', 'error', 'critical'], { message: 'must be debug, info, warning, error or critical' })).optional(),
    environment: z.array(z.string().min(1)).optional(),
    ids: z
      .string()
      .regex(/^\d+(,\d+)*$/, { message: 'must be comma-separated item ids' })
      .optional(),
    q: z.string().optional(),
    page: pageNumber.optional(),
    access_token: z.string().optional(),
  })
  .strict()

const pageQuerySchema = z.object({ page: pageNumber.optional(), access_token: z.string().optional() }).strict()

// Rollbar's PATCH also takes level, title, assignment and snoozing; the store keeps none of those, and refusing
// them (400, naming the field) is better than answering 200 for a change it did not make.
const patchItemSchema = z
  .object({
    status: z.enum(ITEM_STATUSES, { message: 'must be active, resolved, muted or archived' }),
    access_token: z.string().optional(),
  })
  .strict()

function presentedToken(request: IncomingMessage, url: URL): string | undefined {
  return headerValue(request.headers['x-rollbar-access-token']) ?? url.searchParams.get('access_token') ?? undefined
}

/** Rollbar's read APIs take the store's read token as X-Rollbar-Access-Token (or `access_token`). */
export function checkRollbarReadToken(request: IncomingMessage, url: URL, context: StoreContext): void {
  const { readToken } = context.options
  if (readToken && !tokenMatches(presentedToken(request, url), readToken)) throw new StoreError('unauthorized', 'invalid access token')
}

/**
 * Rollbar requires a token with write scope to change an item; the store takes its write token (as
 * X-Rollbar-Access-Token or `access_token`). Without one, the read token: a store that guards its reads never lets
 * anyone without a token change what they read. With neither, changes are as open as reads.
 */
export function checkRollbarWriteToken(request: IncomingMessage, url: URL, context: StoreContext): void {
  const token = context.options.writeToken ?? context.options.readToken
  if (token && !tokenMatches(presentedToken(request, url), token)) throw new StoreError('unauthorized', 'invalid access token')
}

/** GET /api/1/items */
export function listItems({ response, url, context }: RouteRequest): void {
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
}

/** GET /api/1/item/:id/instances — browser frames source-mapped where a map is known (source-map-resolver.ts) */
export async function listInstances({ response, url, params, context }: RouteRequest): Promise<void> {
  const parsed = pageQuerySchema.safeParse(paramsToObject(url.searchParams, []))
  if (!parsed.success) throw new StoreError('bad_request', describeZodError(parsed.error))
  const itemId = Number(params[0])
  if (!context.rollbar.item(itemId)) throw new StoreError('not_found', 'item not found')
  const result = context.rollbar.instances(itemId, parsed.data.page ?? 1)
  const instances = await Promise.all(
    result.instances.map(async (instance) => ({ ...instance, data: await context.frameResolver.resolveOccurrence(instance.data) })),
  )
  sendJson(response, 200, { err: 0, result: { ...result, instances } })
}

/** GET /api/1/item/:id */
export function getItem({ response, params, context }: RouteRequest): void {
  const item = context.rollbar.item(Number(params[0]))
  if (!item) throw new StoreError('not_found', 'item not found')
  sendJson(response, 200, { err: 0, result: item })
}

/** PATCH /api/1/item/:id with {"status": ...}: answers with the item as GET returns it. */
export async function patchItem({ request, response, params, context }: RouteRequest): Promise<void> {
  const body = await readBody(request, ROLLBAR_PATCH_MAX_BODY_BYTES)
  let payload: unknown
  try {
    payload = JSON.parse(body.toString('utf8'))
  } catch {
    throw new StoreError('bad_request', 'body is not valid JSON')
  }
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) throw new StoreError('bad_request', 'body must be a JSON object')
  const parsed = patchItemSchema.safeParse(payload)
  if (!parsed.success) throw new StoreError('bad_request', describeZodError(parsed.error))
  const item = context.rollbar.setStatus(Number(params[0]), parsed.data.status, Math.floor(Date.now() / 1000))
  if (!item) throw new StoreError('not_found', 'item not found')
  sendJson(response, 200, { err: 0, result: item })
}

/** Any other GET under /api/1/ */
export function unknownRollbarEndpoint({ url }: RouteRequest): never {
  throw new StoreError('not_found', `no Rollbar API endpoint at ${url.pathname}`)
}

/** POST /api/1/item/ (rollbar.js posts to its `endpoint` as given, so the API root is accepted as well) */
export async function postItem({ request, response, url, context }: RouteRequest): Promise<void> {
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
  const data = replaceRemoteIp(payloadObject.data as Record<string, unknown>, request.socket.remoteAddress)
  const result = context.rollbar.record(facts, data)
  sendJson(response, 200, { err: 0, result: { id: result.occurrenceId, uuid: result.uuid } })
}
