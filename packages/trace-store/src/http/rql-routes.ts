import { z } from 'zod'
import { describeZodError } from './describe-zod-error.js'
import { paramsToObject } from './parse-search-params.js'
import { readBody } from './read-body.js'
import { sendJson } from './respond.js'
import type { RouteRequest } from './route.js'
import { StoreError } from './store-error.js'

/** A query is at most 10,000 characters (rql-query.ts); the body has room for that, escaped, and little else. */
export const RQL_MAX_BODY_BYTES = 64 * 1024

const createJobSchema = z.object({
  query_string: z.string({ message: 'must be a string' }).min(1, { message: 'must not be empty' }),
  // Rollbar reuses a finished job for the same query unless this is set; here every job runs anew (rql-jobs.ts)
  force_refresh: z.union([z.boolean(), z.literal(0), z.literal(1)], { message: 'must be true, false, 1 or 0' }).optional(),
  access_token: z.string().optional(),
})

const jobQuerySchema = z
  .object({
    expand: z.literal('result', { message: "must be 'result'" }).optional(),
    access_token: z.string().optional(),
  })
  .strict()

const resultQuerySchema = z.object({ access_token: z.string().optional() }).strict()

function parseQuery<T>(schema: z.ZodType<T>, url: URL): T {
  const parsed = schema.safeParse(paramsToObject(url.searchParams, []))
  if (!parsed.success) throw new StoreError('bad_request', describeZodError(parsed.error))
  return parsed.data
}

function findJob({ params, context }: RouteRequest) {
  const record = context.rqlJobs.find(Number(params[0]))
  if (!record) throw new StoreError('not_found', 'RQL job not found')
  return record
}

/** POST /api/1/rql/jobs: runs the query and answers with the finished job (status "success" or "failed"). */
export async function createRqlJob({ request, response, context }: RouteRequest): Promise<void> {
  const body = await readBody(request, RQL_MAX_BODY_BYTES)
  let payload: unknown
  try {
    payload = JSON.parse(body.toString('utf8'))
  } catch {
    throw new StoreError('bad_request', 'body is not valid JSON; send {"query_string": "..."} with Content-Type: application/json')
  }
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) throw new StoreError('bad_request', 'body must be a JSON object')
  const parsed = createJobSchema.safeParse(payload)
  if (!parsed.success) throw new StoreError('bad_request', describeZodError(parsed.error))
  const { job } = context.rqlJobs.create(parsed.data.query_string)
  sendJson(response, 200, { err: 0, result: job })
}

/** GET /api/1/rql/job/:id[?expand=result] */
export function getRqlJob(route: RouteRequest): void {
  const { expand } = parseQuery(jobQuerySchema, route.url)
  const { job, result } = findJob(route)
  sendJson(route.response, 200, { err: 0, result: expand === 'result' ? { ...job, result } : job })
}

/** GET /api/1/rql/job/:id/result */
export function getRqlJobResult(route: RouteRequest): void {
  parseQuery(resultQuerySchema, route.url)
  const { job, result } = findJob(route)
  sendJson(route.response, 200, { err: 0, result: { ...result, job_id: job.id } })
}
