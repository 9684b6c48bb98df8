import { describeZodError } from '@spanlight/trace-store/helpers'
import { z } from 'zod'
import { paramsObject } from '../../../features/traces/model/trace-query'
import { badRequest, json, respond } from '../../../server/respond'
import { getSources } from '../../../server/sources'

const unixMs = z.coerce
  .number({ message: 'must be unix milliseconds' })
  .int({ message: 'must be whole unix milliseconds' })
  .nonnegative({ message: 'must be >= 0' })
const rangeSchema = z
  .object({ startFromMs: unixMs, startToMs: unixMs })
  .strict()
  .refine((range) => range.startFromMs <= range.startToMs, { message: 'must not be after startToMs', path: ['startFromMs'] })

/** Calls between services in a time range, from the configured trace source when it offers them. */
export async function GET(request: Request): Promise<Response> {
  return respond(async () => {
    const parsed = rangeSchema.safeParse(paramsObject(new URL(request.url).searchParams, []))
    if (!parsed.success) return badRequest(describeZodError(parsed.error))
    const source = getSources().traces
    if (!source.dependencies) {
      return json({ supported: false, reason: `${source.name} offers no service dependency graph to the dashboard`, dependencies: [] })
    }
    return json(await source.dependencies(parsed.data))
  })
}
