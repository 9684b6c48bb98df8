import { z } from 'zod'
import { badRequest, json, respond } from '../../../server/respond'
import { readJsonBody, respondToWrite } from '../../../server/query/query-route-helpers'
import { getSources } from '../../../server/sources'

const bodySchema = z.strictObject({
  name: z.string({ error: 'must be a name' }).trim().min(1, { error: 'must not be empty' }).max(200, { error: 'must be at most 200 characters' }),
  query: z.record(z.string(), z.unknown(), { error: 'must be a Honeycomb Query Specification (an object)' }),
})

/** The saved queries (they live in the store whatever the trace source): `{savedQueries:[{id,name,query,createdAtMs}]}`. */
export async function GET(): Promise<Response> {
  return respond(async () => json(await getSources().savedQueries.list()))
}

/** Saves a query under a name; only from the dashboard's own pages. Answers 201 `{savedQuery}`. */
export async function POST(request: Request): Promise<Response> {
  return respondToWrite(request, async () => {
    const body = await readJsonBody(request, '{"name":"slow routes","query":{"time_range":3600}}')
    if (!body.ok) return body.response
    const parsed = bodySchema.safeParse(body.value)
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      const where = issue?.path.join('.') ?? ''
      const message = issue?.code === 'unrecognized_keys' ? `unknown field(s): ${issue.keys.join(', ')}` : (issue?.message ?? 'invalid')
      return badRequest(where ? `${where}: ${message}` : message)
    }
    const created = await getSources().savedQueries.create(parsed.data.name, parsed.data.query)
    return Response.json(created, { status: 201, headers: { 'cache-control': 'no-store' } })
  })
}
