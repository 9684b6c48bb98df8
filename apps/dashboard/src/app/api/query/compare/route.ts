import { z } from 'zod'
import { badRequest, json } from '../../../../server/respond'
import { readJsonBody, respondToWrite } from '../../../../server/query/query-route-helpers'
import { getSources } from '../../../../server/sources'

const unixSeconds = z.number({ error: 'must be whole unix seconds' }).int({ error: 'must be whole unix seconds' }).min(0)
const bodySchema = z.strictObject({
  query: z.record(z.string(), z.unknown(), { error: 'must be a Honeycomb Query Specification (an object)' }),
  selection: z.strictObject(
    { filters: z.array(z.unknown(), { error: 'must be a list of filters' }).optional(), start_time: unixSeconds.optional(), end_time: unixSeconds.optional() },
    { error: 'must be an object' },
  ),
})

/**
 * Compares the spans a selection picks with the rest of the query's population (the query's time range and filters);
 * only from the dashboard's own pages. Answers `{query, selection:{count}, baseline:{count}, results:[…], meta}`.
 */
export async function POST(request: Request): Promise<Response> {
  return respondToWrite(request, async () => {
    const body = await readJsonBody(request, '{"query":{"time_range":3600},"selection":{"filters":[{"column":"error","op":"=","value":true}]}}')
    if (!body.ok) return body.response
    const parsed = bodySchema.safeParse(body.value)
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      const where = issue?.path.join('.') ?? ''
      const message = issue?.code === 'unrecognized_keys' ? `unknown field(s): ${issue.keys.join(', ')}` : (issue?.message ?? 'invalid')
      return badRequest(where ? `${where}: ${message}` : message)
    }
    const { start_time: startSec, end_time: endSec } = parsed.data.selection
    if ((startSec === undefined) !== (endSec === undefined)) return badRequest('selection: start_time and end_time go together')
    if (startSec !== undefined && endSec !== undefined && startSec >= endSec) return badRequest('selection.start_time: must be before end_time')
    return json(await getSources().queries.compare(parsed.data))
  })
}
