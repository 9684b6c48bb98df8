import { describeZodError } from '@spanlight/trace-store/helpers'
import { z } from 'zod'
import { paramsObject, type ParseResult } from '../../traces/model/trace-query'
import { ROLLBAR_LEVELS, ROLLBAR_STATUSES, type RollbarLevel, type RollbarStatus } from './rollbar-model'

export interface ItemFilterValues {
  status?: RollbarStatus
  levels: RollbarLevel[]
  environment?: string
  query?: string
  page: number
}

const page = z.coerce
  .number({ message: 'must be a number' })
  .int({ message: 'must be a whole number' })
  .min(1, { message: 'must be >= 1' })
  .max(10_000, { message: 'must be <= 10000' })

const filtersSchema = z
  .object({
    status: z.enum(ROLLBAR_STATUSES, { message: `must be one of ${ROLLBAR_STATUSES.join(', ')}` }).optional(),
    level: z
      .array(z.enum(ROLLBAR_LEVELS, { message: `must be one of ${ROLLBAR_LEVELS.join(', ')}` }))
      .max(5)
      .optional(),
    environment: z.string().trim().min(1).max(200, { message: 'must be at most 200 characters' }).optional(),
    q: z.string().trim().min(1).max(200, { message: 'must be at most 200 characters' }).optional(),
    page: page.optional(),
  })
  .strict()

/** Filters of the errors list (/api/errors/items), validated. */
export function parseItemFilters(params: URLSearchParams): ParseResult<ItemFilterValues> {
  const parsed = filtersSchema.safeParse(paramsObject(params, ['level']))
  if (!parsed.success) return { ok: false, reason: describeZodError(parsed.error) }
  const input = parsed.data
  return { ok: true, value: { status: input.status, levels: input.level ?? [], environment: input.environment, query: input.q, page: input.page ?? 1 } }
}

export function parsePage(params: URLSearchParams): ParseResult<number> {
  const parsed = z.object({ page: page.optional() }).strict().safeParse(paramsObject(params, []))
  if (!parsed.success) return { ok: false, reason: describeZodError(parsed.error) }
  return { ok: true, value: parsed.data.page ?? 1 }
}

export function parseItemId(raw: string): ParseResult<number> {
  if (!/^\d{1,15}$/.test(raw) || Number(raw) < 1) return { ok: false, reason: 'itemId: must be a positive whole number' }
  return { ok: true, value: Number(raw) }
}
