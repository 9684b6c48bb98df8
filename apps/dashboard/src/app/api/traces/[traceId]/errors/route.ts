import { describeZodError } from '@spanlight/trace-store/helpers'
import { z } from 'zod'
import { paramsObject, parseTraceId } from '../../../../../features/traces/model/trace-query'
import { badRequest, json, respond } from '../../../../../server/respond'
import { getSources } from '../../../../../server/sources'

const querySchema = z
  .object({
    startMs: z.coerce
      .number({ message: 'must be unix milliseconds' })
      .int({ message: 'must be whole unix milliseconds' })
      .nonnegative({ message: 'must be >= 0' }),
  })
  .strict()

/** The Rollbar occurrences that carry this trace id, and how they were found (RQL, or a scan of recent items). */
export async function GET(request: Request, context: { params: Promise<{ traceId: string }> }): Promise<Response> {
  return respond(async () => {
    const traceId = parseTraceId((await context.params).traceId)
    if (!traceId.ok) return badRequest(traceId.reason)
    const query = querySchema.safeParse(paramsObject(new URL(request.url).searchParams, []))
    if (!query.success) return badRequest(describeZodError(query.error))
    return json(await getSources().rollbar.itemsForTrace(traceId.value, Math.floor(query.data.startMs / 1000)))
  })
}
