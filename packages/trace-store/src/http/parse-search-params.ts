import { z } from 'zod'
import { describeZodError } from './describe-zod-error.js'
import { StoreError } from './store-error.js'
import { decodeCursor, type TraceSearch } from '../query/trace-search.js'

export const DEFAULT_SEARCH_LIMIT = 20
export const MAX_SEARCH_LIMIT = 1000

/**
 * The largest time or duration in ms a search can name: the store keeps times as int64 ns, which end at
 * 2^63 - 1 ns (in the year 2262). A lower bound past it is refused; an upper bound past it means no bound.
 */
export const MAX_QUERY_MS = 9_223_372_036_854
const RANGE_MESSAGE = `must be from 0 to ${MAX_QUERY_MS}`

const durationMs = () => z.coerce.number({ message: 'must be a number' }).finite({ message: 'must be a number' }).min(0, { message: RANGE_MESSAGE })
const unixMs = () =>
  z.coerce
    .number({ message: 'must be unix milliseconds' })
    .finite({ message: 'must be unix milliseconds' })
    .int({ message: 'must be whole unix milliseconds' })
    .min(0, { message: RANGE_MESSAGE })
// "up to the year 3000" or Number.MAX_SAFE_INTEGER is what a user means by "no upper bound"
const noFurtherThanTheStore = (value: number) => Math.min(value, MAX_QUERY_MS)

/** A whole number parameter within a range; one message names the range, whatever is wrong with the number. */
export function wholeNumberIn(min: number, max: number) {
  return z.coerce
    .number({ message: 'must be a number' })
    .refine((value) => Number.isInteger(value) && value >= min && value <= max, { message: `must be a whole number from ${min} to ${max}` })
}

const searchSchema = z
  .object({
    service: z.string().min(1).optional(),
    name: z.string().min(1).optional(),
    minDurationMs: durationMs().max(MAX_QUERY_MS, { message: RANGE_MESSAGE }).optional(),
    maxDurationMs: durationMs().transform(noFurtherThanTheStore).optional(),
    errorsOnly: z.enum(['true', 'false', '1', '0', 'severe'], { message: "must be 'true', 'false' or 'severe'" }).optional(),
    attribute: z
      .array(z.string().regex(/^[^=]+=.*$/s, { message: "must be 'key=value'" }))
      .max(10, { message: 'at most 10 attribute filters' })
      .optional(),
    startFromMs: unixMs().max(MAX_QUERY_MS, { message: RANGE_MESSAGE }).optional(),
    startToMs: unixMs().transform(noFurtherThanTheStore).optional(),
    limit: wholeNumberIn(1, MAX_SEARCH_LIMIT).optional(),
    cursor: z.string().optional(),
  })
  .strict()
  .refine((search) => search.minDurationMs === undefined || search.maxDurationMs === undefined || search.minDurationMs <= search.maxDurationMs, {
    message: 'minDurationMs must not be greater than maxDurationMs',
    path: ['minDurationMs'],
  })
  .refine((search) => search.startFromMs === undefined || search.startToMs === undefined || search.startFromMs <= search.startToMs, {
    message: 'startFromMs must not be after startToMs',
    path: ['startFromMs'],
  })

/** Without a range, the dependency graph covers the last hour. */
export const DEFAULT_DEPENDENCY_LOOKBACK_MS = 60 * 60 * 1000

const timeRangeSchema = z
  .object({
    startFromMs: unixMs().max(MAX_QUERY_MS, { message: RANGE_MESSAGE }).optional(),
    startToMs: unixMs().transform(noFurtherThanTheStore).optional(),
  })
  .strict()

/** `startFromMs` / `startToMs` of GET /api/dependencies: by default the hour before `nowMs`. */
export function parseTimeRange(params: URLSearchParams, nowMs: number): { startFromMs: number; startToMs: number } {
  const parsed = timeRangeSchema.safeParse(paramsToObject(params, []))
  if (!parsed.success) throw new StoreError('bad_request', describeZodError(parsed.error))
  const startToMs = parsed.data.startToMs ?? nowMs
  const startFromMs = parsed.data.startFromMs ?? Math.max(0, startToMs - DEFAULT_DEPENDENCY_LOOKBACK_MS)
  if (startFromMs > startToMs) throw new StoreError('bad_request', 'startFromMs: must not be after startToMs')
  return { startFromMs, startToMs }
}

/** Collects query parameters, keeping repeated ones (`attribute`) as lists. */
export function paramsToObject(params: URLSearchParams, repeatable: string[]): Record<string, string | string[]> {
  const result: Record<string, string | string[]> = {}
  for (const key of new Set(params.keys())) {
    result[key] = repeatable.includes(key) ? params.getAll(key) : params.getAll(key).at(-1)!
  }
  return result
}

/** Validates the search parameters of GET /api/traces; throws a 400 StoreError that names what is wrong. */
export function parseSearchParams(params: URLSearchParams): TraceSearch {
  const parsed = searchSchema.safeParse(paramsToObject(params, ['attribute']))
  if (!parsed.success) throw new StoreError('bad_request', describeZodError(parsed.error))
  const input = parsed.data
  const cursor = input.cursor === undefined ? undefined : decodeCursor(input.cursor)
  if (cursor === null) throw new StoreError('bad_request', 'cursor: not a cursor returned by this API')
  return {
    service: input.service,
    spanName: input.name,
    minDurationMs: input.minDurationMs,
    maxDurationMs: input.maxDurationMs,
    errorsOnly: input.errorsOnly === 'severe' ? 'severe' : input.errorsOnly === 'true' || input.errorsOnly === '1' ? 'any' : undefined,
    attributes: input.attribute?.map((pair) => {
      const separator = pair.indexOf('=')
      return { key: pair.slice(0, separator), value: pair.slice(separator + 1) }
    }),
    startFromMs: input.startFromMs,
    startToMs: input.startToMs,
    limit: input.limit ?? DEFAULT_SEARCH_LIMIT,
    cursor,
  }
}
