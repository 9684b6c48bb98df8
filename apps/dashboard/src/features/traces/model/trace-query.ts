import { describeZodError } from '@spanlight/trace-store/helpers'
import { z } from 'zod'
import type { ParseResult } from './trace-id'

export { parseTraceId, type ParseResult } from './trace-id'

// Validation of the dashboard's own search API (/api/traces): the same parameters as the store's query API,
// checked before any source is contacted.

export const DEFAULT_TRACE_LIMIT = 50
export const MAX_TRACE_LIMIT = 500

export interface TraceQuery {
  service?: string
  spanName?: string
  minDurationMs?: number
  maxDurationMs?: number
  errorsOnly: boolean
  /**
   * With errorsOnly: only errors that are not HTTP 4xx answers (server errors, exceptions, network failures); the
   * store answers it (its errorsOnly=severe), Jaeger and Tempo cannot tell and answer every error.
   */
  severeErrorsOnly?: boolean
  attributes: { key: string; value: string }[]
  /** trace start range, unix ms, inclusive */
  startFromMs?: number
  startToMs?: number
  limit: number
  cursor?: string
}

const durationMs = z.coerce
  .number({ message: 'must be a number of milliseconds' })
  .finite({ message: 'must be a number of milliseconds' })
  .nonnegative({ message: 'must be >= 0' })
const unixMs = z.coerce
  .number({ message: 'must be unix milliseconds' })
  .int({ message: 'must be whole unix milliseconds' })
  .nonnegative({ message: 'must be >= 0' })

const querySchema = z
  .object({
    service: z.string().trim().min(1).max(200, { message: 'must be at most 200 characters' }).optional(),
    name: z.string().trim().min(1).max(500, { message: 'must be at most 500 characters' }).optional(),
    minDurationMs: durationMs.optional(),
    maxDurationMs: durationMs.optional(),
    errorsOnly: z.enum(['true', 'false', 'severe'], { message: "must be 'true', 'false' or 'severe'" }).optional(),
    attribute: z
      .array(
        z
          .string()
          .regex(/^[^=\s][^=]*=.*$/s, { message: "must be 'key=value'" })
          .max(500, { message: 'must be at most 500 characters' }),
      )
      .max(10, { message: 'at most 10 attribute filters' })
      .optional(),
    startFromMs: unixMs.optional(),
    startToMs: unixMs.optional(),
    limit: z.coerce
      .number({ message: 'must be a number' })
      .int({ message: 'must be a whole number' })
      .min(1, { message: 'must be >= 1' })
      .max(MAX_TRACE_LIMIT, { message: `must be <= ${MAX_TRACE_LIMIT}` })
      .optional(),
    cursor: z
      .string()
      .regex(/^[A-Za-z0-9_=-]{1,200}$/, { message: 'not a cursor returned by this API' })
      .optional(),
  })
  .strict()
  .refine((query) => query.minDurationMs === undefined || query.maxDurationMs === undefined || query.minDurationMs <= query.maxDurationMs, {
    message: 'must not be greater than maxDurationMs',
    path: ['minDurationMs'],
  })
  .refine((query) => query.startFromMs === undefined || query.startToMs === undefined || query.startFromMs <= query.startToMs, {
    message: 'must not be after startToMs',
    path: ['startFromMs'],
  })

/** Query parameters as an object, repeatable ones as lists and the last value winning otherwise. */
export function paramsObject(params: URLSearchParams, repeatable: string[]): Record<string, string | string[]> {
  const result: Record<string, string | string[]> = {}
  for (const key of new Set(params.keys())) result[key] = repeatable.includes(key) ? params.getAll(key) : params.getAll(key).at(-1)!
  return result
}

export function parseTraceQuery(params: URLSearchParams): ParseResult<TraceQuery> {
  const parsed = querySchema.safeParse(paramsObject(params, ['attribute']))
  if (!parsed.success) return { ok: false, reason: describeZodError(parsed.error) }
  const input = parsed.data
  return {
    ok: true,
    value: {
      service: input.service,
      spanName: input.name,
      minDurationMs: input.minDurationMs,
      maxDurationMs: input.maxDurationMs,
      errorsOnly: input.errorsOnly === 'true' || input.errorsOnly === 'severe',
      ...(input.errorsOnly === 'severe' ? { severeErrorsOnly: true } : {}),
      attributes: (input.attribute ?? []).map((pair) => {
        const separator = pair.indexOf('=')
        return { key: pair.slice(0, separator).trim(), value: pair.slice(separator + 1) }
      }),
      startFromMs: input.startFromMs,
      startToMs: input.startToMs,
      limit: input.limit ?? DEFAULT_TRACE_LIMIT,
      cursor: input.cursor,
    },
  }
}
